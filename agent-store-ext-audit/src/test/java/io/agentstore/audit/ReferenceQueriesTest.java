package io.agentstore.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.agentstore.AgentStore;
import io.agentstore.spi.Row;
import io.agentstore.testing.MutableClock;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every reference query of {@code sql/queries/audit/} (the queries of use case 8 and the MCP tools') runs on a
 * real store file filled through the writer; the expected answers are worked out by hand in the comments.
 * The clock is 2026-02-15 12:00 UTC.
 *
 * <pre>
 * P1 s1 2026-02-10 09:00 alice template summarize  cost 0.010 | R1 (linked by session) "short" (5)  500 ms  0.020
 * P2 s1 2026-02-12 10:00 alice template summarize  cost 0.030 | R2 (linked by id) "a longer one" (12) 1500 ms 0.050, flagged
 * P3 s2 2026-02-14 08:00 bob   template translate  cost 0.001 | R3 (linked by session) "bonjour" (7) 200 ms 0.002
 * P4 s2 2026-01-01 00:00 bob   template translate  cost 5.000 | no response
 * feedback: thumbs_up on P1, thumbs_up on R3 (so P3), thumbs_down on P2
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReferenceQueriesTest {
    @TempDir
    static Path dir;

    private AgentStore store;
    private AuditFacade audit;
    private UUID p1;
    private UUID p2;
    private UUID p3;

    static final UserRef ALICE = new UserRef("alice", "box", "acct-alice", "alice@example.com");
    static final UserRef BOB = new UserRef("bob", "box", null, null);

    static Prompt prompt(
            String session, String at, String template, UserRef user, String text, long tokens, String cost) {
        return new Prompt(
                null,
                Instant.parse(at),
                null,
                session,
                template,
                "template " + template,
                "m-large",
                "acme",
                text,
                null,
                user,
                tokens,
                new BigDecimal(cost),
                Map.of());
    }

    static Response response(
            String session, String at, UUID prompt, String text, long latency, String cost, Map<String, Object> flags) {
        return new Response(
                null,
                Instant.parse(at),
                null,
                session,
                prompt,
                "m-large",
                "acme",
                text,
                "stop",
                100L,
                0L,
                latency,
                new BigDecimal(cost),
                flags,
                Map.of());
    }

    @BeforeAll
    void fill() {
        store = AgentStore.builder()
                .path(dir.resolve("audit.duckdb"))
                .clock(new MutableClock(Instant.parse("2026-02-15T12:00:00Z")))
                .install(AuditModule.create())
                .build();
        audit = AuditModule.of(store);
        p1 = audit.recordPrompt(
                prompt("s1", "2026-02-10T09:00:00Z", "summarize", ALICE, "summarize the report", 1000, "0.010"));
        audit.recordResponse(response("s1", "2026-02-10T09:00:05Z", null, "short", 500, "0.020", Map.of()));
        p2 = audit.recordPrompt(
                prompt("s1", "2026-02-12T10:00:00Z", "summarize", ALICE, "summarize the memo", 2000, "0.030"));
        audit.recordResponse(
                response("s1", "2026-02-12T10:00:09Z", p2, "a longer one", 1500, "0.050", Map.of("violence", 0.9)));
        p3 = audit.recordPrompt(prompt("s2", "2026-02-14T08:00:00Z", "translate", BOB, "translate hello", 10, "0.001"));
        UUID r3 = audit.recordResponse(response("s2", "2026-02-14T08:00:01Z", null, "bonjour", 200, "0.002", Map.of()));
        audit.recordPrompt(prompt("s2", "2026-01-01T00:00:00Z", "translate", BOB, "old prompt", 10, "5.000"));
        audit.recordFeedback(new Feedback(null, null, null, p1, null, "thumbs_up", null, ALICE, Map.of()));
        audit.recordFeedback(new Feedback(null, null, null, null, r3, "thumbs_up", "nice", BOB, Map.of()));
        audit.recordFeedback(new Feedback(null, null, null, p2, null, "thumbs_down", null, ALICE, Map.of()));
    }

    @AfterAll
    void close() {
        store.close();
    }

    @Test
    void promptsOfAUserInADateRangeByEmailUserIdOrOsUser() {
        List<Row> alice = audit.promptsByUser(
                        "alice@example.com",
                        Instant.parse("2026-02-01T00:00:00Z"),
                        Instant.parse("2026-02-14T00:00:00Z"))
                .rows();
        assertThat(alice)
                .extracting(r -> r.string("prompt_text"), r -> r.string("response_text"))
                .containsExactly(tuple("summarize the report", "short"), tuple("summarize the memo", "a longer one"));
        assertThat(audit.promptsByUser(
                                "bob@box", Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-02-15T00:00:00Z"))
                        .rows())
                .extracting(r -> r.string("prompt_text"))
                .containsExactly("translate hello");
        assertThat(audit.promptsByUser(
                                "bob", Instant.parse("2025-12-01T00:00:00Z"), Instant.parse("2026-02-15T00:00:00Z"))
                        .rows())
                .extracting(r -> r.string("prompt_text"))
                .containsExactly("old prompt", "translate hello");
    }

    @Test
    void promptsWithSafetyFlags() {
        assertThat(audit.safetyFlaggedPrompts().rows())
                .extracting(r -> r.string("prompt_text"), r -> r.string("safety_flags"))
                .containsExactly(tuple("summarize the memo", "{\"violence\":0.9}"));
    }

    @Test
    void templatePerformance() {
        // summarize: 2 uses, lengths 5 and 12 -> 8.5, latency (500 + 1500) / 2 = 1000, 1 of 2 thumbs up -> 0.5
        // translate: 2 uses (P4 has no response), length 7, latency 200, 1 of 2 (P3 through R3) -> 0.5
        assertThat(audit.templatePerformance(Optional.empty()).rows())
                .extracting(
                        r -> r.string("template_name"),
                        r -> r.int64("uses"),
                        r -> r.float64("avg_response_length"),
                        r -> r.float64("avg_latency_ms"),
                        r -> r.float64("satisfaction"))
                .containsExactly(tuple("summarize", 2L, 8.5, 1000.0, 0.5), tuple("translate", 2L, 7.0, 200.0, 0.5));
        assertThat(audit.templatePerformance(Optional.of("translate")).rows())
                .extracting(r -> r.string("template_name"))
                .containsExactly("translate");
    }

    @Test
    void expensivePromptsOfTheLastSevenDays() {
        // after 2026-02-08 12:00: P2 0.030 + 0.050, P1 0.010 + 0.020, P3 0.001 + 0.002; P4 is older
        assertThat(audit.expensivePrompts(20).rows())
                .extracting(r -> r.string("prompt_text"), r -> r.decimal("total_cost_usd"))
                .containsExactly(
                        tuple("summarize the memo", new BigDecimal("0.080000")),
                        tuple("summarize the report", new BigDecimal("0.030000")),
                        tuple("translate hello", new BigDecimal("0.003000")));
        assertThat(audit.expensivePrompts(1).rows()).hasSize(1);
    }

    @Test
    void searchPromptsMatchesPromptOrResponseIgnoringCase() {
        Instant from = Instant.parse("2026-02-01T00:00:00Z");
        Instant to = Instant.parse("2026-02-15T00:00:00Z");
        assertThat(audit.searchPrompts("SUMMARIZE", from, to, Optional.empty()).rows())
                .extracting(r -> r.uuid("prompt_event_id"))
                .containsExactly(p1, p2);
        assertThat(audit.searchPrompts("summarize", from, to, Optional.of("bob"))
                        .rows())
                .isEmpty();
        assertThat(audit.searchPrompts("bonjour", from, to, Optional.of("bob")).rows())
                .extracting(r -> r.uuid("prompt_event_id"))
                .containsExactly(p3);
    }

    @Test
    void auditLogOfARange() {
        assertThat(audit.auditLog(Instant.parse("2026-02-11T00:00:00Z"), Instant.parse("2026-02-15T00:00:00Z"))
                        .rows())
                .extracting(r -> r.uuid("prompt_event_id"), r -> r.string("response_text"))
                .containsExactly(tuple(p2, "a longer one"), tuple(p3, "bonjour"));
    }

    @Test
    void promptsReadBackAsWrittenWithTheHashOfTheirText() {
        assertThat(audit.prompt(p1)).get().satisfies(p -> {
            assertThat(p.text()).isEqualTo("summarize the report");
            assertThat(p.user()).isEqualTo(ALICE);
            assertThat(p.templateName()).isEqualTo("summarize");
            assertThat(p.estimatedCostUsd()).isEqualByComparingTo("0.010");
        });
        // sha256("summarize the report"), computed with sha256sum
        assertThat(store.sql("SELECT prompt_hash FROM fact_prompt WHERE event_id = ?", p1)
                        .single()
                        .orElseThrow()
                        .string("prompt_hash"))
                .isEqualTo(SUMMARIZE_THE_REPORT_SHA256);
    }

    @Test
    void promptReportByTemplateModelAndUserWithDateRangeAndCost() {
        // 2026-02-01 to 2026-02-15: summarize P1+P2 (tokens 1000+2000, output 100+100, cost .010+.020+.030+.050);
        // translate P3 (10, 100, .001+.002); P4 (January) is outside
        assertThat(audit.promptReport(
                                "template",
                                Optional.of(Instant.parse("2026-02-01T00:00:00Z")),
                                Optional.of(Instant.parse("2026-02-15T00:00:00Z")),
                                Optional.empty())
                        .rows())
                .extracting(
                        r -> r.string("grp"),
                        r -> r.int64("prompts"),
                        r -> r.int64("responses"),
                        r -> r.int64("input_tokens"),
                        r -> r.int64("output_tokens"),
                        r -> r.decimal("cost_usd"))
                .containsExactly(
                        tuple("summarize", 2L, 2L, 3000L, 200L, new BigDecimal("0.110000")),
                        tuple("translate", 1L, 1L, 10L, 100L, new BigDecimal("0.003000")));
        // all time, one model: 4 prompts, 3 responses, 3020 in, 300 out, .110 + .003 + 5.000
        assertThat(audit.promptReport("model", Optional.empty(), Optional.empty(), Optional.empty())
                        .rows())
                .extracting(r -> r.string("grp"), r -> r.int64("prompts"), r -> r.decimal("cost_usd"))
                .containsExactly(tuple("m-large", 4L, new BigDecimal("5.113000")));
        // bob (by OS user): P3 and P4, his user id is os_user@host
        assertThat(audit.promptReport("user", Optional.empty(), Optional.empty(), Optional.of("bob"))
                        .rows())
                .extracting(
                        r -> r.string("grp"),
                        r -> r.int64("prompts"),
                        r -> r.int64("responses"),
                        r -> r.decimal("cost_usd"))
                .containsExactly(tuple("bob@box", 2L, 1L, new BigDecimal("5.003000")));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> audit.promptReport("day", Optional.empty(), Optional.empty(), Optional.empty()))
                .hasMessageContaining("by must be template, model or user, was 'day'");
    }

    @Test
    void eachSessionKnowsTheUserWhoRecordedIt() {
        // s1: alice's prompts (her user id is her account id); s2: bob's (os_user@host)
        assertThat(store.sql("SELECT session_id, user_id, os_user FROM v_session_users ORDER BY session_id")
                        .rows())
                .extracting(r -> r.string("session_id"), r -> r.string("user_id"), r -> r.string("os_user"))
                .containsExactly(tuple("s1", "acct-alice", "alice"), tuple("s2", "bob@box", "bob"));
    }

    static final String SUMMARIZE_THE_REPORT_SHA256 =
            "8ce7335c4dce4ff092493f90733373f641f1de94993ba8715c2d8b8674bef386";
}
