-- Dead chunks: live chunks created more than 30 days ago that no search and no read has ever retrieved.
SELECT c.document_path, c.chunk_index, c.symbol, c.created_at
FROM v_rag_chunks c
WHERE c.created_at < agent_store_now() - INTERVAL '30 days'
  AND NOT EXISTS (SELECT 1 FROM fact_chunk_retrieval r WHERE r.chunk_id = c.chunk_id)
ORDER BY c.document_path, c.chunk_index;
