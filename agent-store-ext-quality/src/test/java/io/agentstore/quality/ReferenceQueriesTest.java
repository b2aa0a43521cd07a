package io.agentstore.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstore.AgentStore;
import io.agentstore.core.FileModification;
import io.agentstore.spi.Row;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every reference query of {@code sql/queries/quality/} runs against a store filled through the real writer
 * and the real importers, and its answer is checked against numbers worked out by hand. The clock is
 * 2025-06-20 12:00 UTC.
 *
 * <p>The story: a repository with two commits on 2025-06-10, 10:00 (first) and 12:00 (second), both changing
 * {@code src/A.java}. Session s-old edited it at 09:00 (before the first commit), s-agent at 11:30 (before the
 * second), s-late at 13:00 (after both). Three reports of demo.CalcTest: at 10:30 on the first commit x and y
 * pass (2 s); at 11:00 inside the repository, z passes and w passes on a rerun (3 s); at 12:30 on the second
 * commit x fails and y passes (4 s). A manual run on 2025-01-01 (1 passed, 1 failed) is older than 90 days.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReferenceQueriesTest {
    @TempDir
    static Path tmp;

    private AgentStore store;
    private QualityFacade quality;
    private Path repo;
    private String first;
    private String second;

    @BeforeAll
    void fill() throws IOException {
        repo = Files.createDirectories(tmp.resolve("repo")).toRealPath();
        Fixtures.git(repo, null, "init", "-q");
        Files.createDirectories(repo.resolve("src"));
        Files.writeString(repo.resolve("src/A.java"), "class A {}\n");
        Fixtures.git(repo, null, "add", ".");
        Fixtures.git(repo, "2025-06-10T10:00:00Z", "commit", "-q", "-m", "first");
        Files.writeString(repo.resolve("src/A.java"), "class A { int x; }\n");
        Fixtures.git(repo, "2025-06-10T12:00:00Z", "commit", "-q", "-am", "second");
        first = Fixtures.git(repo, null, "rev-parse", "HEAD~1").strip();
        second = Fixtures.git(repo, null, "rev-parse", "HEAD").strip();

        store = Fixtures.store("2025-06-20T12:00:00Z");
        quality = QualityModule.of(store);
        quality.importGit(repo);
        String a = repo.resolve("src/A.java").toString();
        store.recordAll(List.of(
                edit("s-old", a, "2025-06-10T09:00:00Z"),
                edit("s-agent", a, "2025-06-10T11:30:00Z"),
                edit("s-late", a, "2025-06-10T13:00:00Z")));

        Path out = Files.createDirectories(tmp.resolve("reports"));
        Files.writeString(
                out.resolve("r1.xml"),
                "<testsuite name='demo.CalcTest' time='2.0' timestamp='2025-06-10T10:30:00Z'>"
                        + "<testcase classname='demo.CalcTest' name='x'/><testcase classname='demo.CalcTest' name='y'/></testsuite>");
        Files.writeString(
                out.resolve("r3.xml"),
                "<testsuite name='demo.CalcTest' time='4.0' timestamp='2025-06-10T12:30:00Z'>"
                        + "<testcase classname='demo.CalcTest' name='x'><failure message='x is 3'/></testcase>"
                        + "<testcase classname='demo.CalcTest' name='y'/></testsuite>");
        quality.importTestReports(List.of(out.resolve("r1.xml")), first);
        quality.importTestReports(List.of(out.resolve("r3.xml")), second);
        Path inRepo = Files.createDirectories(repo.resolve("target/surefire-reports"));
        Files.writeString(
                inRepo.resolve("TEST-r2.xml"),
                "<testsuite name='demo.CalcTest' time='3.0' timestamp='2025-06-10T11:00:00Z'>"
                        + "<testcase classname='demo.CalcTest' name='z'/><testcase classname='demo.CalcTest' name='w'>"
                        + "<flakyFailure message='timing'/></testcase></testsuite>");
        quality.importTestReports(List.of(inRepo));
        quality.recordTestRun(TestRun.builder()
                .framework("manual")
                .counts(1, 1, 0, 0)
                .occurredAt(Instant.parse("2025-01-01T00:00:00Z"))
                .build());

        // validations of plugin-toolkit: Mon 2 June valid, Tue 3 June 2 errors, 10 and 11 June valid
        quality.recordValidation(validation("2025-06-02T09:00:00Z"));
        quality.recordValidation(validation("2025-06-03T09:00:00Z", "missing name", "bad version"));
        quality.recordValidation(validation("2025-06-10T09:00:00Z"));
        quality.recordValidation(validation("2025-06-11T09:00:00Z"));
        // a validation of an artifact of plugin-toolkit, so that that artifact counts as validated
        quality.recordValidation(Validation.builder()
                .artifact(new ArtifactRef("skills/toolkit/SKILL.md", "skill", "plugin-toolkit"))
                .validator("skills-ref", "1.2")
                .occurredAt(Instant.parse("2025-06-01T00:00:00Z"))
                .build());
        QualityMetric clarity = new QualityMetric("clarity", "user_feedback", 0.8);
        ArtifactRef pdf = new ArtifactRef("skills/pdf/SKILL.md", "skill", "pdf");
        quality.recordMeasurement(QualityMeasurement.builder()
                .artifact(pdf)
                .metric(clarity)
                .measuredBy("user")
                .score(0.9)
                .occurredAt(Instant.parse("2025-06-01T08:00:00Z"))
                .build());
        quality.recordMeasurement(QualityMeasurement.builder()
                .artifact(pdf)
                .metric(clarity)
                .measuredBy("user")
                .score(0.5)
                .occurredAt(Instant.parse("2025-06-15T08:00:00Z"))
                .build());
        quality.recordMeasurement(QualityMeasurement.builder()
                .artifact(ArtifactRef.of("docs/guide.md"))
                .metric(clarity)
                .measuredBy("user")
                .score(1.0)
                .occurredAt(Instant.parse("2025-06-19T08:00:00Z"))
                .build());
    }

    private static FileModification edit(String session, String path, String at) {
        return FileModification.builder()
                .sessionId(session)
                .filePath(path)
                .lines(1L, 1L)
                .occurredAt(Instant.parse(at))
                .build();
    }

    private static Validation validation(String at, String... errors) {
        return Validation.builder()
                .component("plugin-toolkit", "plugin")
                .validator("skills-ref", "1.2")
                .errors(errors)
                .trigger("post_update")
                .occurredAt(Instant.parse(at))
                .build();
    }

    @AfterAll
    void close() {
        store.close();
    }

    private List<Row> run(String name, Object... params) {
        return store.sql(QualityFacade.query(name), params).rows();
    }

    private static final Instant JUNE = Instant.parse("2025-06-01T00:00:00Z");

    private Map<String, Consumer<String>> cases() {
        Map<String, Consumer<String>> c = new TreeMap<>();
        c.put("validation_trend_by_week.sql", q -> {
            List<Row> rows = run(q, "plugin-toolkit");
            assertThat(rows)
                    .extracting(r -> r.instant("week") + " " + r.float64("pass_rate") + " " + r.float64("avg_errors")
                            + " " + r.int64("validations"))
                    .containsExactly("2025-06-02T00:00:00Z 0.5 1.0 2", "2025-06-09T00:00:00Z 1.0 0.0 2");
        });
        c.put("test_pass_rate_90d.sql", q -> {
            // 10 June: passed 2 + 2 + 1 = 5 of 2 + 2 + 2 = 6 tests; durations 2, 3 and 4 s; January is too old
            List<Row> rows = run(q);
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).instant("day")).isEqualTo(Instant.parse("2025-06-10T00:00:00Z"));
            assertThat(rows.get(0).float64("pass_rate")).isEqualTo(5.0 / 6.0);
            assertThat(rows.get(0).float64("avg_duration_seconds")).isEqualTo(3.0);
            assertThat(rows.get(0).int64("runs")).isEqualTo(3L);
        });
        c.put("never_validated_artifacts_7d.sql", q -> {
            // skills/pdf (1 June) was only measured; docs/guide.md is newer than 7 days; the toolkit skill was
            // validated
            assertThat(run(q))
                    .extracting(r -> r.string("artifact_path") + " " + r.string("component_name"))
                    .containsExactly("skills/pdf/SKILL.md pdf");
        });
        c.put("validation_regressions.sql", q -> {
            List<Row> rows = run(q, JUNE);
            assertThat(rows)
                    .extracting(r -> r.string("component_name") + " " + r.instant("validated_at") + " "
                            + r.bool("was_valid") + " " + r.bool("now_valid") + " " + r.int64("error_count"))
                    .containsExactly("plugin-toolkit 2025-06-03T09:00:00Z true false 2");
            assertThat(run(q, Instant.parse("2025-06-04T00:00:00Z"))).isEmpty();
        });
        c.put("test_regressions_since.sql", q -> {
            List<Row> rows = run(q, JUNE);
            assertThat(rows)
                    .extracting(r -> r.string("test_name") + " " + r.instant("broke_at") + " " + r.string("commit_sha")
                            + " " + r.instant("last_green_at") + " " + r.string("last_green_commit_sha") + " "
                            + r.string("failure_message"))
                    .containsExactly("x 2025-06-10T12:30:00Z " + second + " 2025-06-10T10:30:00Z " + first + " x is 3");
        });
        c.put("flaky_tests.sql", q -> {
            // x flipped once (green, then red); w failed and passed on a rerun; y and z never wavered
            assertThat(run(q, 10))
                    .extracting(r -> r.string("test_name") + " " + r.int64("flips") + " " + r.int64("flaky_runs") + " "
                            + r.int64("instability"))
                    .containsExactly("x 1 0 1", "w 0 1 1");
            assertThat(run(q, 1)).hasSize(1);
        });
        c.put("sessions_behind_commit.sql", q -> {
            assertThat(run(q, second.substring(0, 10)))
                    .extracting(r -> r.string("session_id") + " " + r.int64("files_touched"))
                    .containsExactly("s-agent 1");
            // s-old edited before the first commit; s-agent's edit came after it, so it is not the first's
            assertThat(run(q, first)).extracting(r -> r.string("session_id")).containsExactly("s-old");
        });
        c.put("tests_after_agent_change.sql", q -> {
            List<Row> rows = run(q, "s-agent");
            assertThat(rows)
                    .extracting(r -> r.string("commit_sha") + " " + r.int64("runs") + " " + r.bool("first_run_green")
                            + " " + r.bool("latest_run_green") + " " + r.int64("latest_run_red_tests"))
                    .containsExactly(second + " 1 false false 1");
            assertThat(run(q, "s-old"))
                    .extracting(r -> r.int64("runs") + " " + r.bool("first_run_green"))
                    .containsExactly("2 true");
        });
        c.put("agent_regressions.sql", q -> {
            assertThat(run(q, JUNE))
                    .extracting(r -> r.string("session_id") + " " + r.string("commit_sha") + " "
                            + r.string("class_name") + "#" + r.string("test_name") + " " + r.string("green_commit_sha"))
                    .containsExactly("s-agent " + second + " demo.CalcTest#x " + first);
        });
        c.put("test_history.sql", q -> {
            assertThat(run(q, "demo.CalcTest#x"))
                    .extracting(r -> r.instant("ran_at") + " " + r.string("status"))
                    .containsExactly("2025-06-10T12:30:00Z failed", "2025-06-10T10:30:00Z passed");
            assertThat(run(q, "y")).hasSize(2);
            assertThat(run(q, "demo.CalcTest")).hasSize(6);
        });
        c.put("quality_trend.sql", q -> {
            List<Row> rows = run(q, "pdf", 30);
            assertThat(rows)
                    .extracting(r -> r.instant("day") + " " + r.int64("validations") + " " + r.int64("measurements")
                            + " " + r.float64("measurement_pass_rate") + " " + r.float64("avg_score"))
                    .containsExactly("2025-06-01T00:00:00Z 0 1 1.0 0.9", "2025-06-15T00:00:00Z 0 1 0.0 0.5");
            assertThat(run(q, "pdf", 10)).hasSize(1);
            // plugin-toolkit: the four component validations and the artifact's, over 30 days
            assertThat(run(q, "plugin-toolkit", 30).stream()
                            .mapToLong(r -> r.int64("validations"))
                            .sum())
                    .isEqualTo(4L);
        });
        c.put("files_changed_without_test_run.sql", q -> {
            // the latest run was at 12:30: only s-late's edit at 13:00 is untested
            assertThat(run(q, repo.toString()))
                    .extracting(r ->
                            r.string("file_path") + " " + r.int64("changes_since_last_run") + " " + r.get("sessions"))
                    .containsExactly(repo.resolve("src/A.java") + " 1 [s-late]");
        });
        return c;
    }

    @TestFactory
    Stream<DynamicTest> everyReferenceQueryRunsAndAnswersRight() throws IOException, URISyntaxException {
        Map<String, Consumer<String>> cases = cases();
        URL folder = getClass().getClassLoader().getResource("agent-store/queries/quality/");
        Set<String> shipped = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".sql"))
                    .forEach(shipped::add);
        }
        assertThat(cases.keySet()).as("every shipped query has a case").isEqualTo(shipped);
        return cases.entrySet().stream()
                .map(e -> DynamicTest.dynamicTest(e.getKey(), () -> e.getValue().accept(e.getKey())));
    }

    @Test
    void facadeQueriesReturnTheSameAnswersAsRecords() {
        assertThat(quality.regressionsSince(JUNE)).singleElement().satisfies(r -> {
            assertThat(r.testName()).isEqualTo("x");
            assertThat(r.commitSha()).contains(second);
            assertThat(r.lastGreenCommitSha()).contains(first);
            assertThat(r.failureMessage()).contains("x is 3");
        });
        assertThat(quality.flakyTests(5)).extracting(FlakyTest::testName).containsExactly("x", "w");
        assertThat(quality.sessionsBehind(second))
                .extracting(CommitSession::sessionId)
                .containsExactly("s-agent");
        assertThat(quality.agentRegressionsSince(JUNE))
                .extracting(AgentRegression::sessionId, AgentRegression::testName)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("s-agent", "x"));
        assertThat(quality.testRuns(2))
                .extracting(TestRun::occurredAt)
                .containsExactly(Instant.parse("2025-06-10T12:30:00Z"), Instant.parse("2025-06-10T11:00:00Z"));
        assertThat(quality.testRuns(10))
                .filteredOn(r -> r.commitSha() != null)
                .extracting(r -> r.commitSha() + " " + r.commitRule())
                .containsExactly(second + " explicit", first + " head_at_report_time", first + " explicit");
    }

    @Test
    void toolsAnswerFromTheReferenceQueries() {
        java.util.Set<String> core;
        try (AgentStore plain = AgentStore.builder().inMemory().build()) {
            core = plain.tools().stream()
                    .map(io.agentstore.spi.ToolSpec::name)
                    .collect(java.util.stream.Collectors.toSet());
        }
        assertThat(store.tools().stream().map(io.agentstore.spi.ToolSpec::name).filter(n -> !core.contains(n)))
                .as("the quality module's own tools, beside core's")
                .containsExactly(
                        "get_quality_trend", "check_for_regressions", "suggest_tests_for_artifact", "get_test_history");
        io.agentstore.spi.ToolResult history = store.callTool("get_test_history", Map.of("name", "demo.CalcTest#x"));
        assertThat(history.text()).startsWith("2 execution(s)");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows =
                (List<Map<String, Object>>) ((Map<String, Object>) history.structured()).get("rows");
        assertThat(rows)
                .extracting(r -> r.get("ran_at") + " " + r.get("status"))
                .containsExactly("2025-06-10T12:30:00Z failed", "2025-06-10T10:30:00Z passed");
        io.agentstore.spi.ToolResult regressions =
                store.callTool("check_for_regressions", Map.of("since", "2025-06-01"));
        assertThat(regressions.text())
                .startsWith("1 test regression(s) and 1 validation regression(s) since 2025-06-01T00:00:00Z");
        // default: 7 days before the store clock (20 June): nothing since 13 June
        assertThat(store.callTool("check_for_regressions", Map.of()).text()).startsWith("0 test regression(s) and 0");
        assertThat(store.callTool("get_quality_trend", Map.of("component", "pdf", "days", 30))
                        .text())
                .startsWith("2 days of quality");
        io.agentstore.spi.ToolResult untested =
                store.callTool("suggest_tests_for_artifact", Map.of("path", repo.toString()));
        assertThat(untested.text()).startsWith("1 untested file(s)").contains("[s-late]");
        assertThatThrownBy(() -> store.callTool("get_test_history", Map.of()))
                .isInstanceOf(io.agentstore.spi.ToolArgumentException.class)
                .hasMessageContaining("name is required");
    }
}
