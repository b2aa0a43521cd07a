package io.agentstore.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.agentstore.AgentStore;
import io.agentstore.core.AgentRef;
import io.agentstore.core.ApiCall;
import io.agentstore.spi.Row;
import io.agentstore.testing.MutableClock;
import io.agentstore.testing.StoreExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The views that read the daily API call rollup ({@code agg_api_call_daily}, kept by the writer) answer exactly
 * what aggregating the raw facts through {@code v_api_call_costs} answers (the views' definitions before the
 * rollup, kept here as the oracle): on random calls of priced, tiered and unpriced models, with and without
 * agents and reported costs, corrections (chains, two corrections of one call, a correction written before the
 * call it corrects), written one at a time, in batches and through importAll, with price changes in between; and
 * after API calls were deleted outside the store (as an erase or a retention purge does), once it is reopened.
 * The rolling 30-day reference queries that read the rollup for whole days and the raw facts for the window's
 * first, partial day ({@code cost_per_agent_30d.sql}, {@code token_efficiency_30d.sql}) answer what their former
 * definitions over {@code v_api_call_costs} answer, with the window's start at random instants and at day
 * boundaries.
 */
class RollupViewsTest {
    private final MutableClock clock = MutableClock.at("2030-01-01T00:00:00Z");

    @RegisterExtension
    final StoreExtension stores = Stores.store(clock);

    private static final String RAW_COST_BY_DAY = """
            SELECT tokens_utc_day(occurred_at) AS day, count(*) AS calls,
                   sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens,
                   sum(cache_read_tokens) AS cache_read_tokens, sum(cache_write_tokens) AS cache_write_tokens,
                   sum(total_tokens) AS total_tokens, sum(cost_usd) AS cost_usd,
                   sum(reported_cost_usd) AS reported_cost_usd,
                   count(*) FILTER (WHERE NOT is_priced) AS unpriced_calls,
                   list(DISTINCT model_name ORDER BY model_name) AS models
            FROM v_api_call_costs WHERE NOT is_superseded GROUP BY 1""";

    private static final String RAW_COST_BY_DAY_MODEL = """
            SELECT tokens_utc_day(occurred_at) AS day, model_name, count(*) AS calls,
                   sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens,
                   sum(cache_read_tokens) AS cache_read_tokens,
                   sum(cache_write_5m_tokens) AS cache_write_5m_tokens,
                   sum(cache_write_1h_tokens) AS cache_write_1h_tokens,
                   sum(cache_write_tokens) AS cache_write_tokens, sum(total_tokens) AS total_tokens,
                   sum(cost_usd) AS cost_usd, sum(reported_cost_usd) AS reported_cost_usd,
                   count(*) FILTER (WHERE NOT is_priced) AS unpriced_calls
            FROM v_api_call_costs WHERE NOT is_superseded GROUP BY 1, 2""";

    private static final String RAW_CACHE_HIT_RATE = """
            SELECT tokens_utc_day(occurred_at) AS day, count(*) AS calls,
                   sum(input_tokens) AS input_tokens, sum(cache_read_tokens) AS cache_read_tokens,
                   sum(cache_write_tokens) AS cache_write_tokens, sum(total_input_tokens) AS total_input_tokens,
                   CASE WHEN sum(total_input_tokens) > 0
                        THEN CAST(sum(cache_read_tokens) AS DOUBLE) / sum(total_input_tokens) END AS cache_hit_rate,
                   sum(uncached_cost_usd) - sum(cost_usd) AS cache_saving_usd
            FROM v_api_call_costs WHERE NOT is_superseded GROUP BY 1""";

    /** cost_per_agent_30d.sql before it read the rollup: the raw-fact definition of the rolling window. */
    private static final String RAW_COST_PER_AGENT_30D = """
            SELECT agent_name, sum(cost_usd) AS total_cost_usd, avg(cost_usd) AS avg_cost_per_call_usd,
                   count(*) AS calls, count(*) FILTER (WHERE NOT is_priced) AS unpriced_calls
            FROM v_api_call_costs
            WHERE NOT is_superseded AND tokens_within_days(occurred_at, 30)
            GROUP BY agent_name
            ORDER BY total_cost_usd DESC NULLS LAST, agent_name""";

    /** token_efficiency_30d.sql before it read the rollup. */
    private static final String RAW_TOKEN_EFFICIENCY_30D = """
            SELECT agent_name, count(*) AS calls,
                   CASE WHEN sum(total_input_tokens) > 0
                        THEN CAST(sum(output_tokens) AS DOUBLE) / sum(total_input_tokens) END AS output_per_input,
                   sum(total_tokens) AS total_tokens, sum(cost_usd) AS total_cost_usd
            FROM v_api_call_costs
            WHERE NOT is_superseded AND agent_name IS NOT NULL AND tokens_within_days(occurred_at, 30)
            GROUP BY agent_name
            ORDER BY output_per_input DESC NULLS LAST, agent_name""";

