-- agent-store rag views: the stable SQL contract of the rag schema. Re-applied whenever this file changes.
-- Which version of a document is current, which chunks and definitions are live, and which documents need
-- re-indexing are derived here from the append-only facts.

-- ------------------------------------------------------------------------------------------- facts read back

-- One row per document update, with the document's natural key and the session's id.
CREATE OR REPLACE VIEW v_rag_document_updates AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id,
       d.root_path, d.document_path, d.document_type, d.language, s.session_id,
       f.update_type, f.detected_by, f.content_hash, f.size_bytes, f.file_modified_at, f.chunks_affected,
       f.reindex_required, f.attributes
FROM fact_document_update f
JOIN dim_document d ON d.document_key = f.document_key
LEFT JOIN dim_session s ON s.session_key = f.session_key;

-- Every chunk of every document version ever indexed.
CREATE OR REPLACE VIEW v_rag_chunk_versions AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id, f.chunk_id, f.document_key,
       d.root_path, d.document_path, d.document_type, d.language, f.content_hash, f.chunk_index, f.chunk_kind,
       f.symbol, f.chunk_text, f.chunk_hash, f.term_count, f.line_start, f.line_end, f.char_start, f.char_end,
       f.attributes
FROM fact_chunk f
JOIN dim_document d ON d.document_key = f.document_key;

-- The inverted index as written.
CREATE OR REPLACE VIEW v_rag_term_postings AS
SELECT event_id, occurred_at, recorded_at, supersedes_event_id, term, chunk_hash, term_frequency, attributes
FROM fact_term_posting;

-- Every embedding as written.
CREATE OR REPLACE VIEW v_rag_chunk_embeddings AS
SELECT event_id, occurred_at, recorded_at, supersedes_event_id, chunk_hash, embedding_model, dimensions,
       embedding, attributes
FROM fact_chunk_embedding;

-- Every entity reference ever written, with the entity's natural key.
CREATE OR REPLACE VIEW v_rag_entity_reference_facts AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id, e.entity_name, e.entity_type,
       f.chunk_id, f.reference_type, f.container, f.line_number, f.attributes
FROM fact_entity_reference f
JOIN dim_entity e ON e.entity_key = f.entity_key;

-- Every chunk retrieval, with the session's id.
CREATE OR REPLACE VIEW v_rag_chunk_retrievals AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id, f.chunk_id, s.session_id,
       f.query_text, f.relevance_score, f.retrieval_method, f.result_rank, f.used_in_response, f.attributes
FROM fact_chunk_retrieval f
LEFT JOIN dim_session s ON s.session_key = f.session_key;

-- ------------------------------------------------------------------------------------------- current state

-- One row per document (the reference's dim_document): its indexed version (the latest update carrying a
-- content hash, or a deletion), when it was created and last modified, and whether a later hook asked for
-- re-indexing (later in time, or at the same instant and recorded later).
CREATE OR REPLACE VIEW v_rag_documents AS
WITH indexed AS (
    SELECT document_key, update_type, content_hash, size_bytes, file_modified_at, chunks_affected, occurred_at,
           recorded_at
    FROM fact_document_update
    WHERE detected_by = 'index'
    QUALIFY row_number() OVER (PARTITION BY document_key ORDER BY occurred_at DESC, recorded_at DESC, event_id DESC) = 1
), marks AS (
    SELECT document_key, max(occurred_at) AS marked_at, max(recorded_at) AS mark_recorded_at
    FROM fact_document_update
    WHERE reindex_required
    GROUP BY document_key
), created AS (
    SELECT document_key, min(occurred_at) AS created_at
    FROM fact_document_update
    WHERE update_type = 'created'
    GROUP BY document_key
)
SELECT d.document_key, d.root_path, d.document_path, d.document_type, d.language,
       c.created_at, i.occurred_at AS last_modified_at, i.update_type AS last_update_type,
       i.update_type = 'deleted' AS is_deleted, i.content_hash, i.size_bytes, i.file_modified_at,
       coalesce(i.chunks_affected, 0) AS chunk_count,
       m.marked_at IS NOT NULL
           AND (i.occurred_at IS NULL OR m.marked_at > i.occurred_at
                OR (m.marked_at = i.occurred_at AND m.mark_recorded_at > i.recorded_at)) AS reindex_required
FROM dim_document d
LEFT JOIN indexed i ON i.document_key = d.document_key
LEFT JOIN marks m ON m.document_key = d.document_key
LEFT JOIN created c ON c.document_key = d.document_key;

-- The live chunks (the reference's dim_chunk): the chunks of each document's indexed version.
CREATE OR REPLACE VIEW v_rag_chunks AS
SELECT c.chunk_id, c.document_key, d.root_path, d.document_path, d.document_type, d.language, c.content_hash,
       c.chunk_index, c.chunk_kind, c.symbol, c.chunk_text, c.chunk_hash, c.term_count, c.line_start, c.line_end,
       c.char_start, c.char_end, d.last_modified_at, c.occurred_at AS created_at
FROM fact_chunk c
JOIN v_rag_documents d ON d.document_key = c.document_key AND d.content_hash = c.content_hash AND NOT d.is_deleted;

-- The references of the live chunks (the reference's fact_entity_reference).
CREATE OR REPLACE VIEW v_rag_entity_references AS
SELECT e.entity_name, e.entity_type, r.reference_type, r.container, r.line_number, c.chunk_id, c.root_path,
       c.document_path, c.language, c.symbol, c.line_start, c.line_end
FROM fact_entity_reference r
JOIN dim_entity e ON e.entity_key = r.entity_key
JOIN v_rag_chunks c ON c.chunk_id = r.chunk_id;

-- The live definitions (the reference's dim_entity): one row per entity and defining chunk.
CREATE OR REPLACE VIEW v_rag_entities AS
SELECT entity_name, entity_type, container, chunk_id AS definition_chunk_id, root_path, document_path, language,
       line_number
FROM v_rag_entity_references
WHERE reference_type = 'definition';

-- BM25's corpus statistics over the live chunks.
CREATE OR REPLACE VIEW v_rag_corpus_stats AS
SELECT count(*) AS chunk_count, coalesce(avg(term_count), 0) AS avg_term_count FROM v_rag_chunks;
