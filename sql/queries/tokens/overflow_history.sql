-- Past overflows of a context window of a given size (and model, when given): how many, and the context
-- size at which they happened (10th percentile and median), the basis of overflow prediction.
-- Parameters: $1 = window size in tokens, $2 = model name or NULL for any model.
SELECT count(*) AS overflows,
       quantile_disc(tokens_at_overflow, 0.1) AS p10_tokens_at_overflow,
       quantile_disc(tokens_at_overflow, 0.5) AS median_tokens_at_overflow
FROM v_context_overflows
WHERE NOT is_superseded
  AND context_window_tokens = $1
  AND ($2 IS NULL OR model_name = $2);
