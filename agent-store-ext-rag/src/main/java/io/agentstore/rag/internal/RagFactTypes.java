package io.agentstore.rag.internal;

import static io.agentstore.core.CoreDimensions.session;

import io.agentstore.rag.Chunk;
import io.agentstore.rag.ChunkEmbedding;
import io.agentstore.rag.ChunkRetrieval;
import io.agentstore.rag.DocumentUpdate;
import io.agentstore.rag.EntityReference;
import io.agentstore.rag.TermPosting;
import io.agentstore.spi.Dimension;
import io.agentstore.spi.FactContext;
import io.agentstore.spi.FactRow;
import io.agentstore.spi.FactType;
import io.agentstore.spi.Row;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The dimension and fact types of the rag schema: each record's columns, in table order, and the way back. */
public final class RagFactTypes {
    /** {@code dim_document}. */
    public static final Dimension DOCUMENT = Dimension.type1(
            "dim_document",
            "document_key",
            List.of("root_path", "document_path"),
            List.of("document_type", "language"));
    /** {@code dim_entity}. */
    public static final Dimension ENTITY =
            Dimension.type1("dim_entity", "entity_key", List.of("entity_name", "entity_type"), List.of());

    private RagFactTypes() {}

    private static Long document(FactContext c, String root, String path, String type, String language) {
        return c.key(DOCUMENT, List.of(root, path), Arrays.asList(type, language));
    }

    private static Map<String, Object> attributes(Row row) {
        return row.jsonObject("attributes");
    }

    /** {@code fact_document_update}. */
    public static final FactType<DocumentUpdate> DOCUMENT_UPDATE = new FactType<>() {
        @Override
        public String table() {
            return "fact_document_update";
        }

        @Override
        public String view() {
            return "v_rag_document_updates";
        }

        @Override
        public void write(DocumentUpdate r, FactContext c, FactRow row) {
            row.int64(document(c, r.rootPath(), r.documentPath(), r.documentType(), r.language()))
                    .int64(r.sessionId() == null ? null : session(c, r.sessionId()))
                    .text(r.updateType())
                    .text(r.detectedBy())
                    .text(r.contentHash())
                    .int64(r.sizeBytes())
                    .timestamp(r.fileModifiedAt())
                    .int64(r.chunksAffected())
                    .bool(r.reindexRequired());
        }

        @Override
        public DocumentUpdate read(Row row) {
            return new DocumentUpdate(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("root_path"),
                    row.string("document_path"),
                    row.string("document_type"),
                    row.string("language"),
                    row.string("session_id"),
                    row.string("update_type"),
                    row.string("detected_by"),
                    row.string("content_hash"),
                    row.int64("size_bytes"),
                    row.instant("file_modified_at"),
                    row.int64("chunks_affected"),
                    row.bool("reindex_required"),
                    attributes(row));
        }
    };

    /** {@code fact_chunk}. */
    public static final FactType<Chunk> CHUNK = new FactType<>() {
        @Override
        public String table() {
            return "fact_chunk";
        }

        @Override
        public String view() {
            return "v_rag_chunk_versions";
        }

        @Override
        public void write(Chunk r, FactContext c, FactRow row) {
            row.uuid(r.chunkId())
                    .int64(document(c, r.rootPath(), r.documentPath(), r.documentType(), r.language()))
                    .text(r.contentHash())
                    .int64(r.chunkIndex())
                    .text(r.chunkKind())
                    .text(r.symbol())
                    .text(r.chunkText())
                    .text(r.chunkHash())
                    .int64(r.termCount())
                    .int64(r.lineStart())
                    .int64(r.lineEnd())
                    .int64(r.charStart())
                    .int64(r.charEnd());
        }

        @Override
        public Chunk read(Row row) {
            return new Chunk(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.uuid("chunk_id"),
                    row.string("root_path"),
                    row.string("document_path"),
                    row.string("document_type"),
                    row.string("language"),
                    row.string("content_hash"),
                    row.int64("chunk_index"),
                    row.string("chunk_kind"),
                    row.string("symbol"),
                    row.string("chunk_text"),
                    row.string("chunk_hash"),
                    row.int64("term_count"),
                    row.int64("line_start"),
                    row.int64("line_end"),
                    row.int64("char_start"),
                    row.int64("char_end"),
                    attributes(row));
        }
    };

