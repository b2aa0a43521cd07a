package io.agentstore.rag.internal;

import io.agentstore.rag.ChunkRetrieval;
import io.agentstore.rag.DocumentUpdate;
import io.agentstore.spi.EventIds;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.Row;
import io.agentstore.spi.SourceEvent;
import io.agentstore.spi.StoreContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The importer seam: an agent's tool calls as rag facts. A Read of an indexed file is a retrieval (method
 * {@code read}) of the live chunks its line range overlaps; a Write or Edit of one marks the document for
 * re-indexing ({@code agent-store index --changed}). Files under no indexed root give nothing. Ids are
 * name-based on the tool use, so re-imports add nothing.
 */
public final class RagHooks {
    private static final Set<String> EDITS = Set.of("Write", "Edit", "MultiEdit", "NotebookEdit");

    private RagHooks() {}

    /** The facts of one tool call. */
    public static List<? extends FactRecord> map(SourceEvent.ToolCall call, StoreContext context) {
        boolean read = call.toolName().equals("Read");
        if ((!read && !EDITS.contains(call.toolName())) || Boolean.TRUE.equals(call.isError())) {
            return List.of();
        }
        Object path = call.input().get("file_path");
        if (!(path instanceof String file) || file.isBlank()) {
            path = call.input().get("notebook_path");
            if (!(path instanceof String)) {
                return List.of();
            }
        }
        String file = ((String) path).replace('\\', '/');
        Row doc = context
                .sql(
                        "SELECT root_path, document_path, document_type, language FROM v_rag_documents "
                                + "WHERE ends_with(?, '/' || document_path) AND starts_with(?, root_path || '/') "
                                + "ORDER BY length(root_path) DESC LIMIT 1",
                        file,
                        file)
                .rows()
                .stream()
                .findFirst()
                .orElse(null);
        if (doc == null) {
            return List.of();
        }
        Instant at = call.occurredAt() == null ? context.clock().instant() : call.occurredAt();
        String seed = call.toolUseId() == null ? call.seed() : call.toolUseId();
        String root = doc.string("root_path");
        String rel = doc.string("document_path");
        if (!read) {
            return List.of(new DocumentUpdate(
                    EventIds.of(call.source(), "rag-mark", seed, root, rel),
                    at,
                    null,
                    root,
                    rel,
                    doc.string("document_type"),
                    doc.string("language"),
                    call.sessionId(),
                    "modified",
                    "hook",
                    null,
                    null,
                    null,
                    null,
                    true,
                    Map.of("tool", call.toolName())));
        }
        long offset = number(call.input().get("offset"), 1);
        long limit = number(call.input().get("limit"), 2_000);
        long from = Math.max(1, offset);
        long to = from + Math.max(1, limit) - 1;
        List<FactRecord> out = new ArrayList<>();
        for (Row c : context.sql(
                        "SELECT chunk_id FROM v_rag_chunks WHERE root_path = ? AND document_path = ? "
                                + "AND line_start <= ? AND line_end >= ? ORDER BY chunk_index",
                        root,
                        rel,
                        to,
                        from)
                .rows()) {
            out.add(new ChunkRetrieval(
                    EventIds.of(call.source(), "rag-read", seed, c.string("chunk_id")),
                    at,
                    null,
                    c.uuid("chunk_id"),
                    call.sessionId(),
                    null,
                    null,
                    "read",
                    null,
                    null,
                    Map.of()));
        }
        return out;
    }

    private static long number(Object value, long fallback) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }
}
