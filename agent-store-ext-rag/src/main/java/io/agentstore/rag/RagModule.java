package io.agentstore.rag;

import io.agentstore.AgentStore;
import io.agentstore.rag.internal.RagFactTypes;
import io.agentstore.rag.internal.RagHooks;
import io.agentstore.rag.internal.RagRetrievals;
import io.agentstore.rag.internal.RagTools;
import io.agentstore.spi.Migration;
import io.agentstore.spi.ModuleBinder;
import io.agentstore.spi.SchemaModule;
import io.agentstore.spi.SourceEvent;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The rag schema module (use case 7): documents, chunks, entities and their references, document updates and
 * chunk retrievals; incremental language-aware indexing of project folders; BM25 over the store's own inverted
 * index, vector cosine search and hybrid search by weighted reciprocal rank fusion of the two; MCP tools; and the importer seam (an agent's
 * Read is a chunk retrieval, its Write or Edit marks the document for re-indexing). Install it with
 * {@code AgentStore.builder().install(RagModule.create())}.
 */
public final class RagModule implements SchemaModule {
    private final Optional<Embedder> embedder;

    private RagModule(Optional<Embedder> embedder) {
        this.embedder = embedder;
    }

    /**
     * The module with the default embedder: all-MiniLM-L6-v2 when its artifact is on the class path (see
     * {@link MiniLmEmbedder}); without it, everything but vector search works.
     */
    public static RagModule create() {
        return new RagModule(MiniLmEmbedder.ifAvailable());
    }

    /** The module with this embedder. */
    public static RagModule withEmbedder(Embedder embedder) {
        return new RagModule(Optional.of(Objects.requireNonNull(embedder, "embedder must not be null")));
    }

    /** The module without an embedder: keyword search only (hybrid falls back to keyword). */
    public static RagModule withoutEmbedder() {
        return new RagModule(Optional.empty());
    }

    /** The rag facade of a store that has this module installed. */
    public static RagFacade of(AgentStore store) {
        return Objects.requireNonNull(store, "store must not be null").module(RagFacade.class);
    }

    @Override
    public String id() {
        return "rag";
    }

    @Override
    public List<Migration> migrations() {
        return List.of(Migration.of("V1__rag_schema.sql"));
    }

    @Override
    public List<String> repeatables() {
        return List.of("R__rag_views.sql");
    }

    @Override
    public void bind(ModuleBinder binder) {
        binder.fact(DocumentUpdate.class, RagFactTypes.DOCUMENT_UPDATE);
        binder.fact(Chunk.class, RagFactTypes.CHUNK);
        binder.fact(TermPosting.class, RagFactTypes.TERM_POSTING);
        binder.fact(ChunkEmbedding.class, RagFactTypes.CHUNK_EMBEDDING);
        binder.fact(EntityReference.class, RagFactTypes.ENTITY_REFERENCE);
        binder.fact(ChunkRetrieval.class, RagFactTypes.CHUNK_RETRIEVAL);
        binder.facade(RagFacade.class, context -> new RagFacade(context, embedder));
        RagTools.all().forEach(binder::tool);
        binder.mapping(SourceEvent.ToolCall.class, RagHooks::map);
        binder.mapping(SourceEvent.Retrieval.class, RagRetrievals::map);
    }

    @Override
    public String toString() {
        return "RagModule[embedder=" + embedder.map(Embedder::model).orElse("none") + "]";
    }
}
