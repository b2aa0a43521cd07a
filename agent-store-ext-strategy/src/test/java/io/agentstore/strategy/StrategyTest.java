package io.agentstore.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.agentstore.AgentStore;
import io.agentstore.core.AgentRef;
import io.agentstore.core.ErrorEvent;
import io.agentstore.core.TaskRef;
import io.agentstore.quality.QualityModule;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Row;
import io.agentstore.tokens.CommandRun;
import io.agentstore.tokens.ModelPrice;
import io.agentstore.tokens.TokenPrices;
import io.agentstore.tokens.TokensModule;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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

/**
 * Suggestions, performance reports and every reference query of {@code sql/queries/strategy/}, against a store
 * filled through the real writer, with answers worked out by hand. The clock is 2025-06-20 12:00 UTC.
 *
 * <p>Agent main, task type refactor, one task per attempt (T1..T18), at 09:00 each day of June: ast_refactor on
 * days 1-10 (S S S S S S F S S F: 8 of 10, 60 s each; failures "tests failed" and "timeout"), regex_replace on
 * days 11-16 (S S S F F F: 3 of 6, 30 s each; failures "tests failed", "tests failed", "syntax error"),
 * manual_edit on days 17-18 (S S).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StrategyTest {
    private AgentStore store;
    private StrategyFacade strategy;

    @BeforeAll
    void fill() {
        store = AgentStore.builder()
                .inMemory()
                .clock(Clock.fixed(Instant.parse("2025-06-20T12:00:00Z"), ZoneOffset.UTC))
                .install(TokensModule.create(), QualityModule.create(), StrategyModule.create())
                .build();
        strategy = StrategyModule.of(store);
        String outcomes = "SSSSSSFSSF" + "SSSFFF" + "SS";
        String[] reasons = {"tests failed", "timeout", "tests failed", "tests failed", "syntax error"};
        int failure = 0;
        for (int day = 1; day <= 18; day++) {
            String name = day <= 10 ? "ast_refactor" : day <= 16 ? "regex_replace" : "manual_edit";
            StrategyAttempt.Builder b = StrategyAttempt.builder()
                    .strategy(name)
                    .agent(AgentRef.of("main"))
                    .task(new TaskRef("T" + day, null, "refactor"))
                    .sessionId(day <= 10 ? "s1" : "s2")
                    .durationMs(day <= 10 ? 60_000L : 30_000L)
                    .occurredAt(Instant.parse(String.format("2025-06-%02dT09:00:00Z", day)));
            strategy.recordAttempt(
                    outcomes.charAt(day - 1) == 'S'
                            ? b.succeeded().build()
                            : b.failed(reasons[failure++]).build());
        }
        TaskRef t1 = new TaskRef("T1", null, "refactor");
        strategy.recordPatternUsage(PatternUsage.of("directus-hook", "context7", 0.95, 9_000_000L, t1));
        strategy.recordPatternUsage(
                PatternUsage.of("directus-hook", "context7", 0.85, 5_400_000L, new TaskRef("T2", null, null)));
        strategy.recordPatternUsage(PatternUsage.of("api-client", "github", 0.6, 1_800_000L, t1));
        strategy.route(new RouteChange(
                null,
                Instant.parse("2025-06-01T00:00:00Z"),
                null,
                "core:status",
                "acme-small",
                null,
                ThinkingLevel.NONE,
                0,
                "simple read",
                Map.of()));
        strategy.route(new RouteChange(
                null,
                Instant.parse("2025-06-01T00:00:00Z"),
                null,
                "core:work",
                "acme-large",
                null,
                ThinkingLevel.HIGH,
                ThinkingLevel.HIGH.budgetTokens(),
                null,
                Map.of()));
        strategy.route(new RouteChange(
                null,
                Instant.parse("2025-06-10T00:00:00Z"),
                null,
                "core:work",
                "acme-large",
                null,
                ThinkingLevel.ULTRA,
                ThinkingLevel.ULTRA.budgetTokens(),
                "critical",
                Map.of()));
        TokensModule.of(store)
                .recordPrices(List.of(
                        ModelPrice.builder()
                                .model("acme-large")
                                .provider("acme")
                                .prices(TokenPrices.perMillion("2", "10", null, null, null))
                                .effectiveFrom(Instant.EPOCH)
                                .build(),
                        ModelPrice.builder()
                                .model("acme-small")
                                .provider("acme")
                                .prices(TokenPrices.perMillion("0.50", "2.50", null, null, null))
                                .effectiveFrom(Instant.EPOCH)
                                .build()));
        // core:status costs 10,000 x $2/M + 1,000 x $10/M = 0.03 on acme-large, 0.005 + 0.0025 = 0.0075 on acme-small
        for (String model : List.of("acme-large", "acme-small")) {
            for (int i = 0; i < 2; i++) {
                store.record(CommandRun.builder()
                        .command("core:status")
                        .model(model)
                        .tokens(10_000, 1_000)
                        .occurredAt(Instant.parse("2025-06-15T10:00:00Z"))
                        .build());
                CommandRun.Builder work = CommandRun.builder()
                        .command("core:work")
                        .model(model)
                        .tokens(10_000, 1_000)
                        .occurredAt(Instant.parse("2025-06-15T11:00:00Z"));
                store.record(
                        model.equals("acme-small") && i == 1
                                ? work.failed("wrong answer").build()
                                : work.build());
            }
        }
        store.recordAll(List.of(
                ErrorEvent.builder()
                        .severity("critical")
                        .errorType("crash")
                        .occurredAt(Instant.parse("2025-06-20T01:00:00Z"))
                        .build(),
                ErrorEvent.builder()
                        .severity("error")
                        .errorType("api")
                        .occurredAt(Instant.parse("2025-06-20T02:00:00Z"))
                        .build(),
                ErrorEvent.builder()
                        .severity("critical")
                        .errorType("crash")
                        .occurredAt(Instant.parse("2025-06-18T02:00:00Z"))
                        .build()));
        strategy.putMetadata("schema", "2");
        // the clock is stopped: changes of one key at other moments are recorded with their own times
        store.recordAll(List.of(
                new MetadataEntry(null, Instant.parse("2025-06-01T00:00:00Z"), null, "schema", "1", Map.of()),
                new MetadataEntry(null, Instant.parse("2025-06-01T00:00:00Z"), null, "gone", "x", Map.of()),
                new MetadataEntry(null, Instant.parse("2025-06-02T00:00:00Z"), null, "gone", null, Map.of())));
        strategy.recordWorkflowState(new WorkflowState(
                null, Instant.parse("2025-06-19T00:00:00Z"), null, null, Map.of("phase", "review"), Map.of()));
        strategy.recordWorkflowState(new WorkflowState(
                null,
                Instant.parse("2025-06-20T00:00:00Z"),
                null,
                "s2",
                Map.of("phase", "done", "task", 42),
                Map.of()));
    }

    @AfterAll
    void close() {
        store.close();
    }

    private List<Row> run(String name, Object... params) {
        return store.sql(StrategyFacade.query(name), params).rows();
    }

    private Map<String, Consumer<String>> cases() {
        Map<String, Consumer<String>> c = new TreeMap<>();
        c.put(
                "best_strategies_for_task_type.sql",
                q -> assertThat(run(q, "refactor", 3))
                        .extracting(r -> r.string("strategy_name") + " " + r.float64("success_rate") + " "
                                + r.float64("avg_duration_seconds") + " " + r.int64("attempts"))
                        .containsExactly("ast_refactor 0.8 60.0 10", "regex_replace 0.5 30.0 6"));
        c.put(
                "strategies_to_switch.sql",
                q -> assertThat(run(q, "main"))
                        // within 7 days (after 13 June): regex_replace 14-16 all failed; manual_edit 17-18 succeeded
                        .extracting(r -> r.string("strategy_name") + " " + r.float64("recent_success_rate") + " "
                                + r.int64("recent_attempts"))
                        .containsExactly("regex_replace 0.0 3"));
        c.put(
                "common_failure_reasons_30d.sql",
                q -> assertThat(run(q))
                        .extracting(r -> r.string("failure_reason") + " " + r.int64("occurrences") + " "
                                + r.int64("tasks_affected"))
                        .containsExactly("tests failed 3 3", "syntax error 1 1", "timeout 1 1"));
        c.put(
                "strategy_trend_by_week.sql",
                q -> assertThat(run(q, "ast_refactor"))
                        // 1 June is a Sunday (week of 26 May); 2-8 June: 6 of 7; 9-10 June: 1 of 2
                        .extracting(r -> r.instant("week") + " " + Math.round(r.float64("success_rate") * 7000) / 7000.0
                                + " " + r.int64("attempts"))
                        .containsExactly(
                                "2025-05-26T00:00:00Z 1.0 1",
                                "2025-06-02T00:00:00Z " + Math.round(6.0 / 7 * 7000) / 7000.0 + " 7",
                                "2025-06-09T00:00:00Z 0.5 2"));
        c.put(
                "pattern_roi.sql",
                q -> assertThat(run(q))
                        .extracting(r -> r.string("pattern_name") + " " + r.int64("uses") + " "
                                + r.float64("hours_saved") + " " + Math.round(r.float64("avg_confidence") * 100) / 100.0
                                + " " + r.int64("tasks"))
                        .containsExactly("directus-hook 2 4.0 0.9 2", "api-client 1 0.5 0.6 1"));
        c.put(
                "pattern_roi_by_source.sql",
                q -> assertThat(run(q))
                        .extracting(r -> r.string("pattern_source") + " " + r.int64("uses") + " "
                                + r.float64("hours_saved") + " " + r.int64("patterns"))
                        .containsExactly("context7 2 4.0 1", "github 1 0.5 1"));
        c.put(
                "routing_table.sql",
                q -> assertThat(run(q))
                        .extracting(r ->
                                r.string("command") + " " + r.string("model_name") + " " + r.string("thinking_level")
                                        + " " + r.int64("thinking_budget_tokens") + " " + r.instant("routed_since"))
                        .containsExactly(
                                "core:status acme-small NONE 0 2025-06-01T00:00:00Z",
                                "core:work acme-large ULTRA 64000 2025-06-10T00:00:00Z"));
        c.put("model_downgrade_candidates.sql", q -> {
            // core:status: 2 runs x (0.03 - 0.0075) = 0.045; core:work on acme-small succeeded 1 of 2: not a candidate
            List<Row> rows = run(q, 2);
            assertThat(rows)
                    .extracting(r ->
                            r.string("command") + " " + r.string("current_model") + " " + r.string("cheaper_model"))
                    .containsExactly("core:status acme-large acme-small");
            assertThat(rows.get(0)
                            .decimal("would_have_saved_usd")
                            .stripTrailingZeros()
                            .toPlainString())
                    .isEqualTo("0.045");
            assertThat(run(q, 3)).isEmpty();
        });
        // no decisions in this store: DeriveAttemptsTest works this query's answers out on decisions of its own
        c.put("derivable_attempts.sql", q -> assertThat(run(q)).isEmpty());
        c.put(
                "sessions_count.sql",
                q -> assertThat(run(q).get(0).int64("sessions")).isEqualTo(2L));
        c.put(
                "errors_last_24h.sql",
                q -> assertThat(run(q))
                        .extracting(r -> r.int64("total") + " " + r.int64("critical"))
                        .containsExactly("2 1"));
        return c;
    }

    @TestFactory
    Stream<DynamicTest> everyReferenceQueryRunsAndAnswersRight() throws IOException, URISyntaxException {
        Map<String, Consumer<String>> cases = cases();
        URL folder = getClass().getClassLoader().getResource("agent-store/queries/strategy/");
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
    void suggestionRestsOnTheWilsonLowerBoundWithEnoughAttempts() {
        StrategySuggestion s = strategy.suggestStrategy("refactor", Map.of());
        assertThat(s.candidates())
                .extracting(StrategyEvidence::strategy)
                .containsExactly("ast_refactor", "regex_replace", "manual_edit");
        StrategyEvidence ast = s.best().orElseThrow();
        assertThat(ast.strategy()).isEqualTo("ast_refactor");
        // Wilson 95% for 8 of 10: (0.4902, 0.9433); for 3 of 6: (0.1876, 0.8124)
        assertThat(ast.wilsonLow()).isCloseTo(0.4902, within(0.0001));
        assertThat(ast.wilsonHigh()).isCloseTo(0.9433, within(0.0001));
        assertThat(ast.recentSuccessRate()).isEqualTo(0.6);
        assertThat(ast.trend()).isEqualTo("declining");
        assertThat(ast.switchFlagged()).isFalse();
        assertThat(ast.avgDurationMs()).isEqualTo(60_000.0);
        StrategyEvidence regex = s.candidates().get(1);
        assertThat(regex.wilsonLow()).isCloseTo(0.1876, within(0.0001));
        assertThat(regex.wilsonHigh()).isCloseTo(0.8124, within(0.0001));
        assertThat(regex.recentSuccessRate()).isEqualTo(0.4);
        assertThat(regex.switchFlagged()).isTrue();
        StrategyEvidence manual = s.candidates().get(2);
        assertThat(manual.enoughData()).isFalse();
        assertThat(manual.successRate()).isEqualTo(1.0);
        assertThat(s.advice()).isEqualTo("use ast_refactor: 8 of 10 attempts succeeded (80%, 95% interval 49-94%)");

        assertThat(strategy.suggestStrategy("debug", Map.of()).best()).isEmpty();
        assertThat(strategy.suggestStrategy("debug", Map.of()).advice()).startsWith("not enough data");
        assertThat(strategy.suggestStrategy("refactor", Map.of("agent", "someone-else"))
                        .candidates())
                .isEmpty();
        assertThat(StrategyFacade.wilson(0, 0)).containsExactly(0.0, 1.0);
    }

    @Test
    void performanceReportWithSuggestions() {
        PerformanceReport r = strategy.analyzePerformance("main", 30);
        assertThat(r.attempts()).isEqualTo(18);
        assertThat(r.successRate()).isEqualTo(13.0 / 18);
        assertThat(r.failureReasons()).containsExactly("tests failed (3)", "syntax error (1)", "timeout (1)");
        assertThat(r.suggestions())
                .containsExactly(
                        "ast_refactor is declining: its later attempts succeed less often than its earlier ones",
                        "switch from regex_replace: its last 5 attempts succeeded 40% against 50% overall; ast_refactor does better (80%)",
                        "manual_edit: only 2 attempt(s), not enough data to judge",
                        "most common failure: tests failed (3)");
        // the last 7 days: regex_replace's 3 failures and manual_edit's 2 successes
        assertThat(strategy.analyzePerformance("main", 7).attempts()).isEqualTo(5);
        assertThatThrownBy(() -> strategy.analyzePerformance("main", 0)).hasMessageContaining("days");
    }

    @Test
    void currentStateMetadataAndRoutesAreViewsOverFacts() {
        assertThat(strategy.metadata("schema")).contains("2");
        assertThat(strategy.metadata("gone")).isEmpty();
        assertThat(strategy.workflowState()).contains(Map.of("phase", "done", "task", 42));
        assertThat(strategy.routeOf("core:work").orElseThrow().thinkingLevel()).isEqualTo(ThinkingLevel.ULTRA);
        assertThat(strategy.routeOf("nothing")).isEmpty();
        assertThat(strategy.patternRoi())
                .extracting(PatternRoi::patternName, PatternRoi::hoursSaved)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("directus-hook", 4.0),
                        org.assertj.core.groups.Tuple.tuple("api-client", 0.5));
    }

    @Test
    void recordsRoundTripAndRefuseBadFields() {
        StrategyAttempt a = StrategyAttempt.builder()
                .strategy("x")
                .agent(AgentRef.of("a"))
                .task(new TaskRef("T", "d", "t"))
                .failed("why")
                .metric("tests", 3)
                .links(java.util.UUID.randomUUID(), java.util.UUID.randomUUID())
                .source("tool")
                .occurredAt(Instant.parse("2025-01-01T00:00:00Z"))
                .build();
        assertThat(store.find(StrategyAttempt.class, strategy.recordAttempt(a)).map(StrategyAttempt::outcomeMetrics))
                .contains(Map.of("tests", 3));
        StrategyAdjustment adj = StrategyAdjustment.of(
                AgentRef.of("a"), "refactor", "regex_replace", "ast_refactor", "recent failures", 0.8, 6L);
        java.util.UUID id = strategy.recordAdjustment(adj);
        assertThat(store.find(StrategyAdjustment.class, id).orElseThrow().newStrategy())
                .isEqualTo("ast_refactor");
        assertThatThrownBy(() -> StrategyAttempt.builder().strategy("x").build())
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("success");
        assertThatThrownBy(() -> StrategyAttempt.builder()
                        .strategy("x")
                        .succeeded()
                        .source("magic")
                        .build())
                .hasMessageContaining("source")
                .hasMessageContaining("magic");
        assertThatThrownBy(() -> PatternUsage.of("p", null, 1.5, null, null)).hasMessageContaining("confidence");
        assertThatThrownBy(() -> new WorkflowState(null, null, null, null, Map.of(), Map.of()))
                .hasMessageContaining("state");
        assertThatThrownBy(() -> RouteChange.of("c", "m", null, null)).hasMessageContaining("thinkingLevel");
    }

    @Test
    void toolsAnswerAndRecord() {
        assertThat(store.tools())
                .extracting(io.agentstore.spi.ToolSpec::name)
                .contains(
                        "suggest_strategy",
                        "record_outcome",
                        "analyze_performance",
                        "get_pattern_roi",
                        "suggest_model");
        assertThat(store.callTool("suggest_strategy", Map.of("task_type", "refactor"))
                        .text())
                .isEqualTo("use ast_refactor: 8 of 10 attempts succeeded (80%, 95% interval 49-94%)");
        assertThat(store.callTool("suggest_model", Map.of("command", "core:status"))
                        .text())
                .isEqualTo(
                        "core:status -> acme-small (NONE, 0 thinking tokens); cheaper with the same success: acme-small");
        assertThat(store.callTool("get_pattern_roi", Map.of()).text())
                .startsWith("directus-hook: 2 use(s), 4.0 h saved");
        assertThat(store.callTool("analyze_performance", Map.of("agent", "main", "days", 7))
                        .text())
                .startsWith("5 attempt(s) in 7 day(s)");
        io.agentstore.spi.ToolResult recorded = store.callTool(
                "record_outcome",
                Map.of(
                        "strategy",
                        "pair_review",
                        "success",
                        true,
                        "task_type",
                        "review",
                        "agent",
                        "tool-agent",
                        "metrics",
                        Map.of("minutes", 12)));
        // a success: the failure-reason queries of the other tests stay as they are, whatever the order
        assertThat(recorded.text()).isEqualTo("recorded a success of pair_review");
        Row r = store.sql("SELECT task_type, CAST(outcome_metrics AS VARCHAR) AS m, attempt_source, agent_name"
                        + " FROM v_strategy_attempts WHERE strategy_name = 'pair_review'")
                .rows()
                .get(0);
        assertThat(List.of(r.string("task_type"), r.string("m"), r.string("attempt_source"), r.string("agent_name")))
                .containsExactly("review", "{\"minutes\":12}", "tool", "tool-agent");
        assertThatThrownBy(() -> store.callTool("record_outcome", Map.of("strategy", "x")))
                .isInstanceOf(io.agentstore.spi.ToolArgumentException.class)
                .hasMessageContaining("success");
    }
}
