-- Which chunks are most commonly retrieved in the last 30 days, with their average relevance score.
SELECT c.document_path, c.chunk_index, c.symbol, count(*) AS retrieval_count,
       avg(r.relevance_score) AS avg_score
FROM fact_chunk_retrieval r
JOIN v_rag_chunks c ON c.chunk_id = r.chunk_id
WHERE r.occurred_at > agent_store_now() - INTERVAL '30 days'
GROUP BY c.document_path, c.chunk_index, c.symbol
ORDER BY retrieval_count DESC, c.document_path, c.chunk_index
LIMIT 20;
