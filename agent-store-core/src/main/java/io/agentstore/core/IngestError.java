package io.agentstore.core;

import io.agentstore.spi.Checks;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.Json;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A line an importer could not use: malformed JSON, a missing field, a line too long. It is counted,
 * kept here, and skipped; the import goes on.
 *
 * @param eventId           see {@link FactRecord#eventId()}
 * @param occurredAt        when it was found
 * @param supersedesEventId see {@link FactRecord#supersedesEventId()}
 * @param source            the importer
 * @param filePath          the file
 * @param lineNumber        the 1-based line number
 * @param byteOffset        the byte offset of the line
 * @param reason            what was wrong
 * @param excerpt           the start of the line (at most a few hundred characters), or null
 * @param attributes        anything else, as JSON
 */
public record IngestError(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String source,
        String filePath,
        long lineNumber,
        long byteOffset,
        String reason,
        String excerpt,
        Map<String, Object> attributes)
        implements FactRecord {

    /** Validates every field. */
    public IngestError {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Checks.required("source", source);
        Checks.required("filePath", filePath);
        Checks.nonNegative("lineNumber", lineNumber);
        Checks.nonNegative("byteOffset", byteOffset);
        Checks.required("reason", reason);
        Checks.text("excerpt", excerpt);
        attributes = Json.normalizeObject("attributes", attributes);
    }
}
