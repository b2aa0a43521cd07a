package io.agentstore.strategy;

import io.agentstore.spi.Checks;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Json;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A key set to a value, or removed with a null value ({@code fact_metadata}); the current values are
 * {@code v_metadata}.
 *
 * @param eventId           see {@link FactRecord#eventId()}
 * @param occurredAt        when
 * @param supersedesEventId see {@link FactRecord#supersedesEventId()}
 * @param key               the key
 * @param value             the value, or null to remove the key
 * @param attributes        anything else, as JSON
 */
public record MetadataEntry(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String key,
        String value,
        Map<String, Object> attributes)
        implements FactRecord {

    /** Validates every field; a bad one throws {@link InvalidRecordException} naming it. */
    public MetadataEntry {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Checks.required("key", key);
        Checks.text("value", value);
        attributes = Json.normalizeObject("attributes", attributes);
    }
}
