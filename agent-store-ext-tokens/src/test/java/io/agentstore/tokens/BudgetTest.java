package io.agentstore.tokens;

import static io.agentstore.tokens.Stores.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstore.AgentStore;
import io.agentstore.testing.MutableClock;
import io.agentstore.testing.StoreExtension;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Budgets per scope with the store clock at 2025-06-15 12:00 UTC and acme-large ($2/M input, $10/M output):
 * <ul>
 *   <li>2025-06-14 23:00, session s0: 10,000 input (0.02 USD)</li>
 *   <li>2025-06-15 02:00, session s1: 100,000 input (0.2 USD)</li>
 *   <li>2025-06-15 10:00, session s1: 50,000 input + 10,000 output (0.1 + 0.1 = 0.2 USD)</li>
 * </ul>
 */
class BudgetTest {
    private final MutableClock clock = MutableClock.at("2025-06-15T12:00:00Z");

    @RegisterExtension
    final StoreExtension stores = Stores.store(clock);

    private AgentStore store;
    private TokensFacade tokens;

    @BeforeEach
    void open() {
        store = stores.get();
        tokens = TokensModule.of(store);
        tokens.recordPrices(List.of(Stores.acmeLarge(Instant.EPOCH)));
        store.recordAll(List.of(
                call("acme-large", "2025-06-14T23:00:00Z")
                        .sessionId("s0")
                        .tokens(10_000, 0)
                        .build(),
                call("acme-large", "2025-06-15T02:00:00Z")
                        .sessionId("s1")
                        .tokens(100_000, 0)
                        .build(),
                call("acme-large", "2025-06-15T10:00:00Z")
                        .sessionId("s1")
                        .tokens(50_000, 10_000)
                        .build()));
    }

    @Test
    void todayInTokens() {
        BudgetStatus s = tokens.checkBudget(BudgetScope.day(), BudgetLimit.tokens(500_000));
        // 100,000 + 60,000 today; 12 hours elapsed: 13,333.333333/h; forecast 160,000 × 24 / 12 = 320,000
        assertThat(s.used()).isEqualByComparingTo("160000");
        assertThat(s.remaining()).isEqualByComparingTo("340000");
        assertThat(s.burnRatePerHour()).isEqualByComparingTo("13333.333333");
        assertThat(s.forecast()).isEqualByComparingTo("320000");
        assertThat(s.periodStart()).isEqualTo(Instant.parse("2025-06-15T00:00:00Z"));
        assertThat(s.periodEnd()).isEqualTo(Instant.parse("2025-06-16T00:00:00Z"));
        assertThat(s.isExceeded()).isFalse();
        assertThat(s.isForecastOverLimit()).isFalse();
        assertThat(s.utilization()).isEqualTo(0.32);
    }

    @Test
    void todayInDollars() {
        BudgetStatus s = tokens.checkBudget(BudgetScope.day(), BudgetLimit.usd("0.5"));
        // 0.2 + 0.2 = 0.4 USD in 12 hours: 0.033333/h, forecast 0.8 > 0.5
        assertThat(s.used()).isEqualByComparingTo("0.4");
        assertThat(s.remaining()).isEqualByComparingTo("0.1");
        assertThat(s.burnRatePerHour()).isEqualByComparingTo("0.033333");
        assertThat(s.forecast()).isEqualByComparingTo("0.8");
        assertThat(s.isForecastOverLimit()).isTrue();
        assertThat(s.unpricedEvents()).isZero();
    }

    @Test
    void aPastDayHasNoForecastBeyondWhatWasUsed() {
        BudgetStatus s = tokens.checkBudget(BudgetScope.day(LocalDate.parse("2025-06-14")), BudgetLimit.tokens(5_000));
        // 10,000 over the whole 24 hours
        assertThat(s.used()).isEqualByComparingTo("10000");
        assertThat(s.burnRatePerHour()).isEqualByComparingTo("416.666667");
        assertThat(s.forecast()).isEqualByComparingTo("10000");
        assertThat(s.isExceeded()).isTrue();
        assertThat(s.remaining()).isEqualByComparingTo("-5000");
    }

    @Test
    void thisMonth() {
        BudgetStatus s = tokens.checkBudget(BudgetScope.month(), BudgetLimit.tokens(1_000_000));
        // 170,000 in 14.5 days (348 h) of June's 720 h: 488.505747/h, forecast 170,000 × 720 / 348 = 351,724.137931
        assertThat(s.used()).isEqualByComparingTo("170000");
        assertThat(s.burnRatePerHour()).isEqualByComparingTo("488.505747");
        assertThat(s.forecast()).isEqualByComparingTo("351724.137931");
        assertThat(tokens.checkBudget(BudgetScope.month(YearMonth.parse("2025-05")), BudgetLimit.tokens(1))
                        .used())
                .isEqualByComparingTo("0");
    }

