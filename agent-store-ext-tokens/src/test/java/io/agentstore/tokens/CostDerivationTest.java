package io.agentstore.tokens;

import static io.agentstore.tokens.Stores.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.core.ApiCall;
import io.agentstore.spi.Row;
import io.agentstore.testing.MutableClock;
import io.agentstore.testing.StoreExtension;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Cost per API call from tokens and the price valid when it was made: every price component, the higher
 * tier, price changes and unknown models, with the expected costs computed by hand.
 */
class CostDerivationTest {
    private final MutableClock clock = MutableClock.at("2025-06-30T12:00:00Z");

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

    private BigDecimal cost(ApiCall call) {
        UUID id = store.record(call);
        Row r = store.sql("SELECT cost_usd FROM v_api_call_costs WHERE event_id = ?", id)
                .single()
                .orElseThrow();
        return r.decimal("cost_usd");
    }

    @Test
    void eachPriceComponentIsBilledAtItsOwnPrice() {
        // 1,000 input × $2/M = 0.002
        assertThat(cost(call("acme-large", "2025-06-01T00:00:00Z")
                        .tokens(1_000, 0)
                        .build()))
                .isEqualByComparingTo("0.002");
        // 1,000 output × $10/M = 0.01
        assertThat(cost(call("acme-large", "2025-06-01T00:00:00Z")
                        .tokens(0, 1_000)
                        .build()))
                .isEqualByComparingTo("0.01");
        // 10,000 cache reads × $0.20/M = 0.002
        assertThat(cost(call("acme-large", "2025-06-01T00:00:00Z")
                        .cacheTokens(10_000, 0, 0)
                        .build()))
                .isEqualByComparingTo("0.002");
        // 4,000 5-minute cache writes × $2.50/M = 0.01
        assertThat(cost(call("acme-large", "2025-06-01T00:00:00Z")
                        .cacheTokens(0, 4_000, 0)
                        .build()))
                .isEqualByComparingTo("0.01");
        // 4,000 1-hour cache writes × $4/M = 0.016
        assertThat(cost(call("acme-large", "2025-06-01T00:00:00Z")
                        .cacheTokens(0, 0, 4_000)
                        .build()))
                .isEqualByComparingTo("0.016");
        // all at once: 0.002 + 0.01 + 0.002 + 0.01 + 0.016 = 0.04
        assertThat(cost(call("acme-large", "2025-06-01T00:00:00Z")
                        .tokens(1_000, 1_000)
                        .cacheTokens(10_000, 4_000, 4_000)
                        .build()))
                .isEqualByComparingTo("0.04");
    }

    @Test
    void costIsSplitByKindBesideTheReportedCost() {
        UUID id = store.record(call("acme-large", "2025-06-01T00:00:00Z")
                .tokens(1_000, 1_000)
                .cacheTokens(10_000, 4_000, 4_000)
                .reportedCostUsd(new BigDecimal("0.041"))
                .build());
        Row r = store.sql("SELECT * FROM v_api_call_costs WHERE event_id = ?", id)
                .single()
                .orElseThrow();
        assertThat(r.decimal("input_cost_usd")).isEqualByComparingTo("0.002");
        assertThat(r.decimal("output_cost_usd")).isEqualByComparingTo("0.01");
        assertThat(r.decimal("cache_read_cost_usd")).isEqualByComparingTo("0.002");
        // 0.01 (5-minute) + 0.016 (1-hour)
        assertThat(r.decimal("cache_write_cost_usd")).isEqualByComparingTo("0.026");
        assertThat(r.decimal("reported_cost_usd")).isEqualByComparingTo("0.041");
        // without the cache all 19,000 input tokens at $2/M = 0.038, plus output 0.01 = 0.048
        assertThat(r.decimal("uncached_cost_usd")).isEqualByComparingTo("0.048");
        assertThat(r.bool("is_priced")).isTrue();
        assertThat(r.string("price_model_name")).isEqualTo("acme-large");
        assertThat(r.string("match_rule")).isEqualTo("exact");
    }

    @Test
    void aboveTwoHundredThousandInputTokensEveryTokenUsesTheTierPrice() {
        // exactly 200,000 input tokens is not above the tier: 50,000 × $2/M + 150,000 × $0.20/M + 1,000 × $10/M
        //   = 0.1 + 0.03 + 0.01 = 0.14
        assertThat(cost(call("acme-large", "2025-06-01T00:00:00Z")
                        .tokens(50_000, 1_000)
                        .cacheTokens(150_000, 0, 0)
                        .build()))
                .isEqualByComparingTo("0.14");
        // 200,001: 50,001 × $4/M + 150,000 × $0.40/M + 1,000 × $15/M = 0.200004 + 0.06 + 0.015 = 0.275004
        assertThat(cost(call("acme-large", "2025-06-01T00:00:00Z")
                        .tokens(50_001, 1_000)
                        .cacheTokens(150_000, 0, 0)
                        .build()))
                .isEqualByComparingTo("0.275004");
        // cache writes count towards the threshold and take their tier prices:
        // 1 × $4/M + 100,000 × $5/M (5-minute) + 100,000 × $8/M (1-hour) = 0.000004 + 0.5 + 0.8 = 1.300004
        assertThat(cost(call("acme-large", "2025-06-01T00:00:00Z")
                        .tokens(1, 0)
                        .cacheTokens(0, 100_000, 100_000)
                        .build()))
                .isEqualByComparingTo("1.300004");
        Row r = store.sql("SELECT count(*) FILTER (WHERE is_above_tier) AS above FROM v_api_call_costs")
                .single()
                .orElseThrow();
        assertThat(r.int64("above")).isEqualTo(2);
    }

