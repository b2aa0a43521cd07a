-- The chunks of the documents modified in the last hour (the reference's temporal retrieval, as written
-- there): the live chunks of each document with a 'modified' update in the hour before agent_store_now().
SELECT DISTINCT c.document_path, c.chunk_index, c.symbol, c.chunk_text
FROM v_rag_document_updates u
JOIN v_rag_chunks c ON c.root_path = u.root_path AND c.document_path = u.document_path
WHERE u.occurred_at > agent_store_now() - INTERVAL '1 hour'
  AND u.update_type = 'modified'
ORDER BY c.document_path, c.chunk_index;
