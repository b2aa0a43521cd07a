-- Hybrid search as the reference writes it: SQL filters (code, one language, a word in the text) and vector
-- similarity. Parameters: the query vector as FLOAT[], the embedding model, the language, a LIKE pattern.
-- The ranked hybrid search (BM25 and cosine, weighted reciprocal rank fusion) is RagFacade.search.
SELECT c.document_path, c.symbol, c.chunk_text,
       list_cosine_similarity(e.embedding, ?::FLOAT[]) AS similarity
FROM v_rag_chunks c
JOIN fact_chunk_embedding e ON e.chunk_hash = c.chunk_hash AND e.embedding_model = ?
WHERE c.document_type = 'code'
  AND c.language = ?
  AND c.chunk_text LIKE ?
ORDER BY similarity DESC, c.document_path, c.chunk_index
LIMIT 10;
