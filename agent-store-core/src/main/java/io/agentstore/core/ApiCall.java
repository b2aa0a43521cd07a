package io.agentstore.core;

import io.agentstore.spi.Checks;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One model API call: tokens by kind (cache writes split into 5-minute and 1-hour), the cost the provider
 * reported when it did, latency and outcome. Stored in {@code fact_api_call}. Cost is derived from tokens
 * and the price table by the tokens module; {@code reportedCostUsd} is kept beside it.
 *
 * @param eventId            see {@link FactRecord#eventId()}
 * @param occurredAt         when the call was made
 * @param supersedesEventId  see {@link FactRecord#supersedesEventId()}
 * @param sessionId          the session, or null
 * @param agent              the agent, or null
 * @param task               the task, or null
 * @param model              the model name as the provider reports it, for example {@code "claude-sonnet-4-5"}
 * @param provider           {@code "anthropic"}, {@code "openai"}, {@code "google"}, ... or null
 * @param requestId          the provider's request id, or null
 * @param inputTokens        uncached input tokens (each token count at most 10^15)
 * @param outputTokens       output tokens
 * @param cacheReadTokens    input tokens read from the prompt cache
 * @param cacheWrite5mTokens input tokens written to the 5-minute cache
 * @param cacheWrite1hTokens input tokens written to the 1-hour cache
 * @param reportedCostUsd    the provider-reported cost, or null
 * @param latencyMs          the latency, or null
 * @param success            whether the call succeeded
 * @param errorType          the error when it did not, or null
 * @param attributes         anything else, as JSON
 */
public record ApiCall(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String sessionId,
        AgentRef agent,
        TaskRef task,
        String model,
        String provider,
        String requestId,
        long inputTokens,
        long outputTokens,
        long cacheReadTokens,
        long cacheWrite5mTokens,
        long cacheWrite1hTokens,
        BigDecimal reportedCostUsd,
        Long latencyMs,
        boolean success,
        String errorType,
        Map<String, Object> attributes)
        implements FactRecord {

    /** Validates every field; a bad one throws {@link io.agentstore.spi.InvalidRecordException} naming it. */
    public ApiCall {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Checks.optional("sessionId", sessionId);
        Checks.required("model", model);
        Checks.optional("provider", provider);
        Checks.optional("requestId", requestId);
        Checks.tokens("inputTokens", inputTokens);
        Checks.tokens("outputTokens", outputTokens);
        Checks.tokens("cacheReadTokens", cacheReadTokens);
        Checks.tokens("cacheWrite5mTokens", cacheWrite5mTokens);
        Checks.tokens("cacheWrite1hTokens", cacheWrite1hTokens);
        reportedCostUsd = Checks.usd("reportedCostUsd", reportedCostUsd);
        Checks.nonNegative("latencyMs", latencyMs);
        Checks.optional("errorType", errorType);
        attributes = Json.normalizeObject("attributes", attributes);
    }

    /** All input tokens: uncached, cache reads and cache writes. */
    public long totalInputTokens() {
        return inputTokens + cacheReadTokens + cacheWrite5mTokens + cacheWrite1hTokens;
    }

    /** A builder; {@code model} is required, tokens default to 0, {@code success} to true. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link ApiCall}. */
    public static final class Builder extends AgentFactBuilder<Builder> {
        private String model;
        private String provider;
        private String requestId;
        private long inputTokens;
        private long outputTokens;
        private long cacheReadTokens;
        private long cacheWrite5mTokens;
        private long cacheWrite1hTokens;
        private BigDecimal reportedCostUsd;
        private Long latencyMs;
        private boolean success = true;
        private String errorType;

        private Builder() {}

        /** The model name. */
        public Builder model(String model) {
            this.model = model;
            return this;
        }

        /** The provider. */
        public Builder provider(String provider) {
            this.provider = provider;
            return this;
        }

        /** The provider's request id. */
        public Builder requestId(String requestId) {
            this.requestId = requestId;
            return this;
        }

        /** Uncached input and output tokens. */
        public Builder tokens(long inputTokens, long outputTokens) {
            this.inputTokens = inputTokens;
            this.outputTokens = outputTokens;
            return this;
        }

        /** Cache reads, 5-minute cache writes and 1-hour cache writes. */
        public Builder cacheTokens(long readTokens, long write5mTokens, long write1hTokens) {
            this.cacheReadTokens = readTokens;
            this.cacheWrite5mTokens = write5mTokens;
            this.cacheWrite1hTokens = write1hTokens;
            return this;
        }

        /** The provider-reported cost in USD. */
        public Builder reportedCostUsd(BigDecimal reportedCostUsd) {
            this.reportedCostUsd = reportedCostUsd;
            return this;
        }

        /** The latency. */
        public Builder latencyMs(Long latencyMs) {
            this.latencyMs = latencyMs;
            return this;
        }

        /** Marks the call failed with this error type. */
        public Builder failed(String errorType) {
            this.success = false;
            this.errorType = errorType;
            return this;
        }

        /** The validated record. */
        public ApiCall build() {
            return new ApiCall(
                    eventId,
                    occurredAt,
                    supersedesEventId,
                    sessionId,
                    agent,
                    task,
                    model,
                    provider,
                    requestId,
                    inputTokens,
                    outputTokens,
                    cacheReadTokens,
                    cacheWrite5mTokens,
                    cacheWrite1hTokens,
                    reportedCostUsd,
                    latencyMs,
                    success,
                    errorType,
                    attributes);
        }
    }
}
