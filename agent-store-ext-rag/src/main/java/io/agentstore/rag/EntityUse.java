package io.agentstore.rag;

import java.util.UUID;

/**
 * Where a live chunk defines, uses, imports or calls an entity.
 *
 * @param entityName    the entity's name
 * @param entityType    its type
 * @param referenceType {@code definition}, {@code usage}, {@code import} or {@code call}
 * @param documentPath  the document
 * @param lineNumber    the line
 * @param chunkId       the chunk
 * @param symbol        the definition the chunk holds, or null
 */
public record EntityUse(
        String entityName,
        String entityType,
        String referenceType,
        String documentPath,
        long lineNumber,
        UUID chunkId,
        String symbol) {}
