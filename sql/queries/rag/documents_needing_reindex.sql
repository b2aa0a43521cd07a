-- The documents a hook marked for re-indexing since their last indexing (what `agent-store index --changed`
-- will read).
SELECT root_path, document_path, language, last_modified_at
FROM v_rag_documents
WHERE reindex_required
ORDER BY root_path, document_path;