    @Test
    void bundledPricesIncludeOneHourWritesAndTheTier() {
        // claude-sonnet-4-5-20250929 (bundled from LiteLLM): input $3/M, output $15/M, 5-minute write $3.75/M,
        // 1-hour write $6/M, read $0.30/M; above 200k: $6, $22.50, $7.50, $12 (1-hour), $0.60.
        // 1,000 × 3 + 2,000 × 15 + 10,000 × 0.30 + 4,000 × 3.75 + 1,000 × 6 = 3,000 + 30,000 + 3,000 + 15,000
        //   + 6,000 = 57,000 micro-dollars
        assertThat(cost(call("claude-sonnet-4-5-20250929", "2025-11-01T00:00:00Z")
                        .tokens(1_000, 2_000)
                        .cacheTokens(10_000, 4_000, 1_000)
                        .build()))
                .isEqualByComparingTo("0.057");
        // 150,000 read + 60,000 1-hour write + 10 input = 210,010 > 200,000:
        // 10 × 6 + 150,000 × 0.60 + 60,000 × 12 + 100 × 22.50 = 60 + 90,000 + 720,000 + 2,250 = 812,310 µ$
        assertThat(cost(call("claude-sonnet-4-5-20250929", "2025-11-01T00:00:00Z")
                        .tokens(10, 100)
                        .cacheTokens(150_000, 0, 60_000)
                        .build()))
                .isEqualByComparingTo("0.81231");
        // claude-opus-4-1 has no tier: 300,000 input × $15/M = 4.5
        assertThat(cost(call("claude-opus-4-1-20250805", "2025-11-01T00:00:00Z")
                        .tokens(300_000, 0)
                        .build()))
                .isEqualByComparingTo("4.5");
    }

    @Test
    void missingCachePricesFallBackToTheInputPrice() {
        // acme-small has no cache prices: reads and writes are billed as input ($0.50/M):
        // (1,000 + 2,000 + 3,000 + 4,000) × 0.50 + 1,000 × 2.50 = 5,000 + 2,500 = 7,500 µ$
        assertThat(cost(call("acme-small", "2025-06-01T00:00:00Z")
                        .tokens(1_000, 1_000)
                        .cacheTokens(2_000, 3_000, 4_000)
                        .build()))
                .isEqualByComparingTo("0.0075");
    }

    @Test
    void aPriceChangeAppliesFromItsEffectiveDateOnly() {
        ModelPrice cheaper = ModelPrice.builder()
                .model("acme-large")
                .provider("acme")
                .prices(TokenPrices.perMillion("1", "5", "1.25", "2", "0.10"))
                .tier(200_000, TokenPrices.perMillion("2", "7.50", "2.50", "4", "0.20"))
                .limits(1_000_000L, 64_000L)
                .effectiveFrom(Instant.parse("2025-03-01T00:00:00Z"))
                .build();
        PriceLoadReport report = tokens.recordPrices(List.of(cheaper));
        assertThat(report.added()).hasSize(1);
        // 100,000 input the microsecond before: × $2/M = 0.2; at the effective instant: × $1/M = 0.1
        assertThat(cost(call("acme-large", "2025-02-28T23:59:59.999999Z")
                        .tokens(100_000, 0)
                        .build()))
                .isEqualByComparingTo("0.2");
        assertThat(cost(call("acme-large", "2025-03-01T00:00:00Z")
                        .tokens(100_000, 0)
                        .build()))
                .isEqualByComparingTo("0.1");
        // by month: February 0.2 at the old price, March 0.1 at the new one
        List<Row> months = store.sql("SELECT month, cost_usd FROM v_cost_by_month ORDER BY month")
                .rows();
        assertThat(months)
                .extracting(r -> r.decimal("cost_usd").stripTrailingZeros().toPlainString())
                .containsExactly("0.2", "0.1");
        List<ModelPrice> history = tokens.priceHistory("acme-large");
        assertThat(history).hasSize(2);
        assertThat(history.get(0).prices().input()).isEqualByComparingTo("0.000002");
        assertThat(history.get(1).effectiveFrom()).isEqualTo(Instant.parse("2025-03-01T00:00:00Z"));
        Row old = store.sql("SELECT valid_to, is_current FROM dim_model_price WHERE model_name = 'acme-large'"
                        + " ORDER BY valid_from LIMIT 1")
                .single()
                .orElseThrow();
        assertThat(old.instant("valid_to")).isEqualTo(Instant.parse("2025-03-01T00:00:00Z"));
        assertThat(old.bool("is_current")).isFalse();
    }

