package io.agentstore.rag;

import java.time.Instant;

/**
 * A document update since some instant.
 *
 * @param occurredAt      when it was seen
 * @param documentPath    the document
 * @param language        its language, or null
 * @param updateType      {@code created}, {@code modified} or {@code deleted}
 * @param detectedBy      {@code index} or {@code hook}
 * @param sessionId       the session whose agent changed it, or null
 * @param chunksAffected  the chunks of the new version, or null
 * @param reindexRequired whether it waits for re-indexing
 */
public record RecentChange(
        Instant occurredAt,
        String documentPath,
        String language,
        String updateType,
        String detectedBy,
        String sessionId,
        Long chunksAffected,
        boolean reindexRequired) {}
