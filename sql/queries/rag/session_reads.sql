-- What an agent read and edited in a session: the chunks it retrieved (by search or by reading the file)
-- and the documents it changed. ? is the session id (twice).
SELECT 'retrieved' AS what, c.document_path, c.symbol, c.line_start, c.line_end, r.retrieval_method AS how
FROM v_rag_chunk_retrievals r
JOIN v_rag_chunks c ON c.chunk_id = r.chunk_id
WHERE r.session_id = ?
UNION ALL
SELECT 'edited', u.document_path, NULL, NULL, NULL, u.detected_by
FROM v_rag_document_updates u
WHERE u.session_id = ?
ORDER BY what, document_path, line_start;
