-- agent-store rag schema, version 1: use case 7 (retrieval-augmented generation) of the reference
-- document, append-only. The reference's dim_document, dim_chunk and dim_entity become two dimensions
-- (document, entity) and facts: a document's content changes, so its chunks are facts of a document version
-- (fact_chunk, keyed by a name-based chunk_id), and which version is current is derived by the views of
-- R__rag_views.sql from fact_document_update. The store's own inverted index (fact_term_posting) and the
-- embeddings (fact_chunk_embedding) are keyed by chunk_hash, so identical chunk texts share them and a
-- changed file writes postings and embeddings only for its new chunk texts. Conventions as in core:
-- dimensions get their surrogate key from the writer; facts carry the envelope columns first and attributes
-- last, without primary or foreign keys; enumerated VARCHAR columns list their values in a comment and are
-- checked by the Java records.

-- A file under an indexed root. document_path is relative to root_path, with '/' separators.
CREATE TABLE dim_document (
    document_key    BIGINT      NOT NULL PRIMARY KEY,
    root_path       VARCHAR     NOT NULL,   -- the absolute, normalized root the file was indexed under
    document_path   VARCHAR     NOT NULL,
    document_type   VARCHAR,                -- 'code', 'documentation', 'config', 'log', 'data', 'text'
    language        VARCHAR,                -- 'java', 'python', 'typescript', 'javascript', 'markdown', 'sql', ...
    first_seen_at   TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX ux_dim_document_natural ON dim_document (root_path, document_path);

-- A named thing code defines: a class, function, method, variable, endpoint or table. The name is the simple
-- name ('search', not 'RagFacade.search'): references by call or import know only that; the definition
-- fact names the container.
CREATE TABLE dim_entity (
    entity_key      BIGINT      NOT NULL PRIMARY KEY,
    entity_name     VARCHAR     NOT NULL,
    entity_type     VARCHAR     NOT NULL,   -- 'class', 'function', 'method', 'variable', 'endpoint', 'table', 'symbol'
    first_seen_at   TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX ux_dim_entity_natural ON dim_entity (entity_name, entity_type);

-- A change to a document: found by the indexer ('created', 'modified', 'deleted') or reported by a hook
-- (an agent's Write or Edit: 'modified' with reindex_required and no content_hash). The latest update that
-- carries a content_hash is the indexed version; a later one with reindex_required asks for re-indexing.
CREATE TABLE fact_document_update (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    document_key        BIGINT      NOT NULL,
    session_key         BIGINT,                 -- the session whose agent changed the file, when a hook said so
    update_type         VARCHAR     NOT NULL,   -- 'created', 'modified', 'deleted'
    detected_by         VARCHAR     NOT NULL,   -- 'index', 'hook'
    content_hash        VARCHAR,                -- SHA-256 of the indexed content; NULL for a hook's mark and a deletion
    size_bytes          BIGINT,
    file_modified_at    TIMESTAMPTZ,            -- the file's modification time when it was read
    chunks_affected     BIGINT,                 -- chunks of the new version (0 for a deletion)
    reindex_required    BOOLEAN     NOT NULL,
    attributes          JSON
);

-- One chunk of one version of a document: a definition (a method, a function, a class header), a Markdown
-- section, or a window of lines. chunk_id is name-based on root, path, content hash and index.
CREATE TABLE fact_chunk (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    chunk_id            UUID        NOT NULL,
    document_key        BIGINT      NOT NULL,
    content_hash        VARCHAR     NOT NULL,   -- the document version the chunk belongs to
    chunk_index         BIGINT      NOT NULL,
    chunk_kind          VARCHAR     NOT NULL,   -- 'definition', 'code', 'section', 'window'
    symbol              VARCHAR,                -- the definition or heading the chunk holds, 'RagFacade.search'
    chunk_text          VARCHAR     NOT NULL,
    chunk_hash          VARCHAR     NOT NULL,   -- SHA-256 of chunk_text: the key of postings and embeddings
    term_count          BIGINT      NOT NULL,   -- the chunk's length in index terms (BM25's document length)
    line_start          BIGINT      NOT NULL,   -- 1-based, inclusive
    line_end            BIGINT      NOT NULL,
    char_start          BIGINT      NOT NULL,   -- 0-based offset in the document, inclusive
    char_end            BIGINT      NOT NULL,   -- exclusive
    attributes          JSON
);

-- The inverted index: how often an index term occurs in a chunk text. BM25 reads it (R__rag_views.sql).
CREATE TABLE fact_term_posting (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    term                VARCHAR     NOT NULL,
    chunk_hash          VARCHAR     NOT NULL,
    term_frequency      BIGINT      NOT NULL,
    attributes          JSON
);

-- The embedding of a chunk text by a model (the reference's dim_chunk.embedding, optional).
CREATE TABLE fact_chunk_embedding (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    chunk_hash          VARCHAR     NOT NULL,
    embedding_model     VARCHAR     NOT NULL,
    dimensions          BIGINT      NOT NULL,
    embedding           FLOAT[]     NOT NULL,   -- cast to FLOAT[dimensions] for DuckDB's array functions
    attributes          JSON
);

-- Where a chunk defines, uses, imports or calls an entity.
CREATE TABLE fact_entity_reference (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    entity_key          BIGINT      NOT NULL,
    chunk_id            UUID        NOT NULL,
    reference_type      VARCHAR     NOT NULL,   -- 'definition', 'usage', 'import', 'call'
    container           VARCHAR,                -- for a definition, the enclosing type ('RagFacade')
    line_number         BIGINT      NOT NULL,
    attributes          JSON
);

-- A chunk handed to an agent: by a search (keyword, vector, hybrid, sql) or by the agent reading the file.
CREATE TABLE fact_chunk_retrieval (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    chunk_id            UUID        NOT NULL,
    session_key         BIGINT,
    query_text          VARCHAR,
    relevance_score     DOUBLE,
    retrieval_method    VARCHAR     NOT NULL,   -- 'vector', 'keyword', 'hybrid', 'sql', 'read'
    result_rank         BIGINT,                 -- 1-based rank in the result list
    used_in_response    BOOLEAN,
    attributes          JSON
);
