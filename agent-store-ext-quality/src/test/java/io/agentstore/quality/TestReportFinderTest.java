package io.agentstore.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where {@link TestReportFinder} looks and what it leaves: real report files of this module's test resources
 * copied into a temp project, with modification times set around the call's start.
 */
class TestReportFinderTest {
    private static final Path REPORTS = Path.of("src/test/resources/reports");

    @TempDir
    Path project;

    private Path copy(String from, String to, Instant modified) throws Exception {
        Path target = project.resolve(to);
        Files.createDirectories(target.getParent());
        Files.copy(REPORTS.resolve(from), target);
        Files.setLastModifiedTime(target, FileTime.from(modified));
        return target;
    }

    private List<String> found(String command, Instant since) {
        return TestReportFinder.find(command, null, project, since).stream()
                .map(f -> project.relativize(f.path()).toString())
                .toList();
    }

    @Test
    void takesTheReportsWrittenSinceTheCallStartedWhereTheFrameworksWriteThem() throws Exception {
        Instant start = Instant.parse("2026-03-01T10:00:00Z");
        Instant during = start.plusSeconds(20);
        copy("surefire/TEST-sample.FlakyTest.xml", "target/surefire-reports/TEST-sample.FlakyTest.xml", during);
        copy("surefire/TEST-sample.FlakyTest.xml", "target/failsafe-reports/TEST-sample.FlakyIT.xml", start);
        copy("surefire/TEST-sample.FlakyTest.xml", "target/failsafe-reports/failsafe-summary.xml", during);
        copy("surefire/TEST-sample.FlakyTest.xml", "target/surefire-reports/TEST-old.xml", start.minusSeconds(1));
        copy(
                "gradle/test-results/test/TEST-com.example.GradleTest.xml",
                "app/build/test-results/test/TEST-com.example.GradleTest.xml",
                during);
        copy("pytest/junit.xml", "junit-results.xml", during);
        copy("pytest/junit.xml", "reports/py.xml", during);
        copy("jest/jest.json", "out/jest.json", during);

        assertThat(found("mvn -B verify", start))
                .containsExactly(
                        "app/build/test-results/test/TEST-com.example.GradleTest.xml",
                        "junit-results.xml",
                        "target/failsafe-reports/TEST-sample.FlakyIT.xml",
                        "target/surefire-reports/TEST-sample.FlakyTest.xml");
        assertThat(found("cd . && pytest --junitxml=reports/py.xml -q", start)).contains("reports/py.xml");
        assertThat(found("pytest --junit-xml 'reports/py.xml'", start)).contains("reports/py.xml");
        assertThat(found("npx jest --json --outputFile=out/jest.json", start)).contains("out/jest.json");
        assertThat(found("npx jest --outputFile=out/jest.json", start))
                .as("no --json: the file is not a JSON report")
                .doesNotContain("out/jest.json");
        assertThat(found("ls target && cat junit-results.xml", start))
                .as("no test command")
                .isEmpty();
        assertThat(found("mvn -B verify", during.plusSeconds(1)))
                .as("all written before the call")
                .isEmpty();
    }

    @Test
    void isBoundedAndFollowsNoLinks() throws Exception {
        Instant start = Instant.parse("2026-03-01T10:00:00Z");
        Path dir = Files.createDirectories(project.resolve("target/surefire-reports"));
        Path one = copy("surefire/TEST-sample.FlakyTest.xml", "elsewhere/TEST-x.xml", start);
        for (int i = 0; i < TestReportFinder.MAX_FILES + 50; i++) {
            Path f = dir.resolve("TEST-" + i + ".xml");
            Files.copy(one, f);
            Files.setLastModifiedTime(f, FileTime.from(start));
        }
        Files.createSymbolicLink(project.resolve("junit-linked.xml"), one);
        List<String> found = found("mvn test", start);
        assertThat(found).hasSize(TestReportFinder.MAX_FILES).noneMatch(p -> p.contains("linked"));
    }
}
