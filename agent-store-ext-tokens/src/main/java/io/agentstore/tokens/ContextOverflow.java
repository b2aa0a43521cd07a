package io.agentstore.tokens;

import io.agentstore.core.AgentRef;
import io.agentstore.spi.Checks;
import io.agentstore.spi.FactBuilder;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The context of a session reached its limit, or a compaction was asked for: how full it was, what was
 * dropped, whether it was compacted. Stored in {@code fact_context_overflow}; Claude Code's
 * {@code compact_boundary} and {@code PreCompact} hook map onto it.
 *
 * @param eventId             see {@link FactRecord#eventId()}
 * @param occurredAt          when it happened
 * @param supersedesEventId   see {@link FactRecord#supersedesEventId()}
 * @param sessionId           the session, or null
 * @param agent               the agent, or null
 * @param model               the model, or null
 * @param provider            the model's provider, or null
 * @param contextWindowTokens the size of the context window in tokens, or null (then
 *                            {@link TokensFacade#recordOverflow} fills it from the price table when it knows the model)
 * @param tokensAtOverflow    the context size when it overflowed
 * @param tokensAfter         the context size after compaction, or null
 * @param droppedComponents   names of the components dropped (empty when none or unknown)
 * @param compactionTriggered whether a compaction ran
 * @param compactionTrigger   {@code "auto"}, {@code "manual"} or null
 * @param attributes          anything else, as JSON
 */
public record ContextOverflow(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String sessionId,
        AgentRef agent,
        String model,
        String provider,
        Long contextWindowTokens,
        long tokensAtOverflow,
        Long tokensAfter,
        List<String> droppedComponents,
        boolean compactionTriggered,
        String compactionTrigger,
        Map<String, Object> attributes)
        implements FactRecord {
    /** The compaction triggers {@code fact_context_overflow} accepts (besides null). */
    public static final Set<String> TRIGGERS = Set.of("auto", "manual");

    /** Validates every field; a bad one throws {@link InvalidRecordException} naming it. */
    public ContextOverflow {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Checks.optional("sessionId", sessionId);
        Checks.optional("model", model);
        Checks.optional("provider", provider);
        if (contextWindowTokens != null && contextWindowTokens < 1) {
            throw new InvalidRecordException("contextWindowTokens", contextWindowTokens, "must be >= 1");
        }
        Checks.nonNegative("tokensAtOverflow", tokensAtOverflow);
        Checks.nonNegative("tokensAfter", tokensAfter);
        droppedComponents = Checks.texts("droppedComponents", droppedComponents);
        if (compactionTrigger != null) {
            Checks.oneOf("compactionTrigger", compactionTrigger, TRIGGERS);
        }
        attributes = Json.normalizeObject("attributes", attributes);
    }

    /** A builder; the tokens at overflow are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** This overflow with the context window size set. */
    public ContextOverflow withContextWindowTokens(Long tokens) {
        return new ContextOverflow(
                eventId,
                occurredAt,
                supersedesEventId,
                sessionId,
                agent,
                model,
                provider,
                tokens,
                tokensAtOverflow,
                tokensAfter,
                droppedComponents,
                compactionTriggered,
                compactionTrigger,
                attributes);
    }

    /** Builds a {@link ContextOverflow}. */
    public static final class Builder extends FactBuilder<Builder> {
        private String sessionId;
        private AgentRef agent;
        private String model;
        private String provider;
        private Long contextWindowTokens;
        private Long tokensAtOverflow;
        private Long tokensAfter;
        private final List<String> dropped = new ArrayList<>();
        private boolean compactionTriggered;
        private String compactionTrigger;

        private Builder() {}

        /** The session id. */
        public Builder sessionId(String sessionId) {
            this.sessionId = sessionId;
            return this;
        }

        /** The agent. */
        public Builder agent(AgentRef agent) {
            this.agent = agent;
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

        /** The context window size. */
        public Builder contextWindowTokens(Long contextWindowTokens) {
            this.contextWindowTokens = contextWindowTokens;
            return this;
        }

        /** The context size when it overflowed. */
        public Builder tokensAtOverflow(long tokensAtOverflow) {
            this.tokensAtOverflow = tokensAtOverflow;
            return this;
        }

        /** The context size after compaction. */
        public Builder tokensAfter(Long tokensAfter) {
            this.tokensAfter = tokensAfter;
            return this;
        }

        /** Components dropped (appended). */
        public Builder dropped(String... componentNames) {
            this.dropped.addAll(java.util.Arrays.asList(componentNames));
            return this;
        }

        /** Components dropped (appended). */
        public Builder dropped(List<String> componentNames) {
            this.dropped.addAll(componentNames);
            return this;
        }

        /** A compaction ran, triggered {@code "auto"} or {@code "manual"} (or null when unknown). */
        public Builder compacted(String trigger) {
            this.compactionTriggered = true;
            this.compactionTrigger = trigger;
            return this;
        }

        /** The validated record. */
        public ContextOverflow build() {
            if (tokensAtOverflow == null) {
                throw new InvalidRecordException("tokensAtOverflow", null, "is required");
            }
            return new ContextOverflow(
                    eventId,
                    occurredAt,
                    supersedesEventId,
                    sessionId,
                    agent,
                    model,
                    provider,
                    contextWindowTokens,
                    tokensAtOverflow,
                    tokensAfter,
                    dropped,
                    compactionTriggered,
                    compactionTrigger,
                    attributes);
        }
    }
}
