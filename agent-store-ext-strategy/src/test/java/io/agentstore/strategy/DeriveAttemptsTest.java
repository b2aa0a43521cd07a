package io.agentstore.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.core.Decision;
import io.agentstore.core.TaskOutcome;
import io.agentstore.core.TaskRef;
import io.agentstore.quality.QualityModule;
import io.agentstore.quality.TestRun;
import io.agentstore.spi.Row;
import io.agentstore.tokens.TokensModule;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Attempts derived from decisions judged by their task's outcome or the session's next test run.
 *
 * <p>d1 (s1, T1) chose ast_refactor on 1 June 10:00, T1 succeeded at 11:00. d2 (s2, T2) chose regex_replace on 2
 * June 10:00, no outcome, s2's test run at 10:30 had a failure. d3 (s3) chose x on 3 June 10:00; s3's only run was
 * 25 hours later. d4 was a tool_choice. d5 (T5) came after T5's only outcome.
 */
class DeriveAttemptsTest {

    private static Decision decision(String session, String task, String type, String option, String at) {
        return Decision.builder()
                .sessionId(session)
                .agent("main")
                .task(new TaskRef(task, null, "refactor"))
                .decisionType(type)
                .chose(option)
                .occurredAt(Instant.parse(at))
                .build();
    }

    @Test
    void decisionsWithBothEndsBecomeAttemptsOnce() {
        try (AgentStore store = AgentStore.builder()
                .inMemory()
                .clock(Clock.fixed(Instant.parse("2025-06-20T12:00:00Z"), ZoneOffset.UTC))
                .install(TokensModule.create(), QualityModule.create(), StrategyModule.create())
                .build()) {
            UUID d1 = store.record(decision("s1", "T1", "approach_selection", "ast_refactor", "2025-06-01T10:00:00Z"));
            UUID d2 = store.record(decision("s2", "T2", "approach_selection", "regex_replace", "2025-06-02T10:00:00Z"));
            store.record(decision("s3", "T3", "approach_selection", "x", "2025-06-03T10:00:00Z"));
            store.record(decision("s4", "T4", "tool_choice", "Edit", "2025-06-04T10:00:00Z"));
            store.record(decision("s5", "T5", "approach_selection", "late", "2025-06-05T10:00:00Z"));
            store.recordAll(List.of(
                    TaskOutcome.builder()
                            .task(new TaskRef("T1", null, "refactor"))
                            .success(true)
                            .occurredAt(Instant.parse("2025-06-01T11:00:00Z"))
                            .build(),
                    TaskOutcome.builder()
                            .task(new TaskRef("T4", null, "refactor"))
                            .success(true)
                            .occurredAt(Instant.parse("2025-06-04T11:00:00Z"))
                            .build(),
                    TaskOutcome.builder()
                            .task(new TaskRef("T5", null, "refactor"))
                            .success(true)
                            .occurredAt(Instant.parse("2025-06-05T09:00:00Z"))
                            .build()));
            UUID run = UUID.randomUUID();
            store.recordAll(List.of(
                    TestRun.builder()
                            .eventId(run)
                            .sessionId("s2")
                            .framework("pytest")
                            .counts(3, 1, 0, 0)
                            .occurredAt(Instant.parse("2025-06-02T10:30:00Z"))
                            .build(),
                    TestRun.builder()
                            .sessionId("s3")
                            .framework("pytest")
                            .counts(3, 0, 0, 0)
                            .occurredAt(Instant.parse("2025-06-04T11:00:00Z"))
                            .build()));

            List<Row> derivable =
                    store.sql(StrategyFacade.query("derivable_attempts.sql")).rows();
            assertThat(derivable)
                    .extracting(r -> r.uuid("decision_event_id") + " " + r.string("strategy_name") + " "
                            + r.bool("is_success") + " " + r.string("judged_by") + " " + r.uuid("test_run_id"))
                    .containsExactly(
                            d1 + " ast_refactor true task_outcome null", d2 + " regex_replace false test_run " + run);

            StrategyFacade strategy = StrategyModule.of(store);
            assertThat(strategy.deriveAttempts()).isEqualTo(2);
            assertThat(strategy.deriveAttempts()).isZero();
            List<Row> attempts = store.sql(
                            "SELECT strategy_name, is_success, attempt_source, task_type, decision_event_id,"
                                    + " test_run_id, failure_reason FROM v_strategy_attempts ORDER BY occurred_at")
                    .rows();
            assertThat(attempts)
                    .extracting(r -> r.string("strategy_name") + " " + r.bool("is_success") + " "
                            + r.string("attempt_source") + " " + r.string("task_type") + " "
                            + r.uuid("decision_event_id") + " "
                            + r.uuid("test_run_id") + " " + r.string("failure_reason"))
                    .containsExactly(
                            "ast_refactor true derived refactor " + d1 + " null null",
                            "regex_replace false derived refactor " + d2 + " " + run + " judged by test_run");
        }
    }
}
