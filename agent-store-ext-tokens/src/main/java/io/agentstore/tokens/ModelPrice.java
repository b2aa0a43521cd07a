package io.agentstore.tokens;

import io.agentstore.spi.Checks;
import io.agentstore.spi.FactBuilder;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Json;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One version of a model's prices, effective from {@link #occurredAt()}. Recording it adds a version to the
 * type 2 dimension {@code dim_model_price} (and a row to {@code fact_price_change}, its audit trail) when the
 * prices differ from the version in effect; it never rewrites an earlier version. Record prices through
 * {@link TokensFacade#recordPrices}, which also skips versions that would change nothing.
 *
 * @param eventId             see {@link FactRecord#eventId()}
 * @param occurredAt          the date from which these prices apply; null for "now" on the store clock
 * @param supersedesEventId   see {@link FactRecord#supersedesEventId()}
 * @param modelName           the model as the price table names it, for example {@code "claude-sonnet-4-5"}
 * @param provider            {@code "anthropic"}, {@code "openai"}, {@code "google"}, ... or null
 * @param prices              the base prices; input and output are required
 * @param tierThresholdTokens the input size above which {@code tierPrices} apply to the whole call, or null
 * @param tierPrices          the higher-tier prices (components null where they equal the base price)
 * @param maxInputTokens      the context window, or null
 * @param maxOutputTokens     the output limit, or null
 * @param source              {@code "bundled"}, {@code "override"} or {@code "api"}
 * @param sourceFile          the file the prices came from, or null
 * @param attributes          anything else, as JSON
 */
public record ModelPrice(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String modelName,
        String provider,
        TokenPrices prices,
        Long tierThresholdTokens,
        TokenPrices tierPrices,
        Long maxInputTokens,
        Long maxOutputTokens,
        String source,
        String sourceFile,
        Map<String, Object> attributes)
        implements FactRecord {
    /** The price sources {@code fact_price_change} accepts. */
    public static final Set<String> SOURCES = Set.of("bundled", "override", "api");

    /** Validates every field; a bad one throws {@link InvalidRecordException} naming it. */
    public ModelPrice {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Checks.required("modelName", modelName);
        Checks.optional("provider", provider);
        if (prices == null) {
            throw new InvalidRecordException("prices", null, "is required");
        }
        if (prices.input() == null) {
            throw new InvalidRecordException("prices.input", null, "is required");
        }
        if (prices.output() == null) {
            throw new InvalidRecordException("prices.output", null, "is required");
        }
        tierPrices = tierPrices == null ? TokenPrices.NONE : tierPrices;
        if (tierThresholdTokens != null && tierThresholdTokens < 1) {
            throw new InvalidRecordException("tierThresholdTokens", tierThresholdTokens, "must be >= 1");
        }
        if (tierThresholdTokens == null && !tierPrices.isEmpty()) {
            throw new InvalidRecordException("tierThresholdTokens", null, "is required when tier prices are given");
        }
        Checks.nonNegative("maxInputTokens", maxInputTokens);
        Checks.nonNegative("maxOutputTokens", maxOutputTokens);
        source = source == null ? "api" : Checks.oneOf("source", source, SOURCES);
        Checks.optional("sourceFile", sourceFile);
        attributes = Json.normalizeObject("attributes", attributes);
    }

    /** A builder; model name, input and output prices are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** When these prices take effect (the same as {@link #occurredAt()}). */
    public Instant effectiveFrom() {
        return occurredAt;
    }

    /**
     * A SHA-256 over the provider, every price, the tier threshold and the context limits: two versions with
     * the same hash bill the same. It is the type 2 attribute of {@code dim_model_price}.
     */
    public String priceHash() {
        StringBuilder b = new StringBuilder();
        b.append(provider).append('|');
        append(b, prices);
        b.append(tierThresholdTokens).append('|');
        append(b, tierPrices);
        b.append(maxInputTokens).append('|').append(maxOutputTokens);
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(b.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    private static void append(StringBuilder b, TokenPrices p) {
        for (BigDecimal d :
                new BigDecimal[] {p.input(), p.output(), p.cacheWrite5m(), p.cacheWrite1h(), p.cacheRead()}) {
            b.append(d == null ? "-" : d.stripTrailingZeros().toPlainString()).append('|');
        }
    }

    /** This version with the envelope changed (used when loading files). */
    public ModelPrice withEffectiveFrom(Instant effectiveFrom) {
        return new ModelPrice(
                eventId,
                effectiveFrom,
                supersedesEventId,
                modelName,
                provider,
                prices,
                tierThresholdTokens,
                tierPrices,
                maxInputTokens,
                maxOutputTokens,
                source,
                sourceFile,
                attributes);
    }

    /** Builds a {@link ModelPrice}. */
    public static final class Builder extends FactBuilder<Builder> {
        private String modelName;
        private String provider;
        private TokenPrices prices;
        private Long tierThresholdTokens;
        private TokenPrices tierPrices;
        private Long maxInputTokens;
        private Long maxOutputTokens;
        private String source = "api";
        private String sourceFile;

        private Builder() {}

        /** The model name. */
        public Builder model(String modelName) {
            this.modelName = modelName;
            return this;
        }

        /** The provider. */
        public Builder provider(String provider) {
            this.provider = provider;
            return this;
        }

        /** The base prices. */
        public Builder prices(TokenPrices prices) {
            this.prices = prices;
            return this;
        }

        /** The higher tier: its threshold (total input tokens) and prices. */
        public Builder tier(long thresholdTokens, TokenPrices tierPrices) {
            this.tierThresholdTokens = thresholdTokens;
            this.tierPrices = tierPrices;
            return this;
        }

        /** The context window and output limit. */
        public Builder limits(Long maxInputTokens, Long maxOutputTokens) {
            this.maxInputTokens = maxInputTokens;
            this.maxOutputTokens = maxOutputTokens;
            return this;
        }

        /** When the prices take effect; the same as {@link #occurredAt(Instant)}. */
        public Builder effectiveFrom(Instant effectiveFrom) {
            return occurredAt(effectiveFrom);
        }

        /** Where the prices come from: {@code "bundled"}, {@code "override"} or {@code "api"} (default). */
        public Builder source(String source, String sourceFile) {
            this.source = source;
            this.sourceFile = sourceFile;
            return this;
        }

        /** The validated record. */
        public ModelPrice build() {
            return new ModelPrice(
                    eventId,
                    occurredAt,
                    supersedesEventId,
                    modelName,
                    provider,
                    prices,
                    tierThresholdTokens,
                    tierPrices,
                    maxInputTokens,
                    maxOutputTokens,
                    source,
                    sourceFile,
                    attributes);
        }
    }
}