    private static final List<String> MODELS =
            List.of("acme-large", "acme-small", "claude-sonnet-4-5-20250929", "unpriced-model-x");

    @Test
    void rollupViewsEqualTheRawFactsOnRandomCalls() {
        AgentStore store = stores.get();
        TokensFacade tokens = store.module(TokensFacade.class);
        tokens.recordPrices(List.of(
                Stores.acmeLarge(Instant.parse("2000-01-01T00:00:00Z")),
                Stores.acmeSmall(Instant.parse("2000-01-01T00:00:00Z"))));
        int[] example = {0};
        qt().withExamples(8).withShrinkCycles(0).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            // each example in its own 10-day stretch
            Instant base = Instant.parse("2024-01-01T00:00:00Z").plus(Duration.ofDays(10L * example[0]++));
            List<ApiCall> calls = new ArrayList<>();
            int n = 1 + r.nextInt(30);
            for (int i = 0; i < n; i++) {
                calls.add(randomCall(r, base, calls));
            }
            int from = 0;
            while (from < calls.size()) {
                int to = Math.min(calls.size(), from + 1 + r.nextInt(12));
                List<ApiCall> batch = calls.subList(from, to);
                switch (r.nextInt(3)) {
                    case 0 -> batch.forEach(store::record);
                    case 1 -> store.recordAll(batch);
                    default -> store.importAll(batch);
                }
                if (r.nextInt(8) == 0) {
                    // a new price version from within the stretch: every call after it is billed anew
                    tokens.recordPrices(List.of(ModelPrice.builder()
                            .model("acme-large")
                            .provider("acme")
                            .prices(TokenPrices.perMillion(String.valueOf(1 + r.nextInt(9)), "10", "2.50", "4", "0.20"))
                            .tier(200_000, TokenPrices.perMillion("4", "15", "5", "8", "0.40"))
                            .limits(1_000_000L, 64_000L)
                            .effectiveFrom(base.plus(Duration.ofHours(r.nextInt(240))))
                            .build()));
                }
                from = to;
            }
            store.flush();
            assertViewsEqualRaw(store);
            // the rolling 30-day queries, with the window's first (partial) day at random instants among the
            // calls written so far, so that it cuts days of calls in two
            Instant written = clock.instant();
            for (int i = 0; i < 4; i++) {
                clock.set(Instant.parse("2024-01-31T00:00:00Z")
                        .plusSeconds((long) (r.nextDouble() * 10 * 86_400 * example[0])));
                assertRollingWindowQueriesEqualRaw(store);
            }
            clock.set(written);
        });
    }

    @Test
    void rollingWindowQueriesEqualTheRawFactsAtDayBoundaries() {
        AgentStore store = stores.get();
        Random r = new Random(11);
        Instant base = Instant.parse("2024-05-01T00:00:00Z");
        List<ApiCall> calls = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            calls.add(randomCall(r, base, calls));
        }
        // calls exactly at midnight and one microsecond either side of the window's start
        Instant now = Instant.parse("2024-06-04T00:00:00Z");
        Instant start = now.minus(Duration.ofDays(30));
        for (Instant at :
                List.of(start, start.minusNanos(1_000), start.plusNanos(1_000), base.plus(Duration.ofDays(4)))) {
            calls.add(ApiCall.builder()
                    .eventId(UUID.randomUUID())
                    .model("acme-large")
                    .agent(AgentRef.of("planner"))
                    .occurredAt(at)
                    .tokens(1_000, 100)
                    .build());
        }
        store.recordAll(calls);
        for (Instant at : List.of(now, now.plusNanos(1_000), now.minusNanos(1_000), now.plus(Duration.ofHours(13)))) {
            clock.set(at);
            assertRollingWindowQueriesEqualRaw(store);
        }
        assertThat(rows(store, query("cost_per_agent_30d.sql"))).contains("planner");
    }

    @Test
    void afterCallsAreDeletedOutsideTheStoreAReopenRebuildsTheRollup() throws Exception {
        AgentStore store = stores.get();
        Random r = new Random(7);
        Instant base = Instant.parse("2024-03-01T00:00:00Z");
        List<ApiCall> calls = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            calls.add(randomCall(r, base, calls));
        }
        store.recordAll(calls);
        assertViewsEqualRaw(store);
        String before = rows(store, "SELECT * FROM v_cost_by_day ORDER BY day");
        store.close();
        // what an erase or a retention purge does to the facts, with the store closed
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + stores.path());
                Statement st = c.createStatement()) {
            assertThat(st.executeUpdate("DELETE FROM fact_api_call WHERE occurred_at < TIMESTAMPTZ '2024-03-03'"))
                    .isPositive();
        }
        // a read-only open before any writable one: the rollup is stale and cannot be rebuilt, the views answer
        // from the raw facts, not from the erased sums
        try (AgentStore readOnly = AgentStore.builder()
                .path(stores.path())
                .readOnly()
                .install(TokensModule.create())
                .build()) {
            assertThat(readOnly.sql("SELECT tokens_api_call_daily_current() AS c")
                            .rows()
                            .get(0)
                            .bool("c"))
                    .isFalse();
            assertThat(rows(readOnly, "SELECT * FROM v_cost_by_day ORDER BY day"))
                    .isNotEqualTo(before);
            assertViewsEqualRaw(readOnly);
        }
        AgentStore reopened = stores.reopen();
        assertThat(rows(reopened, "SELECT * FROM v_cost_by_day ORDER BY day")).isNotEqualTo(before);
        assertViewsEqualRaw(reopened);
        assertThat(reopened.sql("SELECT tokens_api_call_daily_current() AS c")
                        .rows()
                        .get(0)
                        .bool("c"))
                .isTrue();
    }

    private static ApiCall randomCall(Random r, Instant base, List<ApiCall> earlier) {
        ApiCall.Builder b = ApiCall.builder()
                .eventId(UUID.randomUUID())
                .model(MODELS.get(r.nextInt(MODELS.size())))
                .occurredAt(base.plusSeconds(r.nextInt(10 * 86_400)));
        // now and then above the 200,000-token tier of acme-large
        long input = r.nextInt(5) == 0 ? 150_000 + r.nextInt(100_000) : r.nextInt(5_000);
        b.tokens(input, r.nextInt(4_000))
                .cacheTokens(r.nextInt(60_000), r.nextInt(3_000), r.nextInt(2) * r.nextInt(3_000));
        if (r.nextBoolean()) {
            b.agent(AgentRef.of(r.nextBoolean() ? "planner" : "coder"));
        }
        if (r.nextInt(3) == 0) {
            b.reportedCostUsd(BigDecimal.valueOf(r.nextInt(1_000_000), 6));
        }
        if (!earlier.isEmpty() && r.nextInt(4) == 0) {
            // a correction of an earlier call (possibly one already corrected, or a correction)
            b.supersedes(earlier.get(r.nextInt(earlier.size())).eventId());
        } else if (r.nextInt(30) == 0) {
            // a correction of a call not written yet (written later, or never)
            b.supersedes(UUID.randomUUID());
        }
        return b.build();
    }

    private static void assertViewsEqualRaw(AgentStore store) {
        assertThat(rows(store, "SELECT * FROM v_cost_by_day ORDER BY day"))
                .isEqualTo(rows(store, RAW_COST_BY_DAY + " ORDER BY day"));
        assertThat(rows(store, "SELECT * FROM v_cost_by_day_model ORDER BY day, model_name"))
                .isEqualTo(rows(store, RAW_COST_BY_DAY_MODEL + " ORDER BY day, model_name"));
        assertThat(rows(store, "SELECT * FROM v_cache_hit_rate_daily ORDER BY day"))
                .isEqualTo(rows(store, RAW_CACHE_HIT_RATE + " ORDER BY day"));
    }

    private static void assertRollingWindowQueriesEqualRaw(AgentStore store) {
        assertThat(rows(store, query("cost_per_agent_30d.sql")))
                .as("cost_per_agent_30d.sql")
                .isEqualTo(rows(store, RAW_COST_PER_AGENT_30D));
        assertThat(rows(store, query("token_efficiency_30d.sql")))
                .as("token_efficiency_30d.sql")
                .isEqualTo(rows(store, RAW_TOKEN_EFFICIENCY_30D));
    }

    private static String query(String name) {
        try (InputStream in =
                RollupViewsTest.class.getClassLoader().getResourceAsStream("agent-store/queries/tokens/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every row with its columns' names, types' Java classes and values, one line each. */
    private static String rows(AgentStore store, String sql) {
        return store.sql(sql).rows().stream().map(RollupViewsTest::line).collect(Collectors.joining("\n"));
    }

    private static String line(Row row) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < row.columns().size(); i++) {
            out.add(row.columns().get(i) + "=" + value(row.get(i)));
        }
        return String.join(", ", out);
    }

    private static String value(Object v) {
        if (v instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString() + ":decimal";
        }
        return v == null ? "null" : v + ":" + v.getClass().getSimpleName();
    }
}
