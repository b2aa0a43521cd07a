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
 * A flag's status for one affected module ({@code fact_flag_status}): pending, acknowledged, in progress,
 * completed or skipped.
 *
 * @param eventId           see {@link FactRecord#eventId()}
 * @param occurredAt        when
 * @param supersedesEventId see {@link FactRecord#supersedesEventId()}
 * @param flagId            the flag; required
 * @param module            the affected module, or null for the flag as a whole
 * @param agent             who changed it, or null
 * @param status            one of {@link Flag#STATUSES}
 * @param notes             notes, or null
 * @param attributes        anything else
 */
public record FlagStatus(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        UUID flagId,
        String module,
        AgentRef agent,
        String status,
        String notes,
        Map<String, Object> attributes)
        implements FactRecord {
    /** Validates every field. */
    public FlagStatus {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Objects.requireNonNull(flagId, "flagId must not be null");
        Checks.optional("module", module);
        Checks.oneOf("status", status, Set.copyOf(Flag.STATUSES));
        Checks.text("notes", notes);
        attributes = Json.normalizeObject("attributes", attributes);
    }
}
