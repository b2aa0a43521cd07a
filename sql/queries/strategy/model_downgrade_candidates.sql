-- The router's evidence: commands that could move to a cheaper model without losing success rate, and what
-- that would have saved. Parameter: the minimum runs on each model.
SELECT command, current_model, cheaper_model, current_runs, cheaper_runs, current_success_rate, cheaper_success_rate,
       would_have_saved_usd
FROM v_model_downgrade_candidates
WHERE current_runs >= $1 AND cheaper_runs >= $1
ORDER BY would_have_saved_usd DESC, command, cheaper_model;
