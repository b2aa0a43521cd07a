package io.agentstore.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstore.AgentStore;
import io.agentstore.core.ApiCall;
import io.agentstore.core.Decision;
import io.agentstore.core.ErrorEvent;
import io.agentstore.core.FileModification;
import io.agentstore.core.TaskOutcome;
import io.agentstore.core.TaskRef;
import io.agentstore.core.ToolCall;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.testing.MutableClock;
import io.agentstore.tokens.ModelPrice;
import io.agentstore.tokens.TokenPrices;
import io.agentstore.tokens.TokensModule;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Job lifecycle, the job to resume for a project, session summaries (agent-written and mechanical), messages. */
class JobsAndSessionsTest {
    @TempDir
    Path dir;

    private static Instant at(String s) {
        return Instant.parse(s);
    }

    @Test
    void lifecycleIsCheckedAndEveryTransitionKept() {
        MutableClock clock = MutableClock.at("2025-01-01T00:00:00Z");
        try (AgentStore store = Stores.open(dir, clock)) {
            MemoryFacade m = MemoryModule.of(store);
            Job j = m.startJob("migration", "Migrate to DuckDB", "shop", "s1");
            assertThat(j.status()).isEqualTo(JobStatus.ACTIVE);
            assertThat(j.sessions()).isEqualTo(1);
            clock.set("2025-01-02T00:00:00Z");
            j = m.pauseJob("migration", "waiting for review");
            clock.set("2025-01-03T00:00:00Z");
            j = m.resumeJobById("migration", null);
            clock.set("2025-01-04T00:00:00Z");
            j = m.pauseJob("migration", "blocked on CI");
            assertThat(j.status()).isEqualTo(JobStatus.PAUSED);
            assertThat(j.createdAt()).isEqualTo(at("2025-01-01T00:00:00Z"));
            assertThat(j.pausedAt()).isEqualTo(at("2025-01-04T00:00:00Z"));
            assertThat(j.resumedAt()).isEqualTo(at("2025-01-03T00:00:00Z"));
            assertThat(j.pauseReason()).isEqualTo("blocked on CI");
            assertThat(j.completedAt()).isNull();
            assertThat(j.title()).isEqualTo("Migrate to DuckDB");
            assertThat(j.project()).isEqualTo("shop");
            clock.set("2025-01-05T00:00:00Z");
            j = m.completeJob("migration", "merged");
            assertThat(j.completedAt()).isEqualTo(at("2025-01-05T00:00:00Z"));
            assertThat(j.statusReason()).isEqualTo("merged");
            assertThat(store.sql("SELECT count(*) AS n FROM fact_job_transition")
                            .rows()
                            .get(0)
                            .int64("n"))
                    .isEqualTo(5);

            assertThatThrownBy(() -> m.pauseJob("migration", "x"))
                    .isInstanceOf(InvalidRecordException.class)
                    .hasMessageContaining("status")
                    .hasMessageContaining("cannot follow 'completed'");
            assertThatThrownBy(() -> m.pauseJob("unknown", "x"))
                    .isInstanceOf(InvalidRecordException.class)
                    .hasMessageContaining("must be 'active' for the new job 'unknown'");
            assertThatThrownBy(() -> m.startJob("migration", null, null, null))
                    .isInstanceOf(InvalidRecordException.class);
            assertThat(m.openJobs()).isEmpty();
            assertThat(m.jobs()).extracting(Job::jobId).containsExactly("migration");
        }
    }

