package io.agentstore.rag.internal;

import io.agentstore.rag.ChunkRetrieval;
import io.agentstore.spi.EventIds;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.SourceEvent;
import io.agentstore.spi.StoreContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The importer seam for retrievals another system made (an OpenTelemetry GenAI {@code retrieval} span): one chunk
 * retrieval (method {@code external}) per document returned, ranked in the order given. A document whose id is the
 * id of a chunk of this store is that chunk; any other document gets a name-based chunk id of its data source and
 * id ({@code EventIds.of(source, "rag-external-chunk", dataSourceId, documentId)}), the same for every retrieval of
 * it, with no {@code fact_chunk} row. The query is passed through the store's redaction (keyed placeholders for a
 * store with a file). Ids are name-based on the event's seed, so a replay adds nothing.
 */
public final class RagRetrievals {
    private RagRetrievals() {}

    /** The chunk retrievals of one retrieval; none when it lists no documents. */
    public static List<? extends FactRecord> map(SourceEvent.Retrieval retrieval, StoreContext context) {
        if (retrieval.documents().isEmpty()) {
            return List.of();
        }
        Set<UUID> stored = storedChunks(retrieval, context);
        Instant at = retrieval.occurredAt() == null ? context.clock().instant() : retrieval.occurredAt();
        String query = retrieval.query() == null ? null : context.redaction().redact(retrieval.query());
        String source = retrieval.dataSourceId() == null ? "" : retrieval.dataSourceId();
        List<FactRecord> out = new ArrayList<>();
        long rank = 0;
        for (SourceEvent.RetrievedDocument d : retrieval.documents()) {
            rank++;
            UUID asUuid = uuid(d.id());
            boolean known = asUuid != null && stored.contains(asUuid);
            UUID chunk = known ? asUuid : EventIds.of(retrieval.source(), "rag-external-chunk", source, d.id());
            Map<String, Object> attrs = new LinkedHashMap<>();
            attrs.put("document_id", d.id());
            if (retrieval.dataSourceId() != null) {
                attrs.put("data_source_id", retrieval.dataSourceId());
            }
            if (retrieval.topK() != null) {
                attrs.put("top_k", retrieval.topK());
            }
            attrs.put("indexed_chunk", known);
            attrs.put("source", retrieval.source());
            out.add(new ChunkRetrieval(
                    EventIds.of(retrieval.source(), "rag-retrieval", retrieval.seed(), Long.toString(rank)),
                    at,
                    null,
                    chunk,
                    retrieval.sessionId(),
                    query,
                    d.score(),
                    "external",
                    rank,
                    null,
                    attrs));
        }
        return out;
    }

    private static Set<UUID> storedChunks(SourceEvent.Retrieval retrieval, StoreContext context) {
        List<Object> ids = new ArrayList<>();
        for (SourceEvent.RetrievedDocument d : retrieval.documents()) {
            UUID u = uuid(d.id());
            if (u != null) {
                ids.add(u);
            }
        }
        Set<UUID> out = new HashSet<>();
        if (ids.isEmpty()) {
            return out;
        }
        String marks = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
        context.sql("SELECT DISTINCT chunk_id FROM fact_chunk WHERE chunk_id IN (" + marks + ")", ids.toArray())
                .rows()
                .forEach(r -> out.add(r.uuid("chunk_id")));
        return out;
    }

    private static UUID uuid(String id) {
        try {
            return id.length() == 36 ? UUID.fromString(id) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
