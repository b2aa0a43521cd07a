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
 * Two agents (or sessions) in each other's way ({@code fact_conflict}). A resolution is a later fact with the
 * same conflict id, a resolution and a resolution time.
 *
 * @param eventId           see {@link FactRecord#eventId()}
 * @param occurredAt        when it was detected (or resolved, for a resolution)
 * @param supersedesEventId see {@link FactRecord#supersedesEventId()}
 * @param conflictId        ties detection and resolution together; required
 * @param work              the work item, or null
 * @param targetPath        the file, or null
 * @param agent1            the first agent, or null
 * @param agent2            the second agent, or null
 * @param session1          the first session, or null
 * @param session2          the second session, or null
 * @param type              one of {@link #TYPES}
 * @param firstEditAt       the first of the overlapping edits, or null
 * @param secondEditAt      the second, or null
 * @param resolution        one of {@link #RESOLUTIONS}, or null while open
 * @param resolvedAt        when it was resolved, or null
 * @param attributes        anything else (the overlapping edits' event ids)
 */
public record Conflict(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        UUID conflictId,
        WorkItem work,
        String targetPath,
        AgentRef agent1,
        AgentRef agent2,
        String session1,
        String session2,
        String type,
        Instant firstEditAt,
        Instant secondEditAt,
        String resolution,
        Instant resolvedAt,
        Map<String, Object> attributes)
        implements FactRecord {
    /** Kinds of conflict. */
    public static final Set<String> TYPES = Set.of("file_edit", "duplicate_work", "incompatible_approach");
    /** How a conflict was resolved. */
    public static final Set<String> RESOLUTIONS = Set.of("agent1_wins", "agent2_wins", "merge", "abort");

    /** Validates every field. */
    public Conflict {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Objects.requireNonNull(conflictId, "conflictId must not be null");
        Checks.optional("targetPath", targetPath);
        Checks.optional("session1", session1);
        Checks.optional("session2", session2);
        Checks.oneOf("type", type, TYPES);
        firstEditAt = firstEditAt == null ? null : Checks.instant("firstEditAt", firstEditAt);
        secondEditAt = secondEditAt == null ? null : Checks.instant("secondEditAt", secondEditAt);
        if (resolution != null) {
            Checks.oneOf("resolution", resolution, RESOLUTIONS);
        }
        resolvedAt = resolvedAt == null ? null : Checks.instant("resolvedAt", resolvedAt);
        attributes = Json.normalizeObject("attributes", attributes);
    }
}
