package io.agentstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.agentstore.core.AgentRef;
import io.agentstore.core.AgentScore;
import io.agentstore.core.CoreFacade;
import io.agentstore.core.Decision;
import io.agentstore.core.FileModification;
import io.agentstore.core.PastAttempt;
import io.agentstore.core.TaskOutcome;
import io.agentstore.core.TaskRef;
import io.agentstore.core.ToolCall;
import io.agentstore.spi.QueryResult;
import io.agentstore.spi.Row;
import io.agentstore.testing.StoreExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every reference query of sql/queries/core runs against a store filled through the real writer, with the
 * store's clock fixed at 2026-03-01T12:00Z, and gives the answer worked out by hand below.
 */
class ReferenceQueriesTest {
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @RegisterExtension
    static final StoreExtension MEMORY = StoreExtension.inMemory().clock(Clock.fixed(NOW, ZoneOffset.UTC));

    static AgentStore store;
    static UUID supersededEdit;

    static Instant at(String text) {
        return Instant.parse(text);
    }

    static ToolCall.Builder call(String session, String tool, String target, String at) {
        return ToolCall.builder()
                .sessionId(session)
                .agent("main")
                .tool(tool)
                .targetPath(target)
                .occurredAt(at(at))
                .durationMs(100L);
    }

    @BeforeAll
    static void fill() {
        store = MEMORY.get();
        CoreFacade core = store.core();
        TaskRef t1 = new TaskRef("T1", "split the parser", "refactor");
        // s0: more than 30 days ago
        core.recordToolCall(call("s0", "Bash", null, "2025-12-01T10:00:00Z")
                .failed("exit_code")
                .build());
        // s1: 2026-02-27
        core.recordToolCall(call("s1", "Edit", "src/A.java", "2026-02-27T10:00:00Z")
                .task(t1)
                .build());
        core.recordToolCall(call("s1", "Bash", null, "2026-02-27T10:05:00Z")
                .failed("exit_code")
                .build());
        core.recordToolCall(call("s1", "Edit", "src/A.java", "2026-02-27T10:10:00Z")
                .task(t1)
                .failed("string_not_found")
                .build());
        // s2: 2026-02-28
        core.recordToolCall(
                call("s2", "Read", "src/A.java", "2026-02-28T09:00:00Z").build());
        core.recordToolCall(
                call("s2", "Edit", "src/B.java", "2026-02-28T09:05:00Z").build());
        core.recordToolCall(call("s2", "Bash", null, "2026-02-28T09:10:00Z")
                .failed("timeout")
                .build());
        core.recordToolCall(call("s2", "Bash", null, "2026-02-28T09:15:00Z")
                .failed("exit_code")
                .build());
        // s3: 2026-03-01, the latest session; one of its calls was recorded wrongly and corrected
        supersededEdit = core.recordToolCall(
                call("s3", "Edit", "src/Z.java", "2026-03-01T11:00:00Z").build());
        core.recordToolCall(call("s3", "Edit", "src/A.java", "2026-03-01T11:00:00Z")
                .supersedes(supersededEdit)
                .build());
        core.recordToolCall(call("s3", "Grep", null, "2026-03-01T11:01:00Z").build());

        core.recordDecision(Decision.builder()
                .task(t1)
                .agent("main")
                .decisionType("approach_selection")
                .chose("extract method")
                .alternatives(List.of("inline", "rewrite"))
                .outcome("success")
                .occurredAt(at("2026-02-27T10:01:00Z"))
                .build());
        core.recordDecision(Decision.builder()
                .task(t1)
                .agent("main")
                .decisionType("approach_selection")
                .chose("inline")
                .outcome("failure")
                .occurredAt(at("2026-02-27T10:02:00Z"))
                .build());
        core.recordDecision(Decision.builder()
                .task(new TaskRef("T2", "rename the API", "refactor"))
                .agent("main")
                .decisionType("approach_selection")
                .chose("rename")
                .rationale("clearer")
                .outcome("success")
                .occurredAt(at("2026-02-28T09:01:00Z"))
                .build());
        core.recordDecision(Decision.builder()
                .task(TaskRef.of("T3", "debug"))
                .agent("alice")
                .decisionType("approach_selection")
                .chose("add logging")
                .outcome("success")
                .occurredAt(at("2026-02-28T09:02:00Z"))
                .build());

        outcome("T3", "alice", true, 1.0, 60_000L, 60_000L);
        outcome("T4", "alice", false, 0.5, 60_000L, 180_000L);
        outcome("T5", "bob", true, 0.9, 100_000L, 110_000L);
        outcome("T6", "bob", true, 0.8, 100_000L, 90_000L);

        modification("s1", "src/A.java", 10, 2, "2026-02-27T10:00:00Z");
        modification("s1", "src/A.java", 5, 1, "2026-02-27T10:10:00Z");
        modification("s3", "src/A.java", 1, 0, "2026-03-01T11:00:00Z");
        modification("s2", "src/B.java", 20, 0, "2026-02-28T09:05:00Z");
        modification("old", "src/C.java", 7, 7, "2025-10-01T00:00:00Z");
    }

