package io.agentstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.quality.QualityModule;
import io.agentstore.spi.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * The real hook path for test reports: a project folder gets the reports its test commands wrote (the quality
 * module's Surefire, Gradle, pytest and Jest report files, copied in as the command would have written them), a
 * {@code PostToolUse} payload of each command is piped into {@code agent-store hook}, and {@code ingest claude-code}
 * drains the spool. Each report written during the call is one run of the session, counted as the XML counts
 * itself (re-counted here with a DOM parser); a report older than the call is not taken; the hook of a second
 * command that finds the same files adds no run.
 */
class HookTestReportsTest {
    private static final Path REPORTS = Path.of("../agent-store-ext-quality/src/test/resources/reports");
    private static final String SESSION = "0b6d3b0a-7c1e-4a55-9a2b-3a6c1e2f9d10";

    @TempDir
    Path dir;

    private String db() {
        return dir.resolve("store/agent-store.duckdb").toString();
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private void hooks(String id, Path cwd, String command, String stdout) {
        String common = "\"session_id\":\"" + SESSION + "\",\"transcript_path\":\"/x/t.jsonl\",\"cwd\":"
                + json(cwd.toString()) + ",\"tool_name\":\"Bash\",\"tool_use_id\":\"" + id + "\",\"tool_input\":{"
                + "\"command\":" + json(command) + "}";
        Cli pre = Cli.withStdin("{" + common + ",\"hook_event_name\":\"PreToolUse\"}", "hook", "--db", db());
        assertThat(pre.code()).as(pre.err()).isZero();
        Cli post = Cli.withStdin(
                "{" + common + ",\"hook_event_name\":\"PostToolUse\",\"duration_ms\":30000,\"tool_response\":{"
                        + "\"stdout\":" + json(stdout) + ",\"stderr\":\"\",\"interrupted\":false}}",
                "hook",
                "--db",
                db());
        assertThat(post.code()).as(post.err()).isZero();
        assertThat(post.out()).as("PostToolUse prints nothing").isBlank();
    }

    private void ingest() {
        Cli ingest = Cli.run(
                "ingest",
                "claude-code",
                "--db",
                db(),
                "--projects",
                dir.resolve("none").toString(),
                "--idle-after",
                "0s");
        assertThat(ingest.code()).as(ingest.err()).isZero();
    }

    private static Path copy(Path from, Path to) throws Exception {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(to, FileTime.from(Instant.now()));
        return to;
    }

    /** The number of {@code testcase} elements of a JUnit XML file, by a DOM parser. */
    private static long testcases(Path xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document d = f.newDocumentBuilder().parse(xml.toFile());
        return d.getElementsByTagName("testcase").getLength();
    }

    @Test
    void theHookImportsTheReportsItsTestCommandWrote() throws Exception {
        Path project = Files.createDirectories(dir.resolve("project"));
        Path surefire = project.resolve("target/surefire-reports");
        Path flaky = copy(
                REPORTS.resolve("surefire/TEST-sample.FlakyTest.xml"), surefire.resolve("TEST-sample.FlakyTest.xml"));
        Path gradleStyle = copy(
                REPORTS.resolve("gradle/test-results/test/TEST-com.example.GradleTest.xml"),
                project.resolve("module-a/target/surefire-reports/TEST-com.example.GradleTest.xml"));
        // written by an earlier build, an hour before the call: not this command's
        Path old = copy(REPORTS.resolve("pytest/junit.xml"), surefire.resolve("TEST-old.xml"));
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(3600)));
        Files.writeString(surefire.resolve("failsafe-summary.xml"), "<failsafe-summary/>");
        hooks("toolu_mvn", project, "mvn -B test", "[INFO] Tests run: 5, Failures: 1, Errors: 0, Skipped: 0");

        Path pytest = copy(REPORTS.resolve("pytest/junit.xml"), project.resolve("out/py/junit.xml"));
        hooks("toolu_py", project, "cd . && python -m pytest --junitxml=out/py/junit.xml tests", "");

        Path jest = copy(REPORTS.resolve("jest/jest.json"), project.resolve("out/jest-results.json"));
        hooks("toolu_jest", project, "npx jest --json --outputFile=out/jest-results.json", "");

        // not a test command: nothing looked for
        hooks("toolu_ls", project, "ls target/surefire-reports", "TEST-sample.FlakyTest.xml");
        ingest();

        try (AgentStore store = AgentStore.builder()
                .path(Path.of(db()))
                .install(QualityModule.create())
                .build()) {
            Map<String, Long> byReport = new TreeMap<>();
            List<Row> runs = store.sql("SELECT report_path, total_tests, session_id, attributes->>'tool_use_id' AS call"
                            + " FROM v_test_runs WHERE attributes->>'found_by' = 'hook'")
                    .rows();
            runs.forEach(r -> byReport.put(r.string("report_path"), r.int64("total_tests")));
            assertThat(byReport)
                    .isEqualTo(Map.of(
                            flaky.toAbsolutePath().normalize().toString(), testcases(flaky),
                            gradleStyle.toAbsolutePath().normalize().toString(), testcases(gradleStyle),
                            pytest.toAbsolutePath().normalize().toString(), testcases(pytest),
                            jest.toAbsolutePath().normalize().toString(), jestTests(jest)));
            assertThat(runs).allSatisfy(r -> assertThat(r.string("session_id")).isEqualTo(SESSION));
            Map<String, String> calls = new TreeMap<>();
            runs.forEach(r ->
                    calls.put(Path.of(r.string("report_path")).getFileName().toString(), r.string("call")));
            assertThat(calls)
                    .isEqualTo(Map.of(
                            "TEST-sample.FlakyTest.xml", "toolu_mvn",
                            "TEST-com.example.GradleTest.xml", "toolu_mvn",
                            "junit.xml", "toolu_py",
                            "jest-results.json", "toolu_jest"));
            assertThat(store.sql("SELECT count(*) AS n FROM v_test_runs WHERE report_path LIKE '%TEST-old.xml'")
                            .rows()
                            .get(0)
                            .int64("n"))
                    .isZero();
        }

        // the same reports found again by a later command's hook: still one run each
        hooks("toolu_mvn2", project, "./mvnw verify", "");
        ingest();
        try (AgentStore store = AgentStore.builder()
                .path(Path.of(db()))
                .install(QualityModule.create())
                .build()) {
            assertThat(store.sql("SELECT count(*) AS n FROM v_test_runs WHERE attributes->>'found_by' = 'hook'")
                            .rows()
                            .get(0)
                            .int64("n"))
                    .isEqualTo(4L);
        }
    }

    /**
     * The tests of a Jest {@code --json} file as the importer counts them: {@code numTotalTests}, plus one error
     * case per suite that failed to run ({@code numRuntimeErrorTestSuites}: its tests never ran, the suite is the
     * case).
     */
    private static long jestTests(Path json) throws Exception {
        var node = io.agentstore.spi.Json.MAPPER.readTree(json.toFile());
        return node.path("numTotalTests").asLong()
                + node.path("numRuntimeErrorTestSuites").asLong();
    }
}
