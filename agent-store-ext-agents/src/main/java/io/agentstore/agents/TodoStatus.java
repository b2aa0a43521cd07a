package io.agentstore.agents;

import io.agentstore.core.AgentRef;
import io.agentstore.spi.Checks;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Json;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A status a todo entered ({@code fact_todo_status}); the history of these is the todo's lifecycle.
 *
 * @param eventId           see {@link FactRecord#eventId()}
 * @param occurredAt        when
 * @param supersedesEventId see {@link FactRecord#supersedesEventId()}
 * @param todoId            the todo; required
 * @param agent             who changed it, or null
 * @param status            one of {@link Todo#STATUSES}
 * @param actualHours       the time spent so far, or null
 * @param blockedReason     why it is blocked, or null
 * @param attributes        anything else
 */
public record TodoStatus(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        UUID todoId,
        AgentRef agent,
        String status,
        Double actualHours,
        String blockedReason,
        Map<String, Object> attributes)
        implements FactRecord {
    /** Validates every field. */
    public TodoStatus {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Objects.requireNonNull(todoId, "todoId must not be null");
        Checks.oneOf("status", status, Todo.STATUSES);
        if (actualHours != null && !(actualHours >= 0 && actualHours < 1e7)) {
            throw new InvalidRecordException("actualHours", actualHours, "must be >= 0");
        }
        Checks.text("blockedReason", blockedReason);
        attributes = Json.normalizeObject("attributes", attributes);
    }
}