    @Test
    void resumeTheMostRecentlyActiveOpenJobOfAProject() {
        MutableClock clock = MutableClock.at("2025-01-01T00:00:00Z");
        try (AgentStore store = Stores.open(dir, clock)) {
            MemoryFacade m = MemoryModule.of(store);
            m.startJob("migration", null, "shop", "s1");
            clock.set("2025-01-02T00:00:00Z");
            m.pauseJob("migration", "switching");
            clock.set("2025-01-03T00:00:00Z");
            m.startJob("docs", null, "shop", null);
            clock.set("2025-01-04T00:00:00Z");
            m.pauseJob("docs", "lunch");
            clock.set("2025-01-05T00:00:00Z");
            m.startJob("other", null, "elsewhere", null);
            // docs: last activity 01-04; migration: 01-02 -> docs
            clock.set("2025-01-06T00:00:00Z");
            m.saveSessionSummary(SessionSummary.builder()
                    .sessionId("s0")
                    .jobId("docs")
                    .title("outline")
                    .pending(List.of("write the index"))
                    .nextSessionPriority("index page")
                    .occurredAt(at("2025-01-04T00:00:00Z"))
                    .build());
            ResumedJob r = m.resumeJob("shop", "s2").orElseThrow();
            assertThat(r.job().jobId()).isEqualTo("docs");
            assertThat(r.wasPaused()).isTrue();
            assertThat(r.job().status()).isEqualTo(JobStatus.RESUMED);
            assertThat(r.job().sessions()).isEqualTo(2);
            assertThat(r.lastSummary()).map(SessionSummary::nextSessionPriority).contains("index page");
            assertThat(r.lastSummary()).map(SessionSummary::pending).contains(List.of("write the index"));
            // open already: stays as it is
            clock.set("2025-01-07T00:00:00Z");
            ResumedJob again = m.resumeJob("shop", null).orElseThrow();
            assertThat(again.wasPaused()).isFalse();
            assertThat(again.job().jobId()).isEqualTo("docs");
            assertThat(m.resumeJob("nowhere", null)).isEmpty();
            assertThat(m.openJobs()).extracting(Job::jobId).containsExactly("docs", "other", "migration");
        }
    }

    @Test
    void theLatestSummaryOfASessionWins() {
        MutableClock clock = MutableClock.at("2025-01-01T00:00:00Z");
        try (AgentStore store = Stores.open(dir, clock)) {
            MemoryFacade m = MemoryModule.of(store);
            m.saveSessionSummary(SessionSummary.builder()
                    .sessionId("s1")
                    .title("first")
                    .qualityScore(5)
                    .build());
            clock.set("2025-01-01T01:00:00Z");
            m.saveSessionSummary(SessionSummary.builder()
                    .sessionId("s1")
                    .title("second")
                    .qualityScore(8)
                    .accomplishments(List.of("a"))
                    .build());
            assertThat(m.sessionSummary("s1")).map(SessionSummary::title).contains("second");
            assertThat(store.sql("SELECT count(*) AS n FROM v_session_summary_versions")
                            .rows()
                            .get(0)
                            .int64("n"))
                    .isEqualTo(2);
            assertThat(m.sessionSummary("nope")).isEmpty();
            m.saveMessages(SessionMessages.of("s1", "we fixed the parser", 14L, 5_400_000L));
            assertThat(m.messages("s1")).map(SessionMessages::totalExchanges).contains(14L);
            assertThat(store.sql("SELECT duration_minutes FROM v_session_messages")
                            .rows()
                            .get(0)
                            .int64("duration_minutes"))
                    .isEqualTo(90);
            // the agent's own summary is never replaced by a mechanical one
            assertThat(m.saveMechanicalSummaryIfMissing("s1")).isEmpty();
        }
    }

