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
import java.util.Set;
import java.util.UUID;

/**
 * The tokens one component put into (or took out of) a model's context on one invocation: a skill loaded,
 * a tool called, a reference file injected. Stored in {@code fact_token_usage}; its cost is derived from the
 * model's price at {@code occurredAt} by {@code v_token_usage}.
 *
 * @param eventId           see {@link FactRecord#eventId()}
 * @param occurredAt        when it happened
 * @param supersedesEventId see {@link FactRecord#supersedesEventId()}
 * @param sessionId         the session, or null
 * @param agent             the agent, or null
 * @param task              the task, or null
 * @param component         the component (required)
 * @param model             the model whose context it went into, or null (then no cost is derived)
 * @param provider          the model's provider, or null
 * @param invocationContext one of {@link #CONTEXTS}
 * @param tokens            the tokens by kind
 * @param attributes        anything else, as JSON
 */
public record TokenUsage(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String sessionId,
        AgentRef agent,
        TaskRef task,
        ComponentRef component,
        String model,
        String provider,
        String invocationContext,
        TokenCounts tokens,
        Map<String, Object> attributes)
        implements FactRecord {
    /** The invocation contexts {@code fact_token_usage} accepts. */
    public static final Set<String> CONTEXTS = Set.of(
            "skill_load",
            "tool_call",
            "tool_result",
            "reference_inject",
            "system_prompt",
            "memory",
            "conversation",
            "other");

    /** Validates every field; a bad one throws {@link InvalidRecordException} naming it. */
    public TokenUsage {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Checks.optional("sessionId", sessionId);
        if (component == null) {
            throw new InvalidRecordException("component", null, "is required");
        }
        Checks.optional("model", model);
        Checks.optional("provider", provider);
        Checks.oneOf("invocationContext", invocationContext, CONTEXTS);
        if (tokens == null) {
            throw new InvalidRecordException("tokens", null, "is required");
        }
        attributes = Json.normalizeObject("attributes", attributes);
    }

    /** A builder; the component is required, the context defaults to {@code "other"}, tokens to zero. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link TokenUsage}. */
    public static final class Builder extends AgentFactBuilder<Builder> {
        private ComponentRef component;
        private String model;
        private String provider;
        private String invocationContext = "other";
        private TokenCounts tokens = TokenCounts.ZERO;

        private Builder() {}

        /** The component. */
        public Builder component(ComponentRef component) {
            this.component = component;
            return this;
        }

        /** The component, by name and type. */
        public Builder component(String name, String type) {
            this.component = ComponentRef.of(name, type);
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

        /** How the component was used: one of {@link TokenUsage#CONTEXTS}. */
        public Builder invocationContext(String invocationContext) {
            this.invocationContext = invocationContext;
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
        public TokenUsage build() {
            return new TokenUsage(
                    eventId,
                    occurredAt,
                    supersedesEventId,
                    sessionId,
                    agent,
                    task,
                    component,
                    model,
                    provider,
                    invocationContext,
                    tokens,
                    attributes);
        }
    }
}