    @Test
    void anUnknownModelHasNoCostNotZero() {
        UUID id = store.record(call("mystery-model-7", "2025-06-01T00:00:00Z")
                .tokens(1_000, 1_000)
                .build());
        Row r = store.sql("SELECT cost_usd, is_priced, price_model_name FROM v_api_call_costs WHERE event_id = ?", id)
                .single()
                .orElseThrow();
        assertThat(r.decimal("cost_usd")).isNull();
        assertThat(r.bool("is_priced")).isFalse();
        assertThat(r.string("price_model_name")).isNull();
        Row day = store.sql("SELECT cost_usd, unpriced_calls, calls FROM v_cost_by_day")
                .single()
                .orElseThrow();
        assertThat(day.decimal("cost_usd")).isNull();
        assertThat(day.int64("unpriced_calls")).isEqualTo(1);
        // next to a priced call the day's cost is the priced part, and the unpriced call is still counted
        store.record(call("acme-large", "2025-06-01T01:00:00Z").tokens(1_000, 0).build());
        Row both = store.sql("SELECT cost_usd, unpriced_calls, calls FROM v_cost_by_day")
                .single()
                .orElseThrow();
        assertThat(both.decimal("cost_usd")).isEqualByComparingTo("0.002");
        assertThat(both.int64("unpriced_calls")).isEqualTo(1);
        assertThat(both.int64("calls")).isEqualTo(2);
    }

    @Test
    void namesMatchExactlyThenByProviderPrefixThenWithoutSuffixes() {
        tokens.recordPrices(List.of(ModelPrice.builder()
                .model("openai/acme-mini")
                .prices(TokenPrices.perMillion("1", "1", null, null, null))
                .effectiveFrom(Instant.EPOCH)
                .build()));
        store.recordAll(List.of(
                call("claude-sonnet-4-5-20250929", "2025-11-01T00:00:00Z").build(),
                call("CLAUDE-SONNET-4-5", "2025-11-01T00:00:00Z").build(),
                call("acme-mini", "2025-11-01T00:00:00Z").provider("openai").build(),
                call("openrouter/anthropic/claude-sonnet-4-5", "2025-11-01T00:00:00Z")
                        .build(),
                call("claude-haiku-4-5@20251001", "2025-11-01T00:00:00Z").build(),
                call("claude-sonnet-4-5-20991231", "2025-11-01T00:00:00Z").build(),
                call("claude-opus-4-7-v1:0", "2025-11-01T00:00:00Z").build()));
        List<String> matches = store
                .sql("SELECT model_name || ' -> ' || price_model_name || ' (' || match_rule || ')'"
                        + " AS m FROM v_model_price_match ORDER BY model_name")
                .rows()
                .stream()
                .map(r -> r.string("m"))
                .toList();
        assertThat(matches)
                .containsExactly(
                        "CLAUDE-SONNET-4-5 -> claude-sonnet-4-5 (case)",
                        "acme-mini -> openai/acme-mini (provider_prefixed)",
                        "claude-haiku-4-5@20251001 -> claude-haiku-4-5-20251001 (vertex_form)",
                        "claude-opus-4-7-v1:0 -> claude-opus-4-7 (suffix_stripped)",
                        "claude-sonnet-4-5-20250929 -> claude-sonnet-4-5-20250929 (exact)",
                        "claude-sonnet-4-5-20991231 -> claude-sonnet-4-5 (suffix_stripped)",
                        "openrouter/anthropic/claude-sonnet-4-5 -> claude-sonnet-4-5 (prefix_stripped)");
        assertThat(tokens.priceFor("anthropic/claude-opus-4-7", null, Instant.parse("2026-04-18T00:00:00Z")))
                .get()
                .extracting(ModelPrice::modelName)
                .isEqualTo("claude-opus-4-7");
        assertThat(tokens.priceFor("no-such-model", null, Instant.parse("2026-04-18T00:00:00Z")))
                .isEmpty();
    }

    @Test
    void aCorrectedCallReplacesTheOriginalInAggregates() {
        UUID first = store.record(
                call("acme-large", "2025-06-01T00:00:00Z").tokens(1_000, 0).build());
        store.record(call("acme-large", "2025-06-01T00:00:00Z")
                .tokens(2_000, 0)
                .supersedes(first)
                .build());
        // only the correction counts: 2,000 × $2/M = 0.004
        Row day =
                store.sql("SELECT calls, cost_usd FROM v_cost_by_day").single().orElseThrow();
        assertThat(day.int64("calls")).isEqualTo(1);
        assertThat(day.decimal("cost_usd")).isEqualByComparingTo("0.004");
    }
}
