package io.agentstore.tokens;

import io.agentstore.core.AgentFactBuilder;
import io.agentstore.core.AgentRef;
import io.agentstore.core.TaskRef;
import io.agentstore.spi.Checks;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Json;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One run of a command (a slash command, a workflow step) routed to a model, with its thinking budget,
 * outcome, duration and tokens: what model routing is judged by. Stored in {@code fact_command_run};
 * {@code v_model_routing} compares the cost with sending every run to the most expensive model used.
 *
 * @param eventId              see {@link FactRecord#eventId()}
 * @param occurredAt           when the run started
 * @param supersedesEventId    see {@link FactRecord#supersedesEventId()}
 * @param sessionId            the session, or null
 * @param agent                the agent, or null
 * @param task                 the task, or null
 * @param command              the command, for example {@code "core:work"} (required)
 * @param model                the model it was routed to (required)
 * @param provider             the model's provider, or null
 * @param thinkingBudgetTokens the extended-thinking budget, or null for none
 * @param durationMs           how long it took, or null
 * @param success              whether it succeeded
 * @param errorType            the error when it did not, or null
 * @param tokens               the tokens of all its model calls
 * @param attributes           anything else, as JSON
 */
public record CommandRun(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String sessionId,
        AgentRef agent,
        TaskRef task,
        String command,
        String model,
        String provider,
        Long thinkingBudgetTokens,
        Long durationMs,
        boolean success,
        String errorType,
        TokenCounts tokens,
        Map<String, Object> attributes)
        implements FactRecord {

    /** Validates every field; a bad one throws {@link InvalidRecordException} naming it. */
    public CommandRun {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Checks.optional("sessionId", sessionId);
        Checks.required("command", command);
        Checks.required("model", model);
        Checks.optional("provider", provider);
        Checks.nonNegative("thinkingBudgetTokens", thinkingBudgetTokens);
        Checks.nonNegative("durationMs", durationMs);
        Checks.optional("errorType", errorType);
        if (tokens == null) {
            throw new InvalidRecordException("tokens", null, "is required");
        }
        attributes = Json.normalizeObject("attributes", attributes);
    }

    /** A builder; command and model are required, success defaults to true, tokens to zero. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link CommandRun}. */
    public static final class Builder extends AgentFactBuilder<Builder> {
        private String command;
        private String model;
        private String provider;
        private Long thinkingBudgetTokens;
        private Long durationMs;
        private boolean success = true;
        private String errorType;
        private TokenCounts tokens = TokenCounts.ZERO;

        private Builder() {}

        /** The command. */
        public Builder command(String command) {
            this.command = command;
            return this;
        }

        /** The model and its provider. */
        public Builder model(String model, String provider) {
            this.model = model;
            this.provider = provider;
            return this;
        }

        /** The model. */
        public Builder model(String model) {
            this.model = model;
            return this;
        }

        /** The thinking budget in tokens. */
        public Builder thinkingBudgetTokens(Long thinkingBudgetTokens) {
            this.thinkingBudgetTokens = thinkingBudgetTokens;
            return this;
        }

        /** How long it took. */
        public Builder durationMs(Long durationMs) {
            this.durationMs = durationMs;
            return this;
        }

        /** Marks the run failed with this error type. */
        public Builder failed(String errorType) {
            this.success = false;
            this.errorType = errorType;
            return this;
        }

        /** The tokens. */
        public Builder tokens(TokenCounts tokens) {
            this.tokens = tokens;
            return this;
        }

        /** Uncached input and output tokens. */
        public Builder tokens(long input, long output) {
            this.tokens = TokenCounts.of(input, output);
            return this;
        }

        /** The validated record. */
        public CommandRun build() {
            return new CommandRun(
                    eventId,
                    occurredAt,
                    supersedesEventId,
                    sessionId,
                    agent,
                    task,
                    command,
                    model,
                    provider,
                    thinkingBudgetTokens,
                    durationMs,
                    success,
                    errorType,
                    tokens,
                    attributes);
        }
    }
}
