package io.agentstore.agents;

import io.agentstore.spi.Checks;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Json;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A todo blocked by another ({@code fact_todo_dependency}), or that dependency dropped. Record it through
 * {@link AgentsFacade#addTodoDependency}, which refuses a cycle.
 *
 * @param eventId           see {@link FactRecord#eventId()}
 * @param occurredAt        when
 * @param supersedesEventId see {@link FactRecord#supersedesEventId()}
 * @param todoId            the blocked todo; required
 * @param blockedByTodoId   the todo it waits for; required, not {@code todoId}
 * @param removed           whether the dependency was dropped
 * @param attributes        anything else
 */
public record TodoDependency(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        UUID todoId,
        UUID blockedByTodoId,
        boolean removed,
        Map<String, Object> attributes)
        implements FactRecord {
    /** Validates every field. */
    public TodoDependency {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Objects.requireNonNull(todoId, "todoId must not be null");
        Objects.requireNonNull(blockedByTodoId, "blockedByTodoId must not be null");
        if (todoId.equals(blockedByTodoId)) {
            throw new InvalidRecordException("blockedByTodoId", blockedByTodoId, "must not be the todo itself");
        }
        attributes = Json.normalizeObject("attributes", attributes);
    }
}
