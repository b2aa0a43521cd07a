package io.agentstore.rag;

import io.agentstore.rag.internal.Indexer;
import io.agentstore.rag.internal.Searcher;
import io.agentstore.spi.Checks;
import io.agentstore.spi.Row;
import io.agentstore.spi.StoreContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The rag module's API: index project folders incrementally, search them (keyword, vector, hybrid with SQL
 * filters), and the structured retrievals of use case 7 (entity references, recent changes, chunks by line).
 * Get it with {@code store.module(RagFacade.class)} or {@link RagModule#of}.
 */
public final class RagFacade {
    /** Files larger than this are skipped by default (1 MiB). */
    public static final long DEFAULT_MAX_BYTES = 1L << 20;

    private final StoreContext context;
    private final Optional<Embedder> embedder;

    RagFacade(StoreContext context, Optional<Embedder> embedder) {
        this.context = Objects.requireNonNull(context, "context must not be null");
        this.embedder = embedder;
    }

    /** The embedder in use, if any (vector search needs one). */
    public Optional<Embedder> embedder() {
        return embedder;
    }

    /** Indexes every file under the roots (honouring {@code .gitignore}); unchanged files cost a stat. */
    public IndexReport index(List<Path> roots) {
        return index(roots, DEFAULT_MAX_BYTES, (done, total) -> {});
    }

    /**
     * Indexes every file under the roots.
     *
     * @param maxBytes files larger than this are skipped and counted
     * @param progress called with (files done, files total) now and then
     */
    public IndexReport index(List<Path> roots, long maxBytes, BiConsumer<Integer, Integer> progress) {
        Checks.present("roots", roots);
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("roots must name at least one folder");
        }
        return new Indexer(context, embedder, maxBytes, progress).index(roots);
    }

    /** Re-indexes only the documents a hook marked (an agent's Write or Edit since their last indexing). */
    public IndexReport indexChanged() {
        return new Indexer(context, embedder, DEFAULT_MAX_BYTES, (d, t) -> {}).indexChanged();
    }

    /** The hits of a search; logged as chunk retrievals unless {@link SearchQuery#unlogged()}. */
    public List<SearchHit> search(SearchQuery query) {
        return new Searcher(context, embedder).search(Objects.requireNonNull(query, "query must not be null"));
    }

    /** Every place a live chunk defines, uses, imports or calls an entity of this name. */
    public List<EntityUse> entityReferences(String entityName) {
        Checks.required("entityName", entityName);
        List<EntityUse> out = new ArrayList<>();
        for (Row r : context.sql(context.sqlResource("entity_references.sql"), entityName)
                .rows()) {
            out.add(new EntityUse(
                    r.string("entity_name"),
                    r.string("entity_type"),
                    r.string("reference_type"),
                    r.string("document_path"),
                    r.int64("line_number"),
                    r.uuid("chunk_id"),
                    r.string("symbol")));
        }
        return out;
    }

    /** The document updates since an instant, newest first, optionally of one language or document type. */
    public List<RecentChange> recentChanges(Instant since, Optional<String> fileType) {
        Checks.present("since", since);
        String type = fileType.orElse(null);
        List<RecentChange> out = new ArrayList<>();
        for (Row r : context.sql(context.sqlResource("recent_changes.sql"), since, type, type, type)
                .rows()) {
            out.add(new RecentChange(
                    r.instant("occurred_at"),
                    r.string("document_path"),
                    r.string("language"),
                    r.string("update_type"),
                    r.string("detected_by"),
                    r.string("session_id"),
                    r.int64("chunks_affected"),
                    r.bool("reindex_required")));
        }
        return out;
    }

    /**
     * The live chunks of a document (its path under a root, or a path ending so) that overlap the lines.
     *
     * @param document the document path ({@code agent-store-core/pom.xml})
     * @param fromLine the first line, from 1
     * @param toLine   the last line, inclusive
     */
    public List<SearchHit> chunks(String document, long fromLine, long toLine) {
        Checks.required("document", document);
        if (fromLine < 1 || toLine < fromLine) {
            throw new IllegalArgumentException(
                    "lines must be 1 <= from <= to, were from " + fromLine + " to " + toLine);
        }
        List<SearchHit> out = new ArrayList<>();
        for (Row r : context.sql(context.sqlResource("chunks_of_lines.sql"), document, document, toLine, fromLine)
                .rows()) {
            out.add(new SearchHit(
                    out.size() + 1,
                    0,
                    "sql",
                    r.uuid("chunk_id"),
                    r.string("root_path"),
                    r.string("document_path"),
                    r.string("language"),
                    r.string("symbol"),
                    r.int64("line_start"),
                    r.int64("line_end"),
                    r.string("chunk_text")));
        }
        return out;
    }

    @Override
    public String toString() {
        return "RagFacade[embedder=" + embedder.map(Embedder::model).orElse("none") + "]";
    }
}
