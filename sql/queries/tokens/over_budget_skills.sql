-- Which skills are over budget? The current size of each skill against a budget (use case 2).
-- Parameters: 1 = budget in tokens (the reference uses 4000).
SELECT component_name, file_path, estimated_tokens, budget_tokens, excess_tokens, measured_at
FROM tokens_over_budget(?)
WHERE component_type = 'skill'
ORDER BY estimated_tokens DESC, component_name;
