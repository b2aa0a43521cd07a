package io.agentstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.quality.QualityModule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ingest tests}, {@code ingest git} and {@code report quality}, run in this JVM. */
class QualityCliTest {
    @TempDir
    Path dir;

    private String db() {
        return dir.resolve("store/agent-store.duckdb").toString();
    }

    @Test
    void ingestTestsTwiceThenReportQuality() throws Exception {
        Path reports = Files.createDirectories(dir.resolve("surefire-reports"));
        Files.writeString(
                reports.resolve("TEST-demo.ATest.xml"),
                "<testsuite name='demo.ATest' tests='3' failures='1'"
                        + " timestamp='2025-06-10T10:00:00Z'><testcase classname='demo.ATest' name='ok'/>"
                        + "<testcase classname='demo.ATest' name='wobbly'><flakyFailure message='timing'/></testcase>"
                        + "<testcase classname='demo.ATest' name='broken'><failure message='expected 1'/></testcase></testsuite>");
        Files.writeString(reports.resolve("junk.xml"), "<testsuite", StandardCharsets.UTF_8);
        String sha = "0123456789abcdef0123456789abcdef01234567";

        Cli first = Cli.run("ingest", "tests", "--db", db(), "--commit", sha, reports.toString());
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out())
                .contains("2 report file(s): 1 new run(s) with 3 test case(s), 0 already imported, 1 bad file(s)")
                .contains("v_ingest_errors");
        Cli again = Cli.run("ingest", "tests", "--db", db(), "--commit", sha, reports.toString());
        assertThat(again.out()).contains("0 new run(s)").contains("1 already imported");

        Cli report = Cli.run("report", "quality", "--db", db(), "--days", "100000");
        assertThat(report.code()).as(report.err()).isZero();
        assertThat(report.out())
                .contains("Test runs: 1 (1 red), 3 tests, pass rate 66.7%")
                .contains(
                        "Latest run: 2025-06-10T10:00:00Z junit, 2 passed, 1 failed, 0 errors, 0 skipped, 1 flaky, commit 0123456789 (explicit)")
                .contains("Flaky tests: 1")
                .contains("demo.ATest#wobbly: 0 flip(s), 1 flaky run(s) in 1 execution(s)");

        try (AgentStore store = AgentStore.builder()
                .path(Path.of(db()))
                .install(QualityModule.create())
                .build()) {
            assertThat(store.sql("SELECT count(*) AS n FROM fact_test_case")
                            .rows()
                            .get(0)
                            .int64("n"))
                    .isEqualTo(3L);
        }
    }

    @Test
    void ingestGitOfTheProjectsOwnRepository() throws Exception {
        Path self = Path.of("").toAbsolutePath();
        Process p = new ProcessBuilder("git", "-C", self.toString(), "rev-list", "--count", "HEAD").start();
        long expected = Long.parseLong(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
        assertThat(p.waitFor()).isZero();
        Cli r = Cli.run("ingest", "git", "--db", db(), self.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains(expected + " commit(s) read, " + expected + " new");
        Cli report = Cli.run("report", "quality", "--db", db());
        assertThat(report.out())
                .contains("Commits imported: " + expected)
                .contains("Test runs: 0 (0 red), 0 tests, pass rate -");
        Cli notRepo = Cli.run("ingest", "git", "--db", db(), dir.toString());
        assertThat(notRepo.code()).isEqualTo(Main.EXIT_DATA);
        assertThat(notRepo.err()).contains("is not in a git repository");
    }
}
