package io.agentstore.rag.internal;

import io.agentstore.rag.EntityUse;
import io.agentstore.rag.RagFacade;
import io.agentstore.rag.RecentChange;
import io.agentstore.rag.SearchHit;
import io.agentstore.rag.SearchQuery;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.StoreContext;
import io.agentstore.spi.ToolArgumentException;
import io.agentstore.spi.ToolArguments;
import io.agentstore.spi.ToolResult;
import io.agentstore.spi.ToolSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rag module's tools for agents: search_code, get_entity_references, get_recent_changes, get_chunk. */
public final class RagTools {
    private RagTools() {}

    /** Every tool of the module. */
    public static List<ToolSpec> all() {
        return List.of(
                ToolSpec.writing(
                        "search_code",
                        "Searches the indexed code and documents: hybrid (BM25 keyword and vector, fused), keyword"
                                + " or vector, with filters on path glob, language, document type, modification date"
                                + " and entity name. Each hit is logged as a chunk retrieval.",
                        schema(
                                prop("query", "string", "what to find, in words or identifiers") + ","
                                        + prop("method", "string", "hybrid (default), keyword or vector") + ","
                                        + prop("limit", "integer", "hits, 1..100; default 10") + ","
                                        + prop("path", "string", "a path glob, e.g. 'src/**/*.py'") + ","
                                        + prop("language", "string", "java, python, typescript, markdown, sql...") + ","
                                        + prop("file_type", "string", "code, documentation, config, log, data, text")
                                        + "," + prop("since", "string", "ISO-8601 instant: only files indexed since")
                                        + "," + prop("entity", "string", "only chunks defining or using this name")
                                        + "," + prop("session_id", "string", "the session to log the retrieval for"),
                                "query"),
                        RagTools::search),
                ToolSpec.reading(
                        "get_entity_references",
                        "Every place the indexed code defines, uses, imports or calls an entity (class, function,"
                                + " method, variable, table, endpoint) of this simple name.",
                        schema(prop("entity", "string", "the simple name, e.g. 'recordAll'"), "entity"),
                        RagTools::references),
                ToolSpec.reading(
                        "get_recent_changes",
                        "The document changes (created, modified, deleted, or marked by an agent's edit) since an"
                                + " instant, newest first, optionally of one language or file type.",
                        schema(
                                prop("since", "string", "ISO-8601 instant or date") + ","
                                        + prop("file_type", "string", "a language or document type"),
                                "since"),
                        RagTools::recent),
                ToolSpec.reading(
                        "get_chunk",
                        "The indexed chunks of a document that overlap a line range.",
                        schema(
                                prop("document", "string", "the path under its root, or an absolute path") + ","
                                        + prop("from_line", "integer", "first line, from 1; default 1") + ","
                                        + prop("to_line", "integer", "last line; default from_line"),
                                "document"),
                        RagTools::chunk));
    }

    private static ToolResult search(ToolArguments a, StoreContext c) {
        SearchQuery q;
        try {
            q = SearchQuery.of(a.string("query"))
                    .withMethod(a.optionalString("method").orElse("hybrid"))
                    .withLimit((int) a.integer("limit", 10, 1, 100));
            if (a.has("path")) {
                q = q.withPath(a.string("path"));
            }
            if (a.has("language")) {
                q = q.withLanguage(a.string("language"));
            }
            if (a.has("file_type")) {
                q = q.withDocumentType(a.string("file_type"));
            }
            if (a.has("since")) {
                q = q.withModifiedSince(a.instant("since").orElseThrow());
            }
            if (a.has("entity")) {
                q = q.withEntity(a.string("entity"));
            }
            if (a.has("session_id")) {
                q = q.withSession(a.string("session_id"));
            }
        } catch (InvalidRecordException e) {
            throw new ToolArgumentException(e.field(), e.getMessage());
        }
        List<SearchHit> hits = c.facade(RagFacade.class).search(q);
        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (SearchHit h : hits) {
            rows.add(hit(h));
            text.append(h.rank())
                    .append(". ")
                    .append(h.documentPath())
                    .append(':')
                    .append(h.lineStart())
                    .append('-')
                    .append(h.lineEnd())
                    .append(h.symbol() == null ? "" : " " + h.symbol())
                    .append('\n');
        }
        return new ToolResult(Map.of("hits", rows), hits.isEmpty() ? "no hits" : text.toString());
    }

    private static Map<String, Object> hit(SearchHit h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rank", h.rank());
        m.put("score", h.score());
        m.put("document", h.documentPath());
        m.put("language", h.language());
        m.put("symbol", h.symbol());
        m.put("line_start", h.lineStart());
        m.put("line_end", h.lineEnd());
        m.put("chunk_id", h.chunkId().toString());
        m.put("text", h.text());
        return m;
    }

    private static ToolResult references(ToolArguments a, StoreContext c) {
        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (EntityUse u : c.facade(RagFacade.class).entityReferences(a.string("entity"))) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("entity", u.entityName());
            m.put("entity_type", u.entityType());
            m.put("reference_type", u.referenceType());
            m.put("document", u.documentPath());
            m.put("line", u.lineNumber());
            m.put("symbol", u.symbol());
            rows.add(m);
            text.append(u.referenceType())
                    .append(' ')
                    .append(u.documentPath())
                    .append(':')
                    .append(u.lineNumber())
                    .append('\n');
        }
        return new ToolResult(Map.of("references", rows), rows.isEmpty() ? "no references" : text.toString());
    }

    private static ToolResult recent(ToolArguments a, StoreContext c) {
        Instant since = a.instant("since").orElseThrow(() -> new ToolArgumentException("since", "is required"));
        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (RecentChange r : c.facade(RagFacade.class).recentChanges(since, a.optionalString("file_type"))) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("occurred_at", r.occurredAt().toString());
            m.put("document", r.documentPath());
            m.put("language", r.language());
            m.put("update_type", r.updateType());
            m.put("detected_by", r.detectedBy());
            m.put("reindex_required", r.reindexRequired());
            rows.add(m);
            text.append(r.occurredAt())
                    .append(' ')
                    .append(r.updateType())
                    .append(' ')
                    .append(r.documentPath())
                    .append('\n');
        }
        return new ToolResult(Map.of("changes", rows), rows.isEmpty() ? "no changes" : text.toString());
    }

    private static ToolResult chunk(ToolArguments a, StoreContext c) {
        long from = a.integer("from_line", 1, 1, Integer.MAX_VALUE);
        long to = a.integer("to_line", from, from, Integer.MAX_VALUE);
        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (SearchHit h : c.facade(RagFacade.class).chunks(a.string("document"), from, to)) {
            rows.add(hit(h));
            text.append(h.text());
        }
        return new ToolResult(Map.of("chunks", rows), rows.isEmpty() ? "no chunk" : text.toString());
    }

    private static String prop(String name, String type, String description) {
        return "\"" + name + "\": {\"type\": \"" + type + "\", \"description\": \"" + description + "\"}";
    }

    private static String schema(String properties, String... required) {
        StringBuilder b = new StringBuilder("{\"type\": \"object\", \"properties\": {")
                .append(properties)
                .append("}, \"required\": [");
        for (int i = 0; i < required.length; i++) {
            b.append(i == 0 ? "" : ", ").append('"').append(required[i]).append('"');
        }
        return b.append("]}").toString();
    }
}
