package io.agentstore.strategy;

import io.agentstore.core.AgentFactBuilder;
import io.agentstore.core.AgentRef;
import io.agentstore.core.TaskRef;
import io.agentstore.spi.Checks;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One attempt at a task with a strategy, and how it went ({@code fact_strategy_attempt}).
 *
 * @param eventId           see {@link FactRecord#eventId()}
 * @param occurredAt        when it was attempted
 * @param supersedesEventId see {@link FactRecord#supersedesEventId()}
 * @param sessionId         the session, or null
 * @param agent             the agent, or null
 * @param task              the task (its type groups the statistics), or null
 * @param strategy          the strategy's name
 * @param success           whether it worked
 * @param durationMs        how long it took, or null
 * @param outcomeMetrics    task-specific success metrics, as JSON
 * @param failureReason     why it failed, or null
 * @param testRunId         the quality module's test run that judged it, or null
 * @param decisionEventId   core's decision that chose it, or null
 * @param source            {@code "agent"}, {@code "tool"}, {@code "derived"} or {@code "import"}
 * @param attributes        anything else, as JSON
 */
public record StrategyAttempt(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String sessionId,
        AgentRef agent,
        TaskRef task,
        String strategy,
        boolean success,
        Long durationMs,
        Map<String, Object> outcomeMetrics,
        String failureReason,
        UUID testRunId,
        UUID decisionEventId,
        String source,
        Map<String, Object> attributes)
        implements FactRecord {

    /** Where attempts come from. */
    public static final Set<String> SOURCES = Set.of("agent", "tool", "derived", "import");

    /** Validates every field; a bad one throws {@link InvalidRecordException} naming it. */
    public StrategyAttempt {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Checks.optional("sessionId", sessionId);
        Checks.required("strategy", strategy);
        Checks.nonNegative("durationMs", durationMs);
        outcomeMetrics = Json.normalizeObject("outcomeMetrics", outcomeMetrics);
        Checks.optional("failureReason", failureReason);
        if (success && failureReason != null) {
            throw new InvalidRecordException("failureReason", failureReason, "must be null for a successful attempt");
        }
        Checks.oneOf("source", source, SOURCES);
        attributes = Json.normalizeObject("attributes", attributes);
    }

    /** A builder; the strategy and the outcome are required; the source defaults to {@code "agent"}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link StrategyAttempt}. */
    public static final class Builder extends AgentFactBuilder<Builder> {
        private String strategy;
        private Boolean success;
        private Long durationMs;
        private final Map<String, Object> metrics = new LinkedHashMap<>();
        private String failureReason;
        private UUID testRunId;
        private UUID decisionEventId;
        private String source = "agent";

        private Builder() {}

        /** The strategy. */
        public Builder strategy(String strategy) {
            this.strategy = strategy;
            return this;
        }

        /** It worked. */
        public Builder succeeded() {
            this.success = true;
            this.failureReason = null;
            return this;
        }

        /** It failed, and why (or null). */
        public Builder failed(String reason) {
            this.success = false;
            this.failureReason = reason;
            return this;
        }

        /** How long it took. */
        public Builder durationMs(Long durationMs) {
            this.durationMs = durationMs;
            return this;
        }

        /** Adds one outcome metric. */
        public Builder metric(String name, Object value) {
            metrics.put(java.util.Objects.requireNonNull(name, "metric name must not be null"), value);
            return this;
        }

        /** The test run and the decision it is linked to (either may be null). */
        public Builder links(UUID testRunId, UUID decisionEventId) {
            this.testRunId = testRunId;
            this.decisionEventId = decisionEventId;
            return this;
        }

        /** Where it comes from (see {@link StrategyAttempt#SOURCES}). */
        public Builder source(String source) {
            this.source = source;
            return this;
        }

        /**
         * The validated record.
         *
         * @throws InvalidRecordException when neither {@link #succeeded()} nor {@link #failed(String)} was called
         */
        public StrategyAttempt build() {
            if (success == null) {
                throw new InvalidRecordException("success", null, "is required: call succeeded() or failed(reason)");
            }
            return new StrategyAttempt(
                    eventId,
                    occurredAt,
                    supersedesEventId,
                    sessionId,
                    agent,
                    task,
                    strategy,
                    success,
                    durationMs,
                    metrics,
                    failureReason,
                    testRunId,
                    decisionEventId,
                    source,
                    attributes);
        }
    }
}
