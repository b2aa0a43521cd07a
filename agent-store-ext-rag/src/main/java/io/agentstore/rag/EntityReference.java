package io.agentstore.rag;

import io.agentstore.spi.Checks;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Json;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Where a chunk defines, uses, imports or calls an entity ({@code fact_entity_reference}).
 *
 * @param eventId           the event id, or null for a random one
 * @param occurredAt        when the chunk was indexed
 * @param supersedesEventId the reference this one corrects, or null
 * @param entityName        the entity's simple name ({@code search})
 * @param entityType        {@code class}, {@code function}, {@code method}, {@code variable}, {@code endpoint},
 *                          {@code table}, or {@code symbol} for a use whose kind the parser cannot tell
 * @param chunkId           the chunk holding the reference
 * @param referenceType     {@code definition}, {@code usage}, {@code import} or {@code call}
 * @param container         for a definition, the enclosing type, or null
 * @param lineNumber        the line, from 1
 * @param attributes        extra attributes
 */
public record EntityReference(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String entityName,
        String entityType,
        UUID chunkId,
        String referenceType,
        String container,
        long lineNumber,
        Map<String, Object> attributes)
        implements FactRecord {
    /** The entity types. */
    public static final Set<String> ENTITY_TYPES =
            Set.of("class", "function", "method", "variable", "endpoint", "table", "symbol");
    /** The reference types. */
    public static final Set<String> REFERENCE_TYPES = Set.of("definition", "usage", "import", "call");

    /** Validates every field; a bad one throws {@link InvalidRecordException} naming it. */
    public EntityReference {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Checks.required("entityName", entityName);
        Checks.oneOf("entityType", entityType, ENTITY_TYPES);
        Checks.present("chunkId", chunkId);
        Checks.oneOf("referenceType", referenceType, REFERENCE_TYPES);
        Checks.optional("container", container);
        if (lineNumber < 1) {
            throw new InvalidRecordException("lineNumber", lineNumber, "must be at least 1");
        }
        attributes = Json.normalizeObject("attributes", attributes);
    }
}