    static void outcome(String task, String agent, boolean success, double passRate, long estimated, long elapsed) {
        store.core()
                .recordTaskOutcome(TaskOutcome.builder()
                        .task(TaskRef.of(task, "debug"))
                        .agent(AgentRef.of(agent))
                        .success(success)
                        .testPassRate(passRate)
                        .estimatedMs(estimated)
                        .elapsedMs(elapsed)
                        .occurredAt(at("2026-02-28T12:00:00Z"))
                        .build());
    }

    static void modification(String session, String path, long added, long deleted, String at) {
        store.core()
                .recordFileModification(FileModification.builder()
                        .sessionId(session)
                        .filePath(path)
                        .lines(added, deleted)
                        .occurredAt(at(at))
                        .build());
    }

    @Test
    void everyQueryFileIsCoveredHere() throws IOException {
        Set<String> files = new TreeSet<>();
        try (Stream<Path> s = Files.list(Path.of("..", "sql", "queries", "core"))) {
            s.forEach(p -> files.add(p.getFileName().toString()));
        }
        assertThat(files)
                .containsExactlyInAnyOrder(
                        "what_did_i_try_on_this_file.sql",
                        "successful_approaches.sql",
                        "best_agent_for_task_type.sql",
                        "resume_context.sql",
                        "most_used_tools_30d.sql",
                        "tool_failure_patterns_30d.sql",
                        "most_edited_files_90d.sql");
    }

    @Test
    void whatDidITryOnThisFile() {
        QueryResult r = store.sql(CoreFacade.query("what_did_i_try_on_this_file.sql"), "src/A.java", 10);
        assertThat(r.rows())
                .extracting(
                        row -> row.instant("occurred_at").toString(),
                        row -> row.string("tool_name"),
                        row -> row.bool("is_success"),
                        row -> row.string("error_type"))
                .containsExactly(
                        tuple("2026-03-01T11:00:00Z", "Edit", true, null),
                        tuple("2026-02-28T09:00:00Z", "Read", true, null),
                        tuple("2026-02-27T10:10:00Z", "Edit", false, "string_not_found"),
                        tuple("2026-02-27T10:00:00Z", "Edit", true, null));
        List<PastAttempt> two = store.core().recallPreviousAttempts("src/A.java", 2);
        assertThat(two)
                .extracting(PastAttempt::toolName, PastAttempt::sessionId)
                .containsExactly(tuple("Edit", "s3"), tuple("Read", "s2"));
        assertThat(store.core().recallPreviousAttempts("src/A.java", 10).get(2).task())
                .isEqualTo(new TaskRef("T1", "split the parser", "refactor"));
        assertThat(store.core().recallPreviousAttempts("src/Z.java", 10))
                .as("superseded")
                .isEmpty();
        assertThat(store.core().recallPreviousAttempts("never/seen", 10)).isEmpty();
    }