    @Test
    void mechanicalSummaryFromWhatTheStoreKnowsWithCostWhenTokensIsInstalled() {
        MutableClock clock = MutableClock.at("2025-06-01T12:00:00Z");
        try (AgentStore store = AgentStore.builder()
                .path(dir.resolve("t.duckdb"))
                .clock(clock)
                .install(MemoryModule.create(), TokensModule.create())
                .build()) {
            TokensModule.of(store)
                    .recordPrices(List.of(ModelPrice.builder()
                            .model("acme-large")
                            .provider("acme")
                            .prices(TokenPrices.perMillion("2", "10", null, null, null))
                            .effectiveFrom(Instant.EPOCH)
                            .build()));
            TaskRef t1 = new TaskRef("T1", "fix parser", "debug");
            TaskRef t2 = new TaskRef("T2", "add tests", "implement");
            store.recordAll(List.of(
                    ToolCall.builder()
                            .sessionId("s9")
                            .tool("Edit")
                            .targetPath("src/A.java")
                            .occurredAt(at("2025-06-01T10:00:00Z"))
                            .build(),
                    ToolCall.builder()
                            .sessionId("s9")
                            .tool("Bash")
                            .failed("exit_1")
                            .occurredAt(at("2025-06-01T10:05:00Z"))
                            .build(),
                    FileModification.builder()
                            .sessionId("s9")
                            .filePath("src/A.java")
                            .modificationType("edit")
                            .occurredAt(at("2025-06-01T10:00:00Z"))
                            .build(),
                    FileModification.builder()
                            .sessionId("s9")
                            .filePath("src/B.java")
                            .modificationType("create")
                            .occurredAt(at("2025-06-01T10:01:00Z"))
                            .build(),
                    FileModification.builder()
                            .sessionId("s9")
                            .filePath("src/A.java")
                            .modificationType("rename")
                            .occurredAt(at("2025-06-01T10:02:00Z"))
                            .build(),
                    ErrorEvent.builder()
                            .sessionId("s9")
                            .severity("error")
                            .errorType("CompileError")
                            .message("missing ;")
                            .occurredAt(at("2025-06-01T10:03:00Z"))
                            .build(),
                    Decision.builder()
                            .sessionId("s9")
                            .decisionType("approach")
                            .chose("rewrite lexer")
                            .outcome("success")
                            .occurredAt(at("2025-06-01T10:04:00Z"))
                            .build(),
                    TaskOutcome.builder()
                            .sessionId("s9")
                            .task(t1)
                            .success(true)
                            .finalStatus("completed")
                            .testPassRate(1.0)
                            .occurredAt(at("2025-06-01T10:06:00Z"))
                            .build(),
                    TaskOutcome.builder()
                            .sessionId("s9")
                            .task(t2)
                            .success(false)
                            .finalStatus("abandoned")
                            .testPassRate(0.5)
                            .occurredAt(at("2025-06-01T10:07:00Z"))
                            .build(),
                    // 100,000 × $2/M + 1,000 × $10/M = 0.21
                    ApiCall.builder()
                            .sessionId("s9")
                            .model("acme-large")
                            .tokens(100_000, 1_000)
                            .occurredAt(at("2025-06-01T10:08:00Z"))
                            .build()));
            MemoryFacade m = MemoryModule.of(store);
            SessionSummary s = m.mechanicalSummary("s9");
            assertThat(s.source()).isEqualTo("mechanical");
            assertThat(s.accomplishments())
                    .containsExactly(
                            "changed src/A.java (edit, rename)",
                            "changed src/B.java (create)",
                            "task done: T1 (fix parser)");
            assertThat(s.errorsEncountered())
                    .containsExactly("tool failed: Bash: exit_1", "error: CompileError: missing ;");
            assertThat(s.decisions()).containsExactly("approach: rewrite lexer");
            assertThat(s.pending()).containsExactly("T2 (add tests): abandoned");
            assertThat(s.title()).isEqualTo("Session s9: 2 file(s) changed, 2 tool call(s), 1 failed");
            assertThat(s.startedAt()).isEqualTo(at("2025-06-01T10:00:00Z"));
            assertThat(s.endedAt()).isEqualTo(at("2025-06-01T10:08:00Z"));
            assertThat(s.attributes())
                    .containsEntry("cost_usd", "0.210000")
                    .containsEntry("api_calls", 1)
                    .containsEntry("total_tokens", 101_000)
                    .containsEntry("files_modified", 2)
                    .containsEntry("failed_tool_calls", 1)
                    .containsEntry("errors", 1);
            assertThat(m.saveMechanicalSummaryIfMissing("s9")).isPresent();
            assertThat(m.sessionSummary("s9")).map(SessionSummary::source).contains("mechanical");
            assertThatThrownBy(() -> m.mechanicalSummary("unknown"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unknown");
        }
    }

    @Test
    void withoutTokensTheMechanicalSummaryHasNoCost() {
        try (AgentStore store = Stores.open(dir, MutableClock.at("2025-06-01T12:00:00Z"))) {
            store.record(ToolCall.builder()
                    .sessionId("s1")
                    .tool("Read")
                    .occurredAt(at("2025-06-01T10:00:00Z"))
                    .build());
            SessionSummary s = MemoryModule.of(store).mechanicalSummary("s1");
            assertThat(s.attributes()).doesNotContainKey("cost_usd").containsEntry("tool_calls", 1);
            assertThat(s.accomplishments()).isEmpty();
            assertThat(Map.copyOf(s.attributes())).containsEntry("files_modified", 0);
        }
    }
}
