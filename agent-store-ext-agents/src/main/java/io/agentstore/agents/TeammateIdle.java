package io.agentstore.agents;

import io.agentstore.core.AgentRef;
import io.agentstore.spi.Checks;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A teammate of an agent team went idle ({@code fact_teammate_idle}; Claude Code's {@code TeammateIdle} hook), with
 * the work the hook's answer suggested to it. {@code v_teammate_idle} closes each idle period at the teammate's next
 * recorded activity; {@code teammate_idle_time.sql} sums it per teammate.
 *
 * @param eventId           see {@link FactRecord#eventId()}
 * @param occurredAt        when it went idle
 * @param supersedesEventId see {@link FactRecord#supersedesEventId()}
 * @param sessionId         the session of the hook, or null
 * @param teammate          the teammate; required
 * @param teamName          the team, or null
 * @param workSuggested     whether the hook suggested work, or null when it is not known (the hook did not answer)
 * @param suggestedWork     the work ids suggested, best first (empty when none)
 * @param attributes        anything else
 */
public record TeammateIdle(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String sessionId,
        AgentRef teammate,
        String teamName,
        Boolean workSuggested,
        List<String> suggestedWork,
        Map<String, Object> attributes)
        implements FactRecord {
    /** Validates every field. */
    public TeammateIdle {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Checks.optional("sessionId", sessionId);
        Objects.requireNonNull(teammate, "teammate must not be null");
        Checks.text("teamName", teamName);
        suggestedWork = suggestedWork == null ? List.of() : List.copyOf(suggestedWork);
        suggestedWork.forEach(w -> Checks.required("suggestedWork", w));
        if (Boolean.FALSE.equals(workSuggested) && !suggestedWork.isEmpty()) {
            throw new io.agentstore.spi.InvalidRecordException(
                    "suggestedWork", suggestedWork, "must be empty when workSuggested is false");
        }
        attributes = Json.normalizeObject("attributes", attributes);
    }
}