    @Test
    void successfulApproaches() {
        assertThat(store.sql(CoreFacade.query("successful_approaches.sql"), "refactor", 10)
                        .rows())
                .extracting(r -> r.string("option_chosen"))
                .containsExactly("rename", "extract method");
        assertThat(store.core().successfulApproaches("refactor", 1))
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.optionChosen()).isEqualTo("rename");
                    assertThat(a.rationale()).isEqualTo("clearer");
                    assertThat(a.task().id()).isEqualTo("T2");
                });
        assertThat(store.core().successfulApproaches("refactor", 10).get(1).alternatives())
                .containsExactly("inline", "rewrite");
        assertThat(store.core().successfulApproaches("debug", 10))
                .extracting(a -> a.optionChosen())
                .containsExactly("add logging");
    }

    @Test
    void bestAgentForTaskType() {
        List<AgentScore> scores = store.core().bestAgentsFor("debug");
        // bob: 2 of 2 succeeded, pass rates (0.9 + 0.8) / 2; alice: 1 of 2, (1.0 + 0.5) / 2
        assertThat(scores)
                .extracting(AgentScore::agentName, AgentScore::tasks, AgentScore::successRate)
                .containsExactly(tuple("bob", 2L, 1.0), tuple("alice", 2L, 0.5));
        assertThat(scores.get(0).avgTestPassRate()).isCloseTo(0.85, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(scores.get(1).avgTestPassRate()).isCloseTo(0.75, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(store.sql(CoreFacade.query("best_agent_for_task_type.sql"), "debug")
                        .size())
                .isEqualTo(2);
        assertThat(store.core().bestAgentsFor("unheard-of")).isEmpty();
    }

    @Test
    void resumeContext() {
        assertThat(store.core().resumeContext(10))
                .extracting(PastAttempt::toolName, PastAttempt::targetPath)
                .containsExactly(tuple("Grep", null), tuple("Edit", "src/A.java"));
        assertThat(store.sql(CoreFacade.query("resume_context.sql"), 1).size()).isEqualTo(1);
    }

    @Test
    void mostUsedToolsLast30Days() {
        assertThat(store.sql(CoreFacade.query("most_used_tools_30d.sql")).rows())
                .extracting(r -> r.string("tool_name"), r -> r.int64("invocations"), r -> r.int64("failures"))
                .containsExactly(
                        tuple("Edit", 4L, 1L), tuple("Bash", 3L, 3L), tuple("Grep", 1L, 0L), tuple("Read", 1L, 0L));
    }

    @Test
    void toolFailurePatternsLast30Days() {
        assertThat(store.sql(CoreFacade.query("tool_failure_patterns_30d.sql")).rows())
                .extracting(r -> r.string("tool_name"), r -> r.string("error_type"), r -> r.int64("failures"))
                .containsExactly(
                        tuple("Bash", "exit_code", 2L),
                        tuple("Bash", "timeout", 1L),
                        tuple("Edit", "string_not_found", 1L));
    }

    @Test
    void mostEditedFilesLast90Days() {
        assertThat(store.sql(CoreFacade.query("most_edited_files_90d.sql")).rows())
                .extracting(
                        r -> r.string("file_path"),
                        r -> r.string("file_type"),
                        r -> r.int64("edits"),
                        r -> r.get("total_lines_added"),
                        r -> r.get("total_lines_deleted"))
                .containsExactly(tuple("src/A.java", "java", 3L, 16L, 3L), tuple("src/B.java", "java", 1L, 20L, 0L));
    }

    @Test
    void sessionSummaryCountsDayStreaks() {
        assertThat(store.sql("SELECT session_id, day_streak, tool_calls, failed_tool_calls FROM v_session_summary"
                                + " WHERE session_id LIKE 's_' ORDER BY session_id")
                        .rows())
                .extracting(
                        r -> r.string("session_id"),
                        r -> r.int64("day_streak"),
                        r -> r.int64("tool_calls"),
                        r -> r.int64("failed_tool_calls"))
                .containsExactly(
                        tuple("s0", 1L, 1L, 1L),
                        tuple("s1", 1L, 3L, 2L),
                        tuple("s2", 2L, 4L, 2L),
                        tuple("s3", 3L, 2L, 0L));
    }

    @Test
    void taskEstimationAccuracy() {
        // alice 60/60 = 1.0 and 180/60 = 3.0; bob 110/100 = 1.1 and 90/100 = 0.9: mean 1.5, 3 of 4 within 20%
        Row debug = store.sql("SELECT * FROM v_task_estimation_accuracy WHERE task_type = 'debug'")
                .single()
                .orElseThrow();
        assertThat(debug.int64("tasks")).isEqualTo(4);
        assertThat(debug.float64("avg_ratio")).isCloseTo(1.5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(debug.float64("within_20_percent")).isCloseTo(0.75, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void errorRatesPerDay() {
        Row feb28 = store.sql("SELECT * FROM v_error_rates WHERE day = DATE '2026-02-28'")
                .single()
                .orElseThrow();
        assertThat(feb28.int64("tool_calls")).isEqualTo(4);
        assertThat(feb28.int64("failed_tool_calls")).isEqualTo(2);
        assertThat(feb28.float64("tool_failure_rate")).isEqualTo(0.5);
    }

    @Test
    void toolUsageViewsUseTheStoreClock() {
        // the 2025-12-01 Bash failure is 90 days before the store clock: in v_tool_usage, not in the 30-day view
        assertThat(store.sql("SELECT invocations FROM v_tool_usage WHERE tool_name = 'Bash'")
                        .single()
                        .orElseThrow()
                        .int64("invocations"))
                .isEqualTo(4);
        assertThat(store.sql("SELECT invocations FROM v_tool_usage_30d WHERE tool_name = 'Bash'")
                        .single()
                        .orElseThrow()
                        .int64("invocations"))
                .isEqualTo(3);
    }

    @Test
    void recentActionsOfASession() {
        assertThat(store.core().recentActions("s2", 3))
                .extracting(ToolCall::toolName, ToolCall::errorType)
                .containsExactly(tuple("Bash", "exit_code"), tuple("Bash", "timeout"), tuple("Edit", null));
    }
}
