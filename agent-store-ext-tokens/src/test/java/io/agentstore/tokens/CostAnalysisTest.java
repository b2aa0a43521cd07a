package io.agentstore.tokens;

import static io.agentstore.tokens.Stores.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.core.AgentRef;
import io.agentstore.spi.Row;
import io.agentstore.testing.MutableClock;
import io.agentstore.testing.StoreExtension;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Cost allocation, model routing, cost reports and optimisation advice, with acme-large ($2/M input, $10/M
 * output) and acme-small ($0.50/M input, $2.50/M output).
 */
class CostAnalysisTest {
    private final MutableClock clock = MutableClock.at("2025-06-20T12:00:00Z");

    @RegisterExtension
    final StoreExtension stores = Stores.store(clock);

    private AgentStore store;
    private TokensFacade tokens;

    @BeforeEach
    void open() {
        store = stores.get();
        tokens = TokensModule.of(store);
        tokens.recordPrices(List.of(Stores.acmeLarge(Instant.EPOCH), Stores.acmeSmall(Instant.EPOCH)));
    }

    private static CommandRun run(String command, String model, Long thinking, long in, long out, boolean ok, long ms) {
        CommandRun.Builder b = CommandRun.builder()
                .command(command)
                .model(model)
                .thinkingBudgetTokens(thinking)
                .tokens(in, out)
                .durationMs(ms)
                .occurredAt(Instant.parse("2025-06-19T10:00:00Z"));
        return (ok ? b : b.failed("timeout")).build();
    }

    private void recordRuns() {
        store.recordAll(List.of(
                run("core:status", "acme-small", null, 10_000, 500, true, 1_000),
                run("core:status", "acme-small", null, 10_000, 500, true, 1_000),
                run("core:status", "acme-small", null, 10_000, 500, true, 1_000),
                run("core:work", "acme-large", 32_000L, 50_000, 8_000, true, 60_000),
                run("core:work", "acme-large", 32_000L, 50_000, 8_000, false, 120_000),
                run("core:sync", "acme-large", null, 5_000, 300, true, 2_000),
                run("core:sync", "acme-large", 0L, 5_000, 300, true, 2_000)));
    }

    @Test
    void modelRoutingComparesEachCommandWithTheMostExpensiveModelUsed() {
        recordRuns();
        List<Row> rows =
                store.sql("SELECT * FROM v_model_routing ORDER BY command").rows();
        assertThat(rows)
                .extracting(r ->
                        r.string("command") + "/" + r.string("model_name") + "/" + r.int64("thinking_budget_tokens"))
                .containsExactly("core:status/acme-small/0", "core:sync/acme-large/0", "core:work/acme-large/32000");
        Row status = rows.get(0);
        assertThat(status.int64("runs")).isEqualTo(3);
        assertThat(status.float64("success_rate")).isEqualTo(1.0);
        assertThat(status.float64("avg_duration_ms")).isEqualTo(1_000.0);
        // each run: 10,000 × $0.50/M + 500 × $2.50/M = 0.005 + 0.00125 = 0.00625; three: 0.01875
        assertThat(status.decimal("cost_usd")).isEqualByComparingTo("0.01875");
        // on acme-large: 10,000 × $2/M + 500 × $10/M = 0.025 each, 0.075 for three; saving 0.05625
        assertThat(status.string("most_expensive_model")).isEqualTo("acme-large");
        assertThat(status.decimal("cost_on_most_expensive_usd")).isEqualByComparingTo("0.075");
        assertThat(status.decimal("saving_usd")).isEqualByComparingTo("0.05625");
        Row work = rows.get(2);
        assertThat(work.int64("successes")).isEqualTo(1);
        assertThat(work.float64("avg_duration_ms")).isEqualTo(90_000.0);
        // 50,000 × $2/M + 8,000 × $10/M = 0.18 each
        assertThat(work.decimal("cost_usd")).isEqualByComparingTo("0.36");
        assertThat(work.decimal("saving_usd")).isEqualByComparingTo("0");
        List<Row> perModel =
                store.sql(TokensFacade.query("model_routing_savings.sql")).rows();
        assertThat(perModel).extracting(r -> r.string("model_name")).containsExactly("acme-large", "acme-small");
        assertThat(perModel.get(1).float64("share_of_runs")).isEqualTo(3.0 / 7);
        assertThat(perModel.get(1).decimal("saving_usd")).isEqualByComparingTo("0.05625");
        UUID id = tokens.recordCommandRun(CommandRun.builder()
                .command("core:done")
                .model("acme-small", "acme")
                .thinkingBudgetTokens(20_000L)
                .durationMs(4_500L)
                .tokens(TokenCounts.of(1, 2, 3, 4, 5))
                .occurredAt(Instant.parse("2025-06-20T11:00:00Z"))
                .attribute("router", "v2")
                .build());
        assertThat(store.find(CommandRun.class, id)).get().satisfies(r -> {
            assertThat(r.command()).isEqualTo("core:done");
            assertThat(r.thinkingBudgetTokens()).isEqualTo(20_000L);
            assertThat(r.tokens()).isEqualTo(TokenCounts.of(1, 2, 3, 4, 5));
            assertThat(r.attributes()).containsEntry("router", "v2");
        });
    }

