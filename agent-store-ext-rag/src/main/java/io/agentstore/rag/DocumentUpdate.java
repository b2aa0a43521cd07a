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
 * A change to a document ({@code fact_document_update}): found by the indexer or reported by a hook.
 *
 * @param eventId           the event id (name-based when the indexer writes it), or null for a random one
 * @param occurredAt        when the change was seen
 * @param supersedesEventId the update this one corrects, or null
 * @param rootPath          the absolute root the document was indexed under
 * @param documentPath      the path relative to the root, with '/' separators
 * @param documentType      {@code code}, {@code documentation}, {@code config}, {@code log}, {@code data} or
 *                          {@code text}, or null when unknown
 * @param language          the language ({@code java}, {@code python}...), or null
 * @param sessionId         the session whose agent changed the file, or null
 * @param updateType        {@code created}, {@code modified} or {@code deleted}
 * @param detectedBy        {@code index} or {@code hook}
 * @param contentHash       the SHA-256 of the indexed content; null for a hook's mark and a deletion
 * @param sizeBytes         the file's size, or null
 * @param fileModifiedAt    the file's modification time when it was read, or null
 * @param chunksAffected    the chunks of the new version, or null
 * @param reindexRequired   whether the document must be indexed again
 * @param attributes        extra attributes
 */
public record DocumentUpdate(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String rootPath,
        String documentPath,
        String documentType,
        String language,
        String sessionId,
        String updateType,
        String detectedBy,
        String contentHash,
        Long sizeBytes,
        Instant fileModifiedAt,
        Long chunksAffected,
        boolean reindexRequired,
        Map<String, Object> attributes)
        implements FactRecord {
    /** The update types. */
    public static final Set<String> UPDATE_TYPES = Set.of("created", "modified", "deleted");
    /** Who saw the change. */
    public static final Set<String> DETECTED_BY = Set.of("index", "hook");
    /** The document types. */
    public static final Set<String> DOCUMENT_TYPES = Set.of("code", "documentation", "config", "log", "data", "text");

    /** Validates every field; a bad one throws {@link InvalidRecordException} naming it. */
    public DocumentUpdate {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Checks.required("rootPath", rootPath);
        Checks.required("documentPath", documentPath);
        if (documentType != null) {
            Checks.oneOf("documentType", documentType, DOCUMENT_TYPES);
        }
        Checks.optional("language", language);
        Checks.optional("sessionId", sessionId);
        Checks.oneOf("updateType", updateType, UPDATE_TYPES);
        Checks.oneOf("detectedBy", detectedBy, DETECTED_BY);
        Checks.optional("contentHash", contentHash);
        Checks.nonNegative("sizeBytes", sizeBytes);
        fileModifiedAt = fileModifiedAt == null ? null : Checks.instant("fileModifiedAt", fileModifiedAt);
        Checks.nonNegative("chunksAffected", chunksAffected);
        attributes = Json.normalizeObject("attributes", attributes);
    }
}
