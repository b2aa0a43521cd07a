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
 * A chunk handed to an agent ({@code fact_chunk_retrieval}): by a search or by the agent reading the file.
 * The query text goes through the store's keyed redaction ({@code StoreContext.redaction()}) when it is written,
 * so a secret in it is stored as the same {@code [REDACTED:<type>:<hash>]} placeholder every module stores for it.
 *
 * @param eventId           the event id, or null for a random one
 * @param occurredAt        when it was retrieved
 * @param supersedesEventId the retrieval this one corrects, or null
 * @param chunkId           the chunk
 * @param sessionId         the session, or null
 * @param queryText         the query (redacted when written), or null for a read
 * @param relevanceScore    the method's score, or null
 * @param retrievalMethod   {@code vector}, {@code keyword}, {@code hybrid}, {@code sql}, {@code read}, or {@code external}
 *                          (another system's retriever, reported as an OpenTelemetry GenAI {@code retrieval} span)
 * @param resultRank        the 1-based rank in the result list, or null
 * @param usedInResponse    whether the agent used it, or null when unknown
 * @param attributes        extra attributes
 */
public record ChunkRetrieval(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        UUID chunkId,
        String sessionId,
        String queryText,
        Double relevanceScore,
        String retrievalMethod,
        Long resultRank,
        Boolean usedInResponse,
        Map<String, Object> attributes)
        implements FactRecord {
    /** The retrieval methods. */
    public static final Set<String> METHODS = Set.of("vector", "keyword", "hybrid", "sql", "read", "external");

    /** Validates every field; a bad one throws {@link InvalidRecordException} naming it. */
    public ChunkRetrieval {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Checks.present("chunkId", chunkId);
        Checks.optional("sessionId", sessionId);
        queryText = queryText == null ? null : Checks.text("queryText", queryText);
        if (relevanceScore != null && !Double.isFinite(relevanceScore)) {
            throw new InvalidRecordException("relevanceScore", relevanceScore, "must be a finite number");
        }
        Checks.oneOf("retrievalMethod", retrievalMethod, METHODS);
        if (resultRank != null && resultRank < 1) {
            throw new InvalidRecordException("resultRank", resultRank, "must be at least 1");
        }
        attributes = Json.normalizeObject("attributes", attributes);
    }
}
