package io.agentstore.core;

import io.agentstore.spi.Checks;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Json;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * How a task ended: success, test pass rate, files touched, tokens spent, the time it took and the time
 * estimated for it. Stored in {@code fact_task_outcome}; the source of "which agent is best at this".
 *
 * @param eventId           see {@link FactRecord#eventId()}
 * @param occurredAt        when the task ended
 * @param supersedesEventId see {@link FactRecord#supersedesEventId()}
 * @param sessionId         the session, or null
 * @param agent             the agent that did it, or null
 * @param task              the task (required)
 * @param success           whether it succeeded
 * @param testPassRate      the share of tests passing at the end, 0..1, or null
 * @param filesModified     how many files it changed, or null
 * @param totalTokens       tokens spent on it, or null (at most 10^15)
 * @param estimatedMs       the time estimated beforehand, or null
 * @param elapsedMs         the time it took, or null
 * @param finalStatus       {@code "completed"}, {@code "failed"}, {@code "abandoned"}, ...
 * @param attributes        anything else, as JSON
 */
public record TaskOutcome(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String sessionId,
        AgentRef agent,
        TaskRef task,
        boolean success,
        Double testPassRate,
        Long filesModified,
        Long totalTokens,
        Long estimatedMs,
        Long elapsedMs,
        String finalStatus,
        Map<String, Object> attributes)
        implements FactRecord {

    /** Validates every field; a bad one throws {@link InvalidRecordException} naming it. */
    public TaskOutcome {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Checks.optional("sessionId", sessionId);
        if (task == null) {
            throw new InvalidRecordException("task", null, "is required");
        }
        Checks.fraction("testPassRate", testPassRate);
        Checks.nonNegative("filesModified", filesModified);
        Checks.tokens("totalTokens", totalTokens);
        Checks.nonNegative("estimatedMs", estimatedMs);
        Checks.nonNegative("elapsedMs", elapsedMs);
        finalStatus =
                finalStatus == null ? (success ? "completed" : "failed") : Checks.required("finalStatus", finalStatus);
        attributes = Json.normalizeObject("attributes", attributes);
    }

    /** A builder; {@code task} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link TaskOutcome}. */
    public static final class Builder extends AgentFactBuilder<Builder> {
        private boolean success;
        private Double testPassRate;
        private Long filesModified;
        private Long totalTokens;
        private Long estimatedMs;
        private Long elapsedMs;
        private String finalStatus;

        private Builder() {}

        /** Whether it succeeded. */
        public Builder success(boolean success) {
            this.success = success;
            return this;
        }

        /** The share of tests passing, 0..1. */
        public Builder testPassRate(Double testPassRate) {
            this.testPassRate = testPassRate;
            return this;
        }

        /** Files changed. */
        public Builder filesModified(Long filesModified) {
            this.filesModified = filesModified;
            return this;
        }

        /** Tokens spent. */
        public Builder totalTokens(Long totalTokens) {
            this.totalTokens = totalTokens;
            return this;
        }

        /** Time estimated beforehand. */
        public Builder estimatedMs(Long estimatedMs) {
            this.estimatedMs = estimatedMs;
            return this;
        }

        /** Time taken. */
        public Builder elapsedMs(Long elapsedMs) {
            this.elapsedMs = elapsedMs;
            return this;
        }

        /** Final status; default {@code "completed"} or {@code "failed"} by success. */
        public Builder finalStatus(String finalStatus) {
            this.finalStatus = finalStatus;
            return this;
        }

        /** The validated record. */
        public TaskOutcome build() {
            return new TaskOutcome(
                    eventId,
                    occurredAt,
                    supersedesEventId,
                    sessionId,
                    agent,
                    task,
                    success,
                    testPassRate,
                    filesModified,
                    totalTokens,
                    estimatedMs,
                    elapsedMs,
                    finalStatus,
                    attributes);
        }
    }
}
