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
 * One chunk of one version of a document ({@code fact_chunk}).
 *
 * @param eventId           the event id, or null for a random one
 * @param occurredAt        when the version was indexed
 * @param supersedesEventId the chunk fact this one corrects, or null
 * @param chunkId           the chunk's id: name-based on root, path, content hash and index
 * @param rootPath          the absolute root the document was indexed under
 * @param documentPath      the path relative to the root
 * @param documentType      the document type (see {@link DocumentUpdate#DOCUMENT_TYPES}), or null
 * @param language          the language, or null
 * @param contentHash       the SHA-256 of the document version the chunk belongs to
 * @param chunkIndex        the chunk's position in the document, from 0
 * @param chunkKind         {@code definition}, {@code code}, {@code section} or {@code window}
 * @param symbol            the definition or heading the chunk holds ({@code RagFacade.search}), or null
 * @param chunkText         the text
 * @param chunkHash         the SHA-256 of the text
 * @param termCount         the text's length in index terms
 * @param lineStart         the first line, from 1
 * @param lineEnd           the last line, inclusive
 * @param charStart         the offset of the first character in the document, from 0
 * @param charEnd           the offset after the last character
 * @param attributes        extra attributes
 */
public record Chunk(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        UUID chunkId,
        String rootPath,
        String documentPath,
        String documentType,
        String language,
        String contentHash,
        long chunkIndex,
        String chunkKind,
        String symbol,
        String chunkText,
        String chunkHash,
        long termCount,
        long lineStart,
        long lineEnd,
        long charStart,
        long charEnd,
        Map<String, Object> attributes)
        implements FactRecord {
    /** The chunk kinds. */
    public static final Set<String> KINDS = Set.of("definition", "code", "section", "window");

    /** Validates every field; a bad one throws {@link InvalidRecordException} naming it. */
    public Chunk {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Checks.present("chunkId", chunkId);
        Checks.required("rootPath", rootPath);
        Checks.required("documentPath", documentPath);
        if (documentType != null) {
            Checks.oneOf("documentType", documentType, DocumentUpdate.DOCUMENT_TYPES);
        }
        Checks.optional("language", language);
        Checks.required("contentHash", contentHash);
        Checks.nonNegative("chunkIndex", chunkIndex);
        Checks.oneOf("chunkKind", chunkKind, KINDS);
        Checks.optional("symbol", symbol);
        Checks.present("chunkText", chunkText);
        Checks.text("chunkText", chunkText);
        Checks.required("chunkHash", chunkHash);
        Checks.nonNegative("termCount", termCount);
        if (lineStart < 1) {
            throw new InvalidRecordException("lineStart", lineStart, "must be at least 1");
        }
        if (lineEnd < lineStart) {
            throw new InvalidRecordException("lineEnd", lineEnd, "must not be before lineStart " + lineStart);
        }
        Checks.nonNegative("charStart", charStart);
        if (charEnd < charStart) {
            throw new InvalidRecordException("charEnd", charEnd, "must not be before charStart " + charStart);
        }
        attributes = Json.normalizeObject("attributes", attributes);
    }
}
