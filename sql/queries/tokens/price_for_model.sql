-- The price version that applies to a model at an instant, found by the matching rules of
-- tokens_price_candidates (exact name first, then provider-prefixed forms, then suffixes stripped).
-- Parameters: $1 = model name, $2 = provider or NULL, $3 = instant.
WITH match AS (
    SELECT c.candidate, c.match_rule
    FROM (SELECT unnest(tokens_price_candidates(CAST($1 AS VARCHAR), CAST($2 AS VARCHAR)), recursive := true)) c
    JOIN (SELECT DISTINCT model_name FROM dim_model_price) priced ON priced.model_name = c.candidate
    ORDER BY c.rule_rank
    LIMIT 1
)
SELECT p.*, m.match_rule
FROM match m
JOIN dim_model_price p ON p.model_name = m.candidate
    AND p.valid_from <= CAST($3 AS TIMESTAMPTZ)
    AND (p.valid_to IS NULL OR CAST($3 AS TIMESTAMPTZ) < p.valid_to);
