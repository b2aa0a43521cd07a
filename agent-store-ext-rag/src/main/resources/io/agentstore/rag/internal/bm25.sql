-- BM25 (k1 = 1.2, b = 0.75) over the store's inverted index, fact_term_posting, for the live chunks that pass
-- the filters. ${terms} is a VALUES list of (term, query term frequency); ${filters} a WHERE condition on c.
WITH q(term, qtf) AS (VALUES ${terms}),
stats AS (SELECT chunk_count AS n, avg_term_count AS avgdl FROM v_rag_corpus_stats),
live AS (SELECT chunk_hash, count(*) AS copies FROM v_rag_chunks GROUP BY chunk_hash),
df AS (
    SELECT p.term, sum(l.copies) AS df
    FROM fact_term_posting p JOIN q ON q.term = p.term JOIN live l ON l.chunk_hash = p.chunk_hash
    GROUP BY p.term
),
candidates AS (SELECT c.chunk_id, c.chunk_hash, c.term_count FROM v_rag_chunks c WHERE ${filters})
SELECT c.chunk_id,
       sum(q.qtf * ln(1 + (s.n - df.df + 0.5) / (df.df + 0.5))
           * p.term_frequency * 2.2 / (p.term_frequency + 1.2 * (0.25 + 0.75 * c.term_count / s.avgdl))) AS score
FROM fact_term_posting p
JOIN q ON q.term = p.term
JOIN df ON df.term = p.term
JOIN candidates c ON c.chunk_hash = p.chunk_hash
CROSS JOIN stats s
GROUP BY c.chunk_id
ORDER BY score DESC, c.chunk_id
LIMIT ${limit}
