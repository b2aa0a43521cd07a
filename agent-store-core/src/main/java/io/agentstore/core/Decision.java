package io.agentstore.core;

import io.agentstore.spi.Checks;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A decision an agent took: the option it chose, the alternatives it considered, why, and how it turned
 * out. Stored in {@code fact_decision}; the source of "which approaches worked for this kind of task".
 *
 * @param eventId           see {@link FactRecord#eventId()}
 * @param occurredAt        when it was decided
 * @param supersedesEventId see {@link FactRecord#supersedesEventId()}; record the outcome later as a correction
 * @param sessionId         the session, or null
 * @param agent             the agent, or null
 * @param task              the task, or null
 * @param decisionType      {@code "tool_choice"}, {@code "approach_selection"}, {@code "file_modification"}, ...
 * @param contextHash       a hash of the situation, to find the same decision point again, or null
 * @param optionChosen      what was chosen
 * @param alternatives      what else was considered (possibly empty)
 * @param rationale         why, or null
 * @param outcome           {@code "success"}, {@code "failure"} or {@code "unknown"}
 * @param retried           whether the decision was a retry of an earlier one
 * @param attributes        anything else, as JSON
 */
public record Decision(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String sessionId,
        AgentRef agent,
        TaskRef task,
        String decisionType,
        String contextHash,
        String optionChosen,
        List<String> alternatives,
        String rationale,
        String outcome,
        boolean retried,
        Map<String, Object> attributes)
        implements FactRecord {

    /** The outcomes a decision may have. */
    public static final Set<String> OUTCOMES = Set.of("success", "failure", "unknown");

    /** Validates every field; a bad one throws {@link io.agentstore.spi.InvalidRecordException} naming it. */
    public Decision {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Checks.optional("sessionId", sessionId);
        Checks.required("decisionType", decisionType);
        Checks.optional("contextHash", contextHash);
        Checks.required("optionChosen", optionChosen);
        alternatives = Checks.texts("alternatives", alternatives);
        Checks.optional("rationale", rationale);
        outcome = Checks.oneOf("outcome", outcome == null ? "unknown" : outcome, OUTCOMES);
        attributes = Json.normalizeObject("attributes", attributes);
    }

    /** A builder; {@code decisionType} and {@code optionChosen} are required, the outcome defaults to unknown. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Decision}. */
    public static final class Builder extends AgentFactBuilder<Builder> {
        private String decisionType;
        private String contextHash;
        private String optionChosen;
        private final List<String> alternatives = new ArrayList<>();
        private String rationale;
        private String outcome;
        private boolean retried;

        private Builder() {}

        /** The kind of decision. */
        public Builder decisionType(String decisionType) {
            this.decisionType = decisionType;
            return this;
        }

        /** A hash of the decision's context. */
        public Builder contextHash(String contextHash) {
            this.contextHash = contextHash;
            return this;
        }

        /** The option chosen. */
        public Builder chose(String optionChosen) {
            this.optionChosen = optionChosen;
            return this;
        }

        /** Options considered and not chosen. */
        public Builder alternatives(List<String> alternatives) {
            this.alternatives.addAll(alternatives);
            return this;
        }

        /** Why. */
        public Builder rationale(String rationale) {
            this.rationale = rationale;
            return this;
        }

        /** {@code "success"}, {@code "failure"} or {@code "unknown"}. */
        public Builder outcome(String outcome) {
            this.outcome = outcome;
            return this;
        }

        /** Whether this was a retry. */
        public Builder retried(boolean retried) {
            this.retried = retried;
            return this;
        }

        /** The validated record. */
        public Decision build() {
            return new Decision(
                    eventId,
                    occurredAt,
                    supersedesEventId,
                    sessionId,
                    agent,
                    task,
                    decisionType,
                    contextHash,
                    optionChosen,
                    alternatives,
                    rationale,
                    outcome,
                    retried,
                    attributes);
        }
    }
}
