package io.agentstore.agents;

import io.agentstore.core.AgentRef;
import io.agentstore.spi.Checks;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.Json;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A todo assigned or delegated to an agent ({@code fact_todo_assignment}); the latest is current.
 *
 * @param eventId           see {@link FactRecord#eventId()}
 * @param occurredAt        when
 * @param supersedesEventId see {@link FactRecord#supersedesEventId()}
 * @param todoId            the todo; required
 * @param assignee          the agent, or null to unassign
 * @param delegatedBy       the agent that delegated it, or null
 * @param via               how ({@code manual}, {@code Task tool}, {@code rule}, ...), or null
 * @param attributes        anything else
 */
public record TodoAssignment(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        UUID todoId,
        AgentRef assignee,
        AgentRef delegatedBy,
        String via,
        Map<String, Object> attributes)
        implements FactRecord {
    /** Validates every field. */
    public TodoAssignment {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Objects.requireNonNull(todoId, "todoId must not be null");
        Checks.optional("via", via);
        attributes = Json.normalizeObject("attributes", attributes);
    }
}
