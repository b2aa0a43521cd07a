package io.agentstore.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstore.AgentStore;
import io.agentstore.spi.AgentStoreException;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Row;
import io.agentstore.testing.MutableClock;
import io.agentstore.testing.StoreExtension;
import io.agentstore.tokens.internal.PriceFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Loading the bundled table and override files: idempotent, versioned, never rewriting history. */
class PriceLoadingTest {
    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2025-09-01T08:00:00Z");

    @RegisterExtension
    final StoreExtension stores = Stores.store(clock);

    private static long count(AgentStore store, String table) {
        return store.sql("SELECT count(*) AS n FROM " + table)
                .single()
                .orElseThrow()
                .int64("n");
    }

    private AgentStore open(Path file, TokensModule module) {
        return AgentStore.builder().path(file).clock(clock).install(module).build();
    }

    @Test
    void theBundledTableIsLoadedOnceAcrossReopens() {
        Path file = dir.resolve("prices.duckdb");
        int bundled = PriceFiles.bundled().size();
        try (AgentStore store = open(file, TokensModule.create())) {
            assertThat(count(store, "dim_model_price")).isEqualTo(bundled);
            assertThat(count(store, "fact_price_change")).isEqualTo(bundled);
            assertThat(store.sql(
                                    "SELECT count(*) AS n FROM dim_model_price WHERE is_current AND valid_to IS NULL"
                                            + " AND valid_from = TIMESTAMPTZ '1970-01-01 00:00:00+00' AND price_source = 'bundled'")
                            .single()
                            .orElseThrow()
                            .int64("n"))
                    .isEqualTo(bundled);
        }
        clock.set("2025-10-01T00:00:00Z");
        try (AgentStore store = open(file, TokensModule.create())) {
            assertThat(count(store, "dim_model_price")).isEqualTo(bundled);
            assertThat(count(store, "fact_price_change")).isEqualTo(bundled);
            PriceLoadReport again = TokensModule.of(store).recordPrices(PriceFiles.bundled());
            assertThat(again.added()).isEmpty();
            assertThat(again.unchanged()).isEqualTo(bundled);
        }
    }

    @Test
    void anOverrideFileAddsModelsAndSupersedesPricesFromItsDates() throws IOException {
        Path overrides = dir.resolve("my-prices.json");
        Files.writeString(overrides, """
                {
                  "_comment": "prices of our gateway",
                  "acme-gateway-model": {
                    "litellm_provider": "acme",
                    "input_cost_per_token": 1e-06,
                    "output_cost_per_token": "0.000004",
                    "max_input_tokens": 32000
                  },
                  "claude-sonnet-4-5": [
                    {"input_cost_per_token": 2.5e-06, "effective_from": "2025-08-01"},
                    {"input_cost_per_token": 2e-06, "effective_from": "2025-10-01T12:00:00Z"}
                  ]
                }
                """);
        Path file = dir.resolve("override.duckdb");
        try (AgentStore store = open(file, TokensModule.withPriceOverrides(overrides))) {
            TokensFacade tokens = TokensModule.of(store);
            List<ModelPrice> sonnet = tokens.priceHistory("claude-sonnet-4-5");
            assertThat(sonnet)
                    .extracting(ModelPrice::effectiveFrom)
                    .containsExactly(
                            Instant.EPOCH,
                            Instant.parse("2025-08-01T00:00:00Z"),
                            Instant.parse("2025-10-01T12:00:00Z"));
            assertThat(sonnet)
                    .extracting(p -> p.prices().input().stripTrailingZeros().toPlainString())
                    .containsExactly("0.000003", "0.0000025", "0.000002");
            // what the override leaves out keeps the bundled value
            assertThat(sonnet.get(2).prices().output()).isEqualByComparingTo("0.000015");
            assertThat(sonnet.get(2).tierThresholdTokens()).isEqualTo(200_000L);
            assertThat(sonnet.get(2).source()).isEqualTo("override");
            // a model the bundled table does not know applies from the beginning
            List<ModelPrice> gateway = tokens.priceHistory("acme-gateway-model");
            assertThat(gateway).singleElement().satisfies(p -> {
                assertThat(p.effectiveFrom()).isEqualTo(Instant.EPOCH);
                assertThat(p.provider()).isEqualTo("acme");
                assertThat(p.prices().output()).isEqualByComparingTo("0.000004");
                assertThat(p.maxInputTokens()).isEqualTo(32_000L);
            });
            assertThat(store.sql(
                                    "SELECT count(*) AS n FROM v_price_changes WHERE price_source = 'override'"
                                            + " AND source_file = ?",
                                    overrides.toString())
                            .single()
                            .orElseThrow()
                            .int64("n"))
                    .isEqualTo(3);
        }
        long dims;
        try (AgentStore store = open(file, TokensModule.withPriceOverrides(overrides))) {
            dims = count(store, "dim_model_price");
            assertThat(count(store, "fact_price_change")).isEqualTo(dims);
            PriceLoadReport again = TokensModule.of(store).loadPriceOverrides(overrides);
            assertThat(again.added()).isEmpty();
            assertThat(again.unchanged()).isEqualTo(3);
            assertThat(count(store, "dim_model_price")).isEqualTo(dims);
        }
    }

