package io.agentstore.core;

import io.agentstore.spi.Checks;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.Json;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * An error an agent ran into; its context goes into {@code attributes}. Stored in {@code fact_error}.
 *
 * @param eventId           see {@link FactRecord#eventId()}
 * @param occurredAt        when it happened
 * @param supersedesEventId see {@link FactRecord#supersedesEventId()}
 * @param sessionId         the session, or null
 * @param agent             the agent, or null
 * @param task              the task, or null
 * @param toolName          the tool involved, or null
 * @param severity          {@code "debug"}, {@code "info"}, {@code "warning"}, {@code "error"} or {@code "critical"}
 * @param errorType         a short error class, for example {@code "api_error"} or {@code "timeout"}
 * @param message           the message, or null
 * @param attributes        the context, as JSON
 */
public record ErrorEvent(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String sessionId,
        AgentRef agent,
        TaskRef task,
        String toolName,
        String severity,
        String errorType,
        String message,
        Map<String, Object> attributes)
        implements FactRecord {

    /** The severities an error may have. */
    public static final Set<String> SEVERITIES = Set.of("debug", "info", "warning", "error", "critical");

    /** Validates every field; a bad one throws {@link io.agentstore.spi.InvalidRecordException} naming it. */
    public ErrorEvent {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Checks.optional("sessionId", sessionId);
        Checks.optional("toolName", toolName);
        severity = Checks.oneOf("severity", severity == null ? "error" : severity, SEVERITIES);
        Checks.required("errorType", errorType);
        Checks.text("message", message);
        attributes = Json.normalizeObject("attributes", attributes);
    }

    /** A builder; {@code errorType} is required, severity defaults to {@code "error"}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link ErrorEvent}. */
    public static final class Builder extends AgentFactBuilder<Builder> {
        private String toolName;
        private String severity;
        private String errorType;
        private String message;

        private Builder() {}

        /** The tool involved. */
        public Builder tool(String toolName) {
            this.toolName = toolName;
            return this;
        }

        /** The severity. */
        public Builder severity(String severity) {
            this.severity = severity;
            return this;
        }

        /** The error class. */
        public Builder errorType(String errorType) {
            this.errorType = errorType;
            return this;
        }

        /** The message. */
        public Builder message(String message) {
            this.message = message;
            return this;
        }

        /** The validated record. */
        public ErrorEvent build() {
            return new ErrorEvent(
                    eventId,
                    occurredAt,
                    supersedesEventId,
                    sessionId,
                    agent,
                    task,
                    toolName,
                    severity,
                    errorType,
                    message,
                    attributes);
        }
    }
}
