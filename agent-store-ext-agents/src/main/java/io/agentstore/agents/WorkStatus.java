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
 * A status a work item entered ({@code fact_work_status}); the latest is its current status.
 *
 * @param eventId           see {@link FactRecord#eventId()}
 * @param occurredAt        when it changed
 * @param supersedesEventId see {@link FactRecord#supersedesEventId()}
 * @param work              the work item; required
 * @param sessionId         the session, or null
 * @param agent             who changed it, or null
 * @param status            one of {@link WorkItem#STATUSES}
 * @param reason            why, or null
 * @param attributes        anything else
 */
public record WorkStatus(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        WorkItem work,
        String sessionId,
        AgentRef agent,
        String status,
        String reason,
        Map<String, Object> attributes)
        implements FactRecord {
    /** Validates every field. */
    public WorkStatus {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Objects.requireNonNull(work, "work must not be null");
        Checks.optional("sessionId", sessionId);
        Checks.oneOf("status", status, WorkItem.STATUSES);
        Checks.text("reason", reason);
        attributes = Json.normalizeObject("attributes", attributes);
    }

    /** A status change now (on the store's clock) with a random id. */
    public static WorkStatus of(WorkItem work, AgentRef agent, String status, String reason) {
        return new WorkStatus(null, null, null, work, null, agent, status, reason, Map.of());
    }
}
