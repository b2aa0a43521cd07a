package io.agentstore.core;

import io.agentstore.spi.Checks;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.Json;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One tool invocation (or other action) of an agent: which tool, on what, whether it worked, how long it
 * took and how much went in and out. Stored in {@code fact_tool_call}.
 *
 * @param eventId           see {@link FactRecord#eventId()}
 * @param occurredAt        when the call started
 * @param supersedesEventId see {@link FactRecord#supersedesEventId()}
 * @param sessionId         the session, or null
 * @param agent             the agent, or null
 * @param task              the task, or null
 * @param toolName          the tool, for example {@code "Edit"} or {@code "mcp__github__create_issue"}
 * @param targetPath        the file or path acted on, or null
 * @param actionType        {@code "tool_call"} (default), {@code "response"}, {@code "decision"}, ...
 * @param success           whether it worked
 * @param errorType         a short error class when it did not, or null
 * @param durationMs        how long it took, or null
 * @param inputBytes        size of the input, or null
 * @param outputBytes       size of the output, or null
 * @param inputTokens       tokens attributed to the input, or null (token counts at most 10^15)
 * @param outputTokens      tokens attributed to the output, or null
 * @param attributes        tool arguments, results and anything else, as JSON
 */
public record ToolCall(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String sessionId,
        AgentRef agent,
        TaskRef task,
        String toolName,
        String targetPath,
        String actionType,
        boolean success,
        String errorType,
        Long durationMs,
        Long inputBytes,
        Long outputBytes,
        Long inputTokens,
        Long outputTokens,
        Map<String, Object> attributes)
        implements FactRecord {

    /** Validates every field; a bad one throws {@link io.agentstore.spi.InvalidRecordException} naming it. */
    public ToolCall {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Checks.optional("sessionId", sessionId);
        Checks.required("toolName", toolName);
        Checks.optional("targetPath", targetPath);
        actionType = actionType == null ? "tool_call" : Checks.required("actionType", actionType);
        Checks.optional("errorType", errorType);
        Checks.nonNegative("durationMs", durationMs);
        Checks.nonNegative("inputBytes", inputBytes);
        Checks.nonNegative("outputBytes", outputBytes);
        Checks.tokens("inputTokens", inputTokens);
        Checks.tokens("outputTokens", outputTokens);
        attributes = Json.normalizeObject("attributes", attributes);
    }

    /** A builder; {@code tool} is required, {@code success} defaults to true. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ToolCall}. */
    public static final class Builder extends AgentFactBuilder<Builder> {
        private String toolName;
        private String targetPath;
        private String actionType;
        private boolean success = true;
        private String errorType;
        private Long durationMs;
        private Long inputBytes;
        private Long outputBytes;
        private Long inputTokens;
        private Long outputTokens;

        private Builder() {}

        /** The tool name. */
        public Builder tool(String toolName) {
            this.toolName = toolName;
            return this;
        }

        /** The file or path acted on. */
        public Builder targetPath(String targetPath) {
            this.targetPath = targetPath;
            return this;
        }

        /** The kind of action; default {@code "tool_call"}. */
        public Builder actionType(String actionType) {
            this.actionType = actionType;
            return this;
        }

        /** Whether it worked; default true. */
        public Builder success(boolean success) {
            this.success = success;
            return this;
        }

        /** Marks the call failed with this error type. */
        public Builder failed(String errorType) {
            this.success = false;
            this.errorType = errorType;
            return this;
        }

        /** How long it took. */
        public Builder durationMs(Long durationMs) {
            this.durationMs = durationMs;
            return this;
        }

        /** Input and output sizes in bytes. */
        public Builder bytes(Long inputBytes, Long outputBytes) {
            this.inputBytes = inputBytes;
            this.outputBytes = outputBytes;
            return this;
        }

        /** Input and output tokens. */
        public Builder tokens(Long inputTokens, Long outputTokens) {
            this.inputTokens = inputTokens;
            this.outputTokens = outputTokens;
            return this;
        }

        /** The validated record. */
        public ToolCall build() {
            return new ToolCall(
                    eventId,
                    occurredAt,
                    supersedesEventId,
                    sessionId,
                    agent,
                    task,
                    toolName,
                    targetPath,
                    actionType,
                    success,
                    errorType,
                    durationMs,
                    inputBytes,
                    outputBytes,
                    inputTokens,
                    outputTokens,
                    attributes);
        }
    }
}
