package io.agentstore.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstore.AgentStore;
import io.agentstore.spi.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code importTestReports} on project-owned reports of every supported shape, each checked against counts
 * worked out by hand from the file; garbage files; idempotence; the commit rules.
 */
class TestReportImportTest {
    @TempDir
    Path tmp;

    private static Row one(AgentStore store, String sql, Object... params) {
        List<Row> rows = store.sql(sql, params).rows();
        assertThat(rows).as(sql).hasSize(1);
        return rows.get(0);
    }

    private static Map<String, String> statuses(AgentStore store, String reportSuffix) {
        return store
                .sql(
                        "SELECT class_name || '#' || test_name AS t, status || CASE WHEN is_flaky THEN '+flaky' ELSE '' END"
                                + " || '/' || rerun_count AS s FROM v_test_cases WHERE ends_with(report_path, ?)",
                        reportSuffix)
                .rows()
                .stream()
                .collect(Collectors.toMap(r -> r.string("t"), r -> r.string("s")));
    }

    @Test
    void surefireFlakyAndRerunFailuresAreRecordedNotHidden() {
        try (AgentStore store = Fixtures.store("2026-01-01T00:00:00Z")) {
            TestImportSummary s = QualityModule.of(store).importTestReports(List.of(Fixtures.reports("surefire")));
            assertThat(s).isEqualTo(new TestImportSummary(1, 1, 0, 6, 0));
            Row run = one(store, "SELECT * FROM v_test_runs");
            assertThat(run.string("framework")).isEqualTo("surefire");
            assertThat(List.of(
                            run.int64("total_tests"),
                            run.int64("passed"),
                            run.int64("failed"),
                            run.int64("errors"),
                            run.int64("skipped"),
                            run.int64("flaky"),
                            run.int64("duration_ms")))
                    .containsExactly(6L, 3L, 1L, 1L, 1L, 1L, 1250L);
            assertThat(run.bool("is_green")).isFalse();
            assertThat(statuses(store, "TEST-sample.FlakyTest.xml"))
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "sample.FlakyTest#passes", "passed/0",
                            "sample.FlakyTest#passesOnRerun", "passed+flaky/1",
                            "sample.FlakyTest#alwaysFails", "failed/2",
                            "sample.FlakyTest#explodes", "error/0",
                            "sample.FlakyTest#ignored", "skipped/0",
                            "sample.FlakyTest#parameterized[1] 名前", "passed/0"));
            Row flaky = one(
                    store,
                    "SELECT failure_type, failure_message, duration_ms FROM v_test_cases WHERE test_name = 'passesOnRerun'");
            assertThat(flaky.string("failure_message")).isEqualTo("expected: <1> but was: <2>");
            assertThat(flaky.string("failure_type")).isEqualTo("org.opentest4j.AssertionFailedError");
            assertThat(flaky.int64("duration_ms")).isEqualTo(120L);
            assertThat(one(store, "SELECT failure_message FROM v_test_cases WHERE test_name = 'alwaysFails'")
                            .string("failure_message"))
                    .isEqualTo("boom");
            assertThat(store.sql("SELECT class_name, test_name, flaky_runs FROM v_flaky_tests")
                            .rows())
                    .extracting(r -> r.string("test_name") + ":" + r.int64("flaky_runs"))
                    .containsExactly("passesOnRerun:1");
        }
    }

    @Test
    void pytestReportWrittenByPytestItself() {
        try (AgentStore store = Fixtures.store("2027-01-01T00:00:00Z")) {
            QualityModule.of(store).importTestReports(List.of(Fixtures.reports("pytest/junit.xml")));
            Row run = one(store, "SELECT * FROM v_test_runs");
            assertThat(run.string("framework")).isEqualTo("pytest");
            assertThat(run.instant("occurred_at")).isEqualTo(Instant.parse("2026-12-01T23:38:31.870392Z"));
            assertThat(List.of(run.int64("passed"), run.int64("failed"), run.int64("errors"), run.int64("skipped")))
                    .containsExactly(2L, 1L, 1L, 1L);
            assertThat(run.int64("duration_ms")).isEqualTo(77L);
            assertThat(statuses(store, "junit.xml"))
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "test_sample#test_adds", "passed/0",
                            "test_sample#test_breaks", "failed/0",
                            "test_sample#test_skipped", "skipped/0",
                            "test_sample#test_uses_broken_fixture", "error/0",
                            "test_sample.TestGroup#test_in_class", "passed/0"));
            assertThat(one(store, "SELECT failure_message FROM v_test_cases WHERE test_name = 'test_breaks'")
                            .string("failure_message"))
                    .startsWith("AssertionError: the words differ");
        }
    }

    @Test
    void pytestRunLiveOnAProjectOwnedTestFile() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("py"));
        Files.copy(Fixtures.reports("pytest/test_sample.py"), dir.resolve("test_sample.py"));
        ProcessBuilder pb = new ProcessBuilder(
                        "python3",
                        "-m",
                        "pytest",
                        "-q",
                        "-p",
                        "no:cacheprovider",
                        "--junitxml=" + dir.resolve("out.xml"),
                        "test_sample.py")
                .directory(dir.toFile())
                .redirectErrorStream(true);
        Process p;
        try {
            p = pb.start();
        } catch (java.io.IOException e) {
            // no python3 on this machine: the committed report (written by pytest 9 on this file) stands in
            Files.copy(Fixtures.reports("pytest/junit.xml"), dir.resolve("out.xml"));
            p = null;
        }
        if (p != null) {
            p.getInputStream().readAllBytes();
            // exit 1: some tests failed, as the file intends; anything else means pytest is missing or broke
            int code = p.waitFor();
            if (code != 1) {
                Files.copy(
                        Fixtures.reports("pytest/junit.xml"),
                        dir.resolve("out.xml"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        try (AgentStore store = Fixtures.store("2030-01-01T00:00:00Z")) {
            QualityModule.of(store).importTestReports(List.of(dir.resolve("out.xml")));
            Row run = one(store, "SELECT * FROM v_test_runs");
            assertThat(List.of(
                            run.int64("total_tests"),
                            run.int64("passed"),
                            run.int64("failed"),
                            run.int64("errors"),
                            run.int64("skipped")))
                    .containsExactly(5L, 2L, 1L, 1L, 1L);
        }
    }

    @Test
    void gradleReportWithAZonelessTimestampIsReadAsUtc() {
        try (AgentStore store = Fixtures.store("2026-01-01T00:00:00Z")) {
            QualityModule.of(store).importTestReports(List.of(Fixtures.reports("gradle")));
            Row run = one(store, "SELECT * FROM v_test_runs");
            assertThat(run.string("framework")).isEqualTo("gradle");
            assertThat(run.instant("occurred_at")).isEqualTo(Instant.parse("2025-06-10T10:00:00Z"));
            assertThat(run.string("attributes")).contains("no zone, read as UTC");
            assertThat(List.of(
                            run.int64("passed"), run.int64("failed"), run.int64("skipped"), run.int64("duration_ms")))
                    .containsExactly(1L, 1L, 1L, 512L);
            assertThat(one(store, "SELECT failure_message FROM v_test_cases WHERE test_name = 'bad'")
                            .string("failure_message"))
                    .isEqualTo("java.lang.AssertionError: nope");
        }
    }

    @Test
    void jestJsonWithRetriesAndASuiteThatFailedToRun() {
        try (AgentStore store = Fixtures.store("2026-01-01T00:00:00Z")) {
            TestImportSummary s = QualityModule.of(store).importTestReports(List.of(Fixtures.reports("jest")));
            assertThat(s).isEqualTo(new TestImportSummary(1, 1, 0, 6, 0));
            Row run = one(store, "SELECT * FROM v_test_runs");
            assertThat(run.string("framework")).isEqualTo("jest");
            assertThat(run.instant("occurred_at")).isEqualTo(Instant.parse("2025-06-10T10:00:00Z"));
            assertThat(List.of(
                            run.int64("total_tests"),
                            run.int64("passed"),
                            run.int64("failed"),
                            run.int64("errors"),
                            run.int64("skipped"),
                            run.int64("flaky"),
                            run.int64("duration_ms")))
                    .containsExactly(6L, 3L, 1L, 1L, 1L, 1L, 1500L);
            assertThat(statuses(store, "jest.json"))
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "/repo/web/sum.test.js#sum adds", "passed/0",
                            "/repo/web/sum.test.js#sum adds negatives", "passed/0",
                            "/repo/web/sum.test.js#sum is wrong on purpose", "failed/2",
                            "/repo/web/sum.test.js#sum later", "skipped/0",
                            "/repo/web/sum.test.js#passes on the second try", "passed+flaky/1",
                            "/repo/web/broken.test.js#(test file failed to run)", "error/0"));
        }
    }

    @Test
    void vitestJsonIsRecognised() {
        try (AgentStore store = Fixtures.store("2026-01-01T00:00:00Z")) {
            QualityModule.of(store).importTestReports(List.of(Fixtures.reports("vitest/vitest.json")));
            Row run = one(store, "SELECT * FROM v_test_runs");
            assertThat(run.string("framework")).isEqualTo("vitest");
            assertThat(List.of(
                            run.int64("passed"), run.int64("failed"), run.int64("skipped"), run.int64("duration_ms")))
                    .containsExactly(1L, 1L, 1L, 900L);
            assertThat(one(store, "SELECT duration_ms FROM v_test_cases WHERE test_name = 'math divides'")
                            .int64("duration_ms"))
                    .isEqualTo(3L);
        }
    }

    @Test
    void garbageFilesAreCountedRecordedAndSkipped() {
        try (AgentStore store = Fixtures.store("2026-01-01T00:00:00Z")) {
            QualityFacade quality = QualityModule.of(store);
            TestImportSummary s =
                    quality.importTestReports(List.of(Fixtures.reports("garbage"), Fixtures.reports("gradle")));
            assertThat(s).isEqualTo(new TestImportSummary(8, 1, 0, 3, 7));
            List<Row> errors = store.sql(
                            "SELECT file_path, line_number, reason FROM v_ingest_errors WHERE source = ?"
                                    + " ORDER BY file_path",
                            QualityFacade.INGEST_SOURCE)
                    .rows();
            assertThat(errors)
                    .extracting(
                            r -> Path.of(r.string("file_path")).getFileName().toString())
                    .containsExactly(
                            "TEST-truncated.xml",
                            "empty.xml",
                            "noise.xml",
                            "not-a-report.json",
                            "pom-like.xml",
                            "truncated.json",
                            "xxe.xml");
            Map<String, String> reasons = errors.stream()
                    .collect(Collectors.toMap(
                            r -> Path.of(r.string("file_path")).getFileName().toString(), r -> r.string("reason")));
            assertThat(reasons.get("pom-like.xml")).contains("root element is <project>");
            assertThat(reasons.get("not-a-report.json")).contains("no testResults array");
            assertThat(reasons.get("TEST-truncated.xml")).startsWith("not well-formed XML");
            assertThat(reasons.get("xxe.xml")).doesNotContain("root:");
            assertThat(errors.stream()
                            .filter(r -> r.string("file_path").endsWith("TEST-truncated.xml"))
                            .findFirst()
                            .orElseThrow()
                            .int64("line_number"))
                    .isGreaterThanOrEqualTo(4L);
            // the same garbage again: still one error per file
            assertThat(quality.importTestReports(List.of(Fixtures.reports("garbage")))
                            .badFiles())
                    .isEqualTo(7);
            assertThat(one(store, "SELECT count(*) AS n FROM v_ingest_errors").int64("n"))
                    .isEqualTo(7L);
            assertThat(one(store, "SELECT count(*) AS n FROM fact_test_case").int64("n"))
                    .isEqualTo(3L);
        }
    }

    @Test
    void aReportImportedTwiceIsOneRunEvenUnderAnotherName() throws Exception {
        Path copy = tmp.resolve("renamed.xml");
        Files.copy(Fixtures.reports("surefire/TEST-sample.FlakyTest.xml"), copy);
        try (AgentStore store = Fixtures.store("2026-01-01T00:00:00Z")) {
            QualityFacade quality = QualityModule.of(store);
            assertThat(quality.importTestReports(List.of(Fixtures.reports("surefire")))
                            .runsImported())
                    .isEqualTo(1);
            TestImportSummary again = quality.importTestReports(List.of(Fixtures.reports("surefire"), copy));
            assertThat(again).isEqualTo(new TestImportSummary(2, 0, 2, 0, 0));
            assertThat(one(store, "SELECT count(*) AS n FROM fact_test_run").int64("n"))
                    .isEqualTo(1L);
            assertThat(one(store, "SELECT count(*) AS n FROM fact_test_case").int64("n"))
                    .isEqualTo(6L);
        }
    }

    @Test
    void aRunInsideARepositoryIsJoinedToHeadAtTheReportTimeOrToTheCommitGiven() throws Exception {
        Path repo = tmp.resolve("repo").toAbsolutePath();
        Files.createDirectories(repo);
        Fixtures.git(repo, null, "init", "-q");
        Files.writeString(repo.resolve("a.txt"), "one\n");
        Fixtures.git(repo, null, "add", "a.txt");
        Fixtures.git(repo, "2025-06-10T10:00:00Z", "commit", "-q", "-m", "first");
        String first = Fixtures.git(repo, null, "rev-parse", "HEAD").strip();
        Files.writeString(repo.resolve("a.txt"), "two\n");
        Fixtures.git(repo, "2025-06-10T12:00:00Z", "commit", "-q", "-am", "second");
        String second = Fixtures.git(repo, null, "rev-parse", "HEAD").strip();
        Path reports = Files.createDirectories(repo.resolve("build/test-results/test"));
        // a report stamped between the two commits ran on the first
        Files.writeString(
                reports.resolve("TEST-a.xml"),
                "<testsuite name='a' timestamp='2025-06-10T11:00:00Z'>"
                        + "<testcase classname='A' name='t'/></testsuite>");
        // one stamped after both ran on the second
        Files.writeString(
                reports.resolve("TEST-b.xml"),
                "<testsuite name='b' timestamp='2025-06-10T13:00:00Z'>"
                        + "<testcase classname='B' name='t'/></testsuite>");
        Path outside = tmp.resolve("outside.xml");
        Files.writeString(outside, "<testsuite name='c'><testcase classname='C' name='t'/></testsuite>");
        try (AgentStore store = Fixtures.store("2026-01-01T00:00:00Z")) {
            QualityFacade quality = QualityModule.of(store);
            quality.importTestReports(List.of(reports, outside));
            Map<String, String> byClass = store
                    .sql(
                            "SELECT c.class_name, coalesce(r.commit_sha, '-') || ' ' ||"
                                    + " coalesce(r.commit_rule, '-') AS c FROM v_test_cases c JOIN v_test_runs r ON r.event_id = c.test_run_id")
                    .rows()
                    .stream()
                    .collect(Collectors.toMap(r -> r.string("class_name"), r -> r.string("c")));
            assertThat(byClass)
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "A", first + " head_at_report_time",
                            "B", second + " head_at_report_time",
                            "C", "- -"));
            assertThat(one(store, "SELECT repository FROM v_test_runs WHERE report_path LIKE '%TEST-a.xml'")
                            .string("repository"))
                    .isEqualTo(repo.toRealPath().toString());

            Path explicit = repo.resolve("explicit.xml");
            Files.writeString(
                    explicit,
                    "<testsuite name='d' timestamp='2025-06-10T13:00:00Z'>"
                            + "<testcase classname='D' name='t'/></testsuite>");
            quality.importTestReports(List.of(explicit), first.substring(0, 8));
            assertThat(one(
                            store,
                            "SELECT commit_sha, commit_rule FROM v_test_runs WHERE report_path LIKE '%explicit.xml'"))
                    .satisfies(r -> {
                        assertThat(r.string("commit_sha")).isEqualTo(first);
                        assertThat(r.string("commit_rule")).isEqualTo("explicit");
                    });
            Path outside2 = tmp.resolve("outside2.xml");
            Files.writeString(outside2, "<testsuite name='e'><testcase classname='E' name='t'/></testsuite>");
            assertThatThrownBy(() -> quality.importTestReports(List.of(outside2), "abc123"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("commit 'abc123'");
            assertThatThrownBy(() -> quality.importTestReports(List.of(tmp.resolve("missing"))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("missing")
                    .hasMessageContaining("does not exist");
        }
    }
}
