package io.agentstore.strategy;

import io.agentstore.spi.Checks;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Json;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A snapshot of the workflow state ({@code fact_workflow_state}); the current state is the latest snapshot
 * ({@code v_workflow_state}), never an updated row.
 *
 * @param eventId           see {@link FactRecord#eventId()}
 * @param occurredAt        when
 * @param supersedesEventId see {@link FactRecord#supersedesEventId()}
 * @param sessionId         the session, or null
 * @param state             the state, as a JSON object (not empty)
 * @param attributes        anything else, as JSON
 */
public record WorkflowState(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String sessionId,
        Map<String, Object> state,
        Map<String, Object> attributes)
        implements FactRecord {

    /** Validates every field; a bad one throws {@link InvalidRecordException} naming it. */
    public WorkflowState {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Checks.optional("sessionId", sessionId);
        state = Json.normalizeObject("state", state);
        if (state.isEmpty()) {
            throw new InvalidRecordException("state", state, "must not be empty");
        }
        attributes = Json.normalizeObject("attributes", attributes);
    }
}
