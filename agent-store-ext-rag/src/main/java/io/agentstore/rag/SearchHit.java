package io.agentstore.rag;

import java.util.UUID;

/**
 * One chunk found by a search.
 *
 * @param rank         the 1-based rank
 * @param score        the method's score (BM25, cosine, or the fused score of hybrid: the weighted reciprocal ranks of the two parts, {@code 1/(10 + rank_keyword) + 2.75/(10 + rank_vector)})
 * @param method       the method that found it
 * @param chunkId      the chunk
 * @param rootPath     the root of its document
 * @param documentPath the document's path under the root
 * @param language     the document's language, or null
 * @param symbol       the definition or heading the chunk holds, or null
 * @param lineStart    the chunk's first line
 * @param lineEnd      the chunk's last line
 * @param text         the chunk's text
 */
public record SearchHit(
        int rank,
        double score,
        String method,
        UUID chunkId,
        String rootPath,
        String documentPath,
        String language,
        String symbol,
        long lineStart,
        long lineEnd,
        String text) {}
