package io.agentstore.agents;

import io.agentstore.core.AgentRef;
import io.agentstore.spi.Checks;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.Json;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * One step of an assignment's lifecycle ({@code fact_work_assignment}): offered, then accepted or rejected, then
 * completed or abandoned. A claim is an assignment accepted at once; it holds until it is completed or
 * abandoned or its lease expires.
 *
 * @param eventId           see {@link FactRecord#eventId()}
 * @param occurredAt        when the step happened
 * @param supersedesEventId see {@link FactRecord#supersedesEventId()}
 * @param assignmentId      ties the steps of one assignment together; required
 * @param work              the work item; required
 * @param agent             the agent it is assigned to; required
 * @param sessionId         the session, or null
 * @param status            one of {@link #STATUSES}
 * @param leaseExpiresAt    when an accepted assignment stops holding, or null for never
 * @param reason            why, or null
 * @param attributes        anything else
 */
public record WorkAssignment(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        UUID assignmentId,
        WorkItem work,
        AgentRef agent,
        String sessionId,
        String status,
        Instant leaseExpiresAt,
        String reason,
        Map<String, Object> attributes)
        implements FactRecord {
    /** The steps of an assignment. */
    public static final Set<String> STATUSES = Set.of("offered", "accepted", "rejected", "completed", "abandoned");

    /** Validates every field. */
    public WorkAssignment {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Objects.requireNonNull(assignmentId, "assignmentId must not be null");
        Objects.requireNonNull(work, "work must not be null");
        Objects.requireNonNull(agent, "agent must not be null");
        Checks.optional("sessionId", sessionId);
        Checks.oneOf("status", status, STATUSES);
        leaseExpiresAt = leaseExpiresAt == null ? null : Checks.instant("leaseExpiresAt", leaseExpiresAt);
        Checks.text("reason", reason);
        attributes = Json.normalizeObject("attributes", attributes);
    }
}