    @Test
    void anUndatedChangeToAPricedModelAppliesFromNowAndIsNotRepeated() throws IOException {
        Path overrides = dir.resolve("undated.json");
        Files.writeString(overrides, "{\"claude-opus-4-1\": {\"output_cost_per_token\": 7e-05}}");
        Path file = dir.resolve("undated.duckdb");
        try (AgentStore store = open(file, TokensModule.withPriceOverrides(overrides))) {
            assertThat(TokensModule.of(store).priceHistory("claude-opus-4-1"))
                    .extracting(ModelPrice::effectiveFrom)
                    .containsExactly(Instant.EPOCH, Instant.parse("2025-09-01T08:00:00Z"));
        }
        clock.set("2025-09-02T08:00:00Z");
        try (AgentStore store = open(file, TokensModule.withPriceOverrides(overrides))) {
            assertThat(TokensModule.of(store).priceHistory("claude-opus-4-1")).hasSize(2);
        }
    }

    @Test
    void aVersionDatedBeforeTheCurrentOneIsSkippedNotWrittenIntoHistory() {
        AgentStore store = stores.get();
        TokensFacade tokens = TokensModule.of(store);
        ModelPrice march = Stores.acmeLarge(Instant.parse("2025-03-01T00:00:00Z"));
        ModelPrice june = ModelPrice.builder()
                .model("acme-large")
                .prices(TokenPrices.perMillion("1", "5", null, null, null))
                .effectiveFrom(Instant.parse("2025-06-01T00:00:00Z"))
                .build();
        assertThat(tokens.recordPrices(List.of(june, march)).added()).hasSize(2);
        ModelPrice april = ModelPrice.builder()
                .model("acme-large")
                .prices(TokenPrices.perMillion("9", "9", null, null, null))
                .effectiveFrom(Instant.parse("2025-04-01T00:00:00Z"))
                .build();
        PriceLoadReport report = tokens.recordPrices(List.of(april));
        assertThat(report.added()).isEmpty();
        assertThat(report.skipped()).containsExactly(april);
        assertThat(tokens.priceHistory("acme-large"))
                .extracting(ModelPrice::effectiveFrom)
                .containsExactly(Instant.parse("2025-03-01T00:00:00Z"), Instant.parse("2025-06-01T00:00:00Z"));
        // going back to the March prices later is a new version, not a rewrite
        ModelPrice back = Stores.acmeLarge(Instant.parse("2025-08-01T00:00:00Z"));
        assertThat(tokens.recordPrices(List.of(back)).added()).containsExactly(back);
        assertThat(tokens.priceHistory("acme-large")).hasSize(3);
        Row current = store.sql("SELECT count(*) FILTER (WHERE is_current) AS cur,"
                        + " count(*) FILTER (WHERE valid_to IS NULL) AS open FROM dim_model_price"
                        + " WHERE model_name = 'acme-large'")
                .single()
                .orElseThrow();
        assertThat(current.int64("cur")).isEqualTo(1);
        assertThat(current.int64("open")).isEqualTo(1);
    }

    @Test
    void badOverrideFilesAreRefusedWithTheFileAndModelNamed() throws IOException {
        Path missing = dir.resolve("nope.json");
        AgentStore store = stores.get();
        assertThatThrownBy(() -> store.module(TokensFacade.class).loadPriceOverrides(missing))
                .isInstanceOf(AgentStoreException.class)
                .hasMessageContaining(missing.toString());
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"brand-new-model\": {\"input_cost_per_token\": 1e-06}}");
        assertThatThrownBy(() -> TokensModule.of(store).loadPriceOverrides(bad))
                .isInstanceOf(AgentStoreException.class)
                .hasMessageContaining(bad.toString())
                .hasMessageContaining("brand-new-model")
                .hasMessageContaining("prices.output");
        Path negative = dir.resolve("negative.json");
        Files.writeString(negative, "{\"m\": {\"input_cost_per_token\": -1, \"output_cost_per_token\": 1}}");
        assertThatThrownBy(() -> TokensModule.of(store).loadPriceOverrides(negative))
                .isInstanceOf(AgentStoreException.class)
                .hasMessageContaining("'m'")
                .hasMessageContaining(">= 0");
        Path notJson = dir.resolve("broken.json");
        Files.writeString(notJson, "{ not json");
        assertThatThrownBy(() -> TokensModule.of(store).loadPriceOverrides(notJson))
                .isInstanceOf(AgentStoreException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void pricesAreCheckedWhenBuilt() {
        assertThatThrownBy(() -> ModelPrice.builder()
                        .model("m")
                        .prices(TokenPrices.of(null, null))
                        .build())
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("prices.input");
        assertThatThrownBy(() -> TokenPrices.of(new java.math.BigDecimal("0.0000000000001"), java.math.BigDecimal.ONE))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("12 decimal places");
        assertThatThrownBy(() -> ModelPrice.builder()
                        .model("m")
                        .prices(TokenPrices.perMillion("1", "1", null, null, null))
                        .tier(0, TokenPrices.NONE)
                        .build())
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("tierThresholdTokens");
        // the hash changes with any price and not with the source
        ModelPrice a = Stores.acmeLarge(Instant.EPOCH);
        assertThat(a.priceHash())
                .isEqualTo(
                        Stores.acmeLarge(Instant.parse("2025-01-01T00:00:00Z")).priceHash());
        assertThat(a.priceHash()).isNotEqualTo(Stores.acmeSmall(Instant.EPOCH).priceHash());
    }
}