    /** {@code fact_term_posting}. */
    public static final FactType<TermPosting> TERM_POSTING = new FactType<>() {
        @Override
        public String table() {
            return "fact_term_posting";
        }

        @Override
        public String view() {
            return "v_rag_term_postings";
        }

        @Override
        public void write(TermPosting r, FactContext c, FactRow row) {
            row.text(r.term()).text(r.chunkHash()).int64(r.termFrequency());
        }

        @Override
        public TermPosting read(Row row) {
            return new TermPosting(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("term"),
                    row.string("chunk_hash"),
                    row.int64("term_frequency"),
                    attributes(row));
        }
    };

    /** {@code fact_chunk_embedding}. */
    public static final FactType<ChunkEmbedding> CHUNK_EMBEDDING = new FactType<>() {
        @Override
        public String table() {
            return "fact_chunk_embedding";
        }

        @Override
        public String view() {
            return "v_rag_chunk_embeddings";
        }

        @Override
        public void write(ChunkEmbedding r, FactContext c, FactRow row) {
            row.text(r.chunkHash())
                    .text(r.model())
                    .int64((long) r.embedding().size())
                    .floats(r.vector());
        }

        @Override
        public ChunkEmbedding read(Row row) {
            List<Float> vector = new ArrayList<>();
            for (Object o : (List<?>) row.get("embedding")) {
                vector.add(((Number) o).floatValue());
            }
            return new ChunkEmbedding(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("chunk_hash"),
                    row.string("embedding_model"),
                    vector,
                    attributes(row));
        }
    };

    /** {@code fact_entity_reference}. */
    public static final FactType<EntityReference> ENTITY_REFERENCE = new FactType<>() {
        @Override
        public String table() {
            return "fact_entity_reference";
        }

        @Override
        public String view() {
            return "v_rag_entity_reference_facts";
        }

        @Override
        public void write(EntityReference r, FactContext c, FactRow row) {
            row.int64(c.key(ENTITY, List.of(r.entityName(), r.entityType()), List.of()))
                    .uuid(r.chunkId())
                    .text(r.referenceType())
                    .text(r.container())
                    .int64(r.lineNumber());
        }

        @Override
        public EntityReference read(Row row) {
            return new EntityReference(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("entity_name"),
                    row.string("entity_type"),
                    row.uuid("chunk_id"),
                    row.string("reference_type"),
                    row.string("container"),
                    row.int64("line_number"),
                    attributes(row));
        }
    };

    /** {@code fact_chunk_retrieval}. */
    public static final FactType<ChunkRetrieval> CHUNK_RETRIEVAL = new FactType<>() {
        @Override
        public String table() {
            return "fact_chunk_retrieval";
        }

        @Override
        public String view() {
            return "v_rag_chunk_retrievals";
        }

        @Override
        public void write(ChunkRetrieval r, FactContext c, FactRow row) {
            row.uuid(r.chunkId())
                    .int64(r.sessionId() == null ? null : session(c, r.sessionId()))
                    .freeText(r.queryText())
                    .float64(r.relevanceScore())
                    .text(r.retrievalMethod())
                    .int64(r.resultRank())
                    .bool(r.usedInResponse());
        }

        @Override
        public ChunkRetrieval read(Row row) {
            return new ChunkRetrieval(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.uuid("chunk_id"),
                    row.string("session_id"),
                    row.string("query_text"),
                    row.float64("relevance_score"),
                    row.string("retrieval_method"),
                    row.int64("result_rank"),
                    row.bool("used_in_response"),
                    attributes(row));
        }
    };
}