    @Test
    void optimizationsFindOversizedComponentsLowCacheUseAndSimpleCommandsOnExpensiveModels() {
        recordRuns();
        tokens.recordMeasurement(ComponentMeasurement.builder()
                .component(ComponentRef.of("skills/huge", "skill"))
                .sizes(1, 1, 24_000, 24_000)
                .estimatedTokens(6_000, "chars/4")
                .contentHash("h")
                .build());
        List<io.agentstore.core.ApiCall> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(call("acme-large", "2025-06-19T0" + (i % 10) + ":00:00Z")
                    .tokens(1_000, 10)
                    .cacheTokens(100, 0, 0)
                    .build());
        }
        store.recordAll(calls);
        List<Optimization> advice = tokens.suggestOptimizations();
        assertThat(advice)
                .extracting(Optimization::kind)
                .containsExactly(
                        Optimization.Kind.OVER_BUDGET_COMPONENT,
                        Optimization.Kind.LOW_CACHE_HIT_RATE,
                        Optimization.Kind.EXPENSIVE_MODEL_ON_SIMPLE_COMMAND);
        assertThat(advice.get(0).subject()).isEqualTo("skills/huge");
        assertThat(advice.get(0).detail()).contains("2000 over the budget of 4000");
        // 100 cache reads of 1,100 input tokens per call
        assertThat(advice.get(1).metric()).isEqualTo(100.0 / 1_100);
        // core:sync: 2 × (5,000 × $2/M + 300 × $10/M) = 0.026 on acme-large; on acme-small
        // 2 × (5,000 × $0.50/M + 300 × $2.50/M) = 0.0065: saving 0.0195. core:work has a thinking budget.
        Optimization sync = advice.get(2);
        assertThat(sync.subject()).isEqualTo("core:sync");
        assertThat(sync.estimatedSavingUsd()).isEqualByComparingTo("0.0195");
        assertThat(sync.detail()).contains("acme-small").contains("0.019500");
        // with stricter thresholds: no component over 10,000, and no cache advice below 1,000 calls
        assertThat(tokens.suggestOptimizations(
                        new OptimizationThresholds(10_000, 0.5, 1_000, 2_000, java.time.Duration.ofDays(30))))
                .extracting(Optimization::kind)
                .containsExactly(Optimization.Kind.EXPENSIVE_MODEL_ON_SIMPLE_COMMAND);
    }

    @Test
    void sessionCostIsAllocatedByInputTokensAndReallocatedWhenUsageChanges() {
        store.recordAll(List.of(
                call("acme-large", "2025-06-19T09:00:00Z")
                        .sessionId("s1")
                        .tokens(100_000, 0)
                        .build(),
                call("acme-large", "2025-06-19T09:30:00Z")
                        .sessionId("s1")
                        .tokens(50_000, 10_000)
                        .build()));
        store.recordAll(List.of(
                TokenUsage.builder()
                        .sessionId("s1")
                        .component("A", "skill")
                        .tokens(30_000, 0)
                        .build(),
                TokenUsage.builder()
                        .sessionId("s1")
                        .component("B", "tool")
                        .tokens(10_000, 0)
                        .build()));
        // session cost: 100,000 × $2/M + 50,000 × $2/M + 10,000 × $10/M = 0.2 + 0.1 + 0.1 = 0.4
        List<CostAllocation> first = tokens.allocateSessionCost("s1");
        assertThat(first)
                .extracting(a -> a.component().name() + "=" + a.share().toPlainString())
                .containsExactly("A=0.750000", "B=0.250000");
        assertThat(tokens.allocateSessionCost("s1")).isEmpty();
        assertThat(costs()).containsExactly("A=0.3", "B=0.1");
        store.record(TokenUsage.builder()
                .sessionId("s1")
                .component("C", "doc")
                .tokens(10_000, 0)
                .build());
        // 30,000 / 10,000 / 10,000 of 50,000: 0.6, 0.2, 0.2 → 0.24, 0.08, 0.08; the old shares are superseded
        assertThat(tokens.allocateSessionCost("s1")).hasSize(3);
        assertThat(costs()).containsExactly("A=0.24", "B=0.08", "C=0.08");
        assertThat(tokens.allocateSessionCost("nobody")).isEmpty();
    }

    private List<String> costs() {
        return store
                .sql("SELECT component_name, cost_usd FROM v_cost_by_component ORDER BY component_name")
                .rows()
                .stream()
                .map(r -> r.string("component_name") + "="
                        + r.decimal("cost_usd").stripTrailingZeros().toPlainString())
                .toList();
    }

    @Test
    void allocationsOfOneCallOrOfAFixedAmount() {
        UUID callId = store.record(
                call("acme-large", "2025-06-19T09:00:00Z").tokens(100_000, 0).build());
        tokens.recordCostAllocation(
                CostAllocation.ofApiCall(ComponentRef.of("A"), callId, new BigDecimal("0.5"), "direct"));
        tokens.recordCostAllocation(CostAllocation.ofAmount(ComponentRef.of("B"), new BigDecimal("1.25"), "estimated"));
        // half of 100,000 × $2/M = 0.1
        assertThat(costs()).containsExactly("A=0.1", "B=1.25");
        UUID id = tokens.recordCostAllocation(CostAllocation.builder()
                .component(ComponentRef.of("A"))
                .agent(AgentRef.of("main"))
                .shareOfApiCall(callId, new BigDecimal("0.25"))
                .method("proportional")
                .build());
        CostAllocation back = store.find(CostAllocation.class, id).orElseThrow();
        assertThat(back.share()).isEqualByComparingTo("0.25");
        assertThat(back.agent()).isEqualTo(AgentRef.of("main"));
        assertThat(back.sourceEventId()).isEqualTo(callId);
    }

    @Test
    void costReportsBreakDownAPeriod() {
        store.recordAll(List.of(
                call("acme-large", "2025-06-01T09:00:00Z")
                        .agent("main")
                        .tokens(100_000, 0)
                        .build(),
                call("acme-small", "2025-06-02T09:00:00Z")
                        .agent("main")
                        .tokens(100_000, 0)
                        .build(),
                call("acme-small", "2025-06-02T10:00:00Z").tokens(200_000, 0).build(),
                call("mystery", "2025-06-03T10:00:00Z").tokens(1, 0).build(),
                call("acme-large", "2025-07-01T00:00:00Z").tokens(1_000_000, 0).build()));
        CostReport byModel = tokens.costReport(CostPeriod.month(YearMonth.parse("2025-06")), CostBreakdown.MODEL);
        // acme-large 100,000 × $2/M = 0.2; acme-small 300,000 × $0.50/M = 0.15; mystery unpriced
        assertThat(byModel.lines())
                .extracting(l -> l.key() + "="
                        + (l.costUsd() == null
                                ? "null"
                                : l.costUsd().stripTrailingZeros().toPlainString()))
                .containsExactly("acme-large=0.2", "acme-small=0.15", "mystery=null");
        assertThat(byModel.totalCostUsd()).isEqualByComparingTo("0.35");
        assertThat(byModel.totalTokens()).isEqualTo(400_001);
        assertThat(byModel.unpricedCalls()).isEqualTo(1);
        CostReport byAgent = tokens.costReport(CostPeriod.month(YearMonth.parse("2025-06")), CostBreakdown.AGENT);
        // main: 0.2 + 0.05 = 0.25; no agent: 0.1 (+ the unpriced call)
        assertThat(byAgent.lines())
                .extracting(
                        l -> l.key() + "=" + l.costUsd().stripTrailingZeros().toPlainString())
                .containsExactly("main=0.25", "(none)=0.1");
        CostReport byDay = tokens.costReport(
                CostPeriod.before(Instant.parse("2025-06-03T00:00:00Z"), java.time.Duration.ofDays(2)),
                CostBreakdown.DAY);
        assertThat(byDay.lines()).extracting(CostLine::key).containsExactly("2025-06-01", "2025-06-02");
        assertThat(tokens.costReport(CostPeriod.month(YearMonth.parse("2024-01")), CostBreakdown.SESSION)
                        .lines())
                .isEmpty();
    }
}