    @Test
    void theActiveFiveHourWindow() {
        // windows: 23:00 (the 23:00 and 02:00 calls, 3 hours apart) and 10:00-15:00, active at 12:00
        BudgetStatus s = tokens.checkBudget(BudgetScope.fiveHourWindow(), BudgetLimit.tokens(100_000));
        assertThat(s.periodStart()).isEqualTo(Instant.parse("2025-06-15T10:00:00Z"));
        assertThat(s.periodEnd()).isEqualTo(Instant.parse("2025-06-15T15:00:00Z"));
        // 60,000 in 2 hours: 30,000/h; 3 hours left: 60,000 + 90,000 = 150,000 > 100,000
        assertThat(s.used()).isEqualByComparingTo("60000");
        assertThat(s.burnRatePerHour()).isEqualByComparingTo("30000");
        assertThat(s.forecast()).isEqualByComparingTo("150000");
        assertThat(s.isForecastOverLimit()).isTrue();
        clock.set("2025-06-15T20:30:00Z");
        BudgetStatus idle = tokens.checkBudget(BudgetScope.fiveHourWindow(), BudgetLimit.tokens(100_000));
        assertThat(idle.used()).isEqualByComparingTo("0");
        assertThat(idle.forecast()).isEqualByComparingTo("0");
        assertThat(idle.periodStart()).isEqualTo(Instant.parse("2025-06-15T20:00:00Z"));
        assertThat(idle.periodEnd()).isEqualTo(Instant.parse("2025-06-16T01:00:00Z"));
    }

    @Test
    void aSession() {
        BudgetStatus s = tokens.checkBudget(BudgetScope.session("s1"), BudgetLimit.usd("1"));
        // 0.4 USD between 02:00 and 10:00: 0.05/h; a session has no end, so the forecast is what it used
        assertThat(s.used()).isEqualByComparingTo("0.4");
        assertThat(s.burnRatePerHour()).isEqualByComparingTo("0.05");
        assertThat(s.forecast()).isEqualByComparingTo("0.4");
        assertThat(s.periodStart()).isEqualTo(Instant.parse("2025-06-15T02:00:00Z"));
        assertThat(s.periodEnd()).isNull();
        BudgetStatus none = tokens.checkBudget(BudgetScope.session("never"), BudgetLimit.tokens(1));
        assertThat(none.used()).isEqualByComparingTo("0");
        assertThat(none.periodStart()).isNull();
    }

    @Test
    void aComponentBySizeAndByAllocatedCost() {
        tokens.recordMeasurement(ComponentMeasurement.builder()
                .component(ComponentRef.of("skills/pdf", "skill"))
                .sizes(400, 3_000, 20_000, 20_000)
                .estimatedTokens(5_000, "chars/4")
                .contentHash("h1")
                .build());
        store.recordAll(List.of(
                TokenUsage.builder()
                        .component("skills/pdf", "skill")
                        .invocationContext("skill_load")
                        .tokens(5_000, 0)
                        .occurredAt(Instant.parse("2025-06-10T00:00:00Z"))
                        .build(),
                TokenUsage.builder()
                        .component("skills/pdf", "skill")
                        .invocationContext("skill_load")
                        .tokens(5_000, 0)
                        .occurredAt(Instant.parse("2025-06-14T00:00:00Z"))
                        .build(),
                TokenUsage.builder()
                        .component("skills/pdf", "skill")
                        .invocationContext("skill_load")
                        .tokens(5_000, 0)
                        .occurredAt(Instant.parse("2025-06-01T00:00:00Z"))
                        .build()));
        BudgetStatus s = tokens.checkBudget(BudgetScope.component("skills/pdf"), BudgetLimit.tokens(4_000));
        // size 5,000 > 4,000; use in the last 7 days 10,000 tokens / 168 h = 59.523810/h
        assertThat(s.used()).isEqualByComparingTo("5000");
        assertThat(s.isExceeded()).isTrue();
        assertThat(s.burnRatePerHour()).isEqualByComparingTo("59.52381");
        tokens.recordCostAllocation(
                CostAllocation.ofAmount(ComponentRef.of("skills/pdf"), new BigDecimal("1.5"), "estimated"));
        assertThat(tokens.checkBudget(BudgetScope.component("skills/pdf"), BudgetLimit.usd("1"))
                        .used())
                .isEqualByComparingTo("1.5");
        // never measured: its average input per invocation
        store.record(TokenUsage.builder()
                .component("Bash", "tool")
                .invocationContext("tool_call")
                .tokens(300, 0)
                .build());
        assertThat(tokens.checkBudget(BudgetScope.component("Bash"), BudgetLimit.tokens(4_000))
                        .used())
                .isEqualByComparingTo("300");
    }

    @Test
    void unpricedCallsCountInTokensAndAreReportedInDollars() {
        store.record(call("mystery", "2025-06-15T11:00:00Z").tokens(1_000, 0).build());
        assertThat(tokens.checkBudget(BudgetScope.day(), BudgetLimit.tokens(1)).used())
                .isEqualByComparingTo("161000");
        BudgetStatus usd = tokens.checkBudget(BudgetScope.day(), BudgetLimit.usd("1"));
        assertThat(usd.used()).isEqualByComparingTo("0.4");
        assertThat(usd.unpricedEvents()).isEqualTo(1);
    }

    @Test
    void argumentsAreChecked() {
        assertThatThrownBy(() -> tokens.checkBudget(null, BudgetLimit.tokens(1)))
                .hasMessageContaining("scope");
        assertThatThrownBy(() -> BudgetScope.session(" ")).hasMessageContaining("subject");
        assertThatThrownBy(() -> BudgetLimit.tokens(-1)).hasMessageContaining("amount must be >= 0");
    }
}
