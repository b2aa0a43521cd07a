package io.agentstore.cdc;

import io.agentstore.spi.Checks;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Json;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A skill linked to (or unlinked from) a source it is built from; the latest link of a pair wins. Stored in the
 * bridge {@code skill_source_map}.
 *
 * @param eventId           see {@link FactRecord#eventId()}
 * @param occurredAt        when it was linked
 * @param supersedesEventId see {@link FactRecord#supersedesEventId()}
 * @param skillName         the skill (a component of type {@code skill}; required)
 * @param sourceName        the source (required)
 * @param active            false removes the link
 * @param attributes        anything else, as JSON
 */
public record SkillSource(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String skillName,
        String sourceName,
        boolean active,
        Map<String, Object> attributes)
        implements FactRecord {

    /** Validates every field; a bad one throws {@link InvalidRecordException} naming it. */
    public SkillSource {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Checks.required("skillName", skillName);
        Checks.required("sourceName", sourceName);
        attributes = Json.normalizeObject("attributes", attributes);
    }

    /** An active link of {@code skill} to {@code source}, now. */
    public static SkillSource of(String skill, String source) {
        return new SkillSource(null, null, null, skill, source, true, Map.of());
    }
}
