-- BM25 (k1 = 1.2, b = 0.75) over the store's inverted index, fact_term_posting, for the live chunks that pass
-- the filters; corpus statistics (chunk count, average length, document frequency) over all live chunks.
-- ${terms} is a VALUES list of (term, query term frequency); ${filters} a WHERE condition on c.
WITH q(term, qtf) AS (VALUES ${terms}),
chunks AS MATERIALIZED (
    SELECT chunk_id, chunk_hash, term_count, document_path, language, document_type, last_modified_at
    FROM v_rag_chunks
),
stats AS (SELECT count(*) AS n, avg(term_count) AS avgdl FROM chunks),
posts AS MATERIALIZED (
    SELECT p.term, p.chunk_hash, p.term_frequency, q.qtf
    FROM fact_term_posting p JOIN q ON q.term = p.term
),
df AS (SELECT p.term, count(*) AS df FROM posts p JOIN chunks c ON c.chunk_hash = p.chunk_hash GROUP BY p.term)
SELECT c.chunk_id,
       sum(p.qtf * ln(1 + (s.n - df.df + 0.5) / (df.df + 0.5))
           * p.term_frequency * 2.2 / (p.term_frequency + 1.2 * (0.25 + 0.75 * c.term_count / s.avgdl))) AS score
FROM posts p
JOIN df ON df.term = p.term
JOIN chunks c ON c.chunk_hash = p.chunk_hash
CROSS JOIN stats s
WHERE ${filters}
GROUP BY c.chunk_id
ORDER BY score DESC, c.chunk_id
LIMIT ${limit}
