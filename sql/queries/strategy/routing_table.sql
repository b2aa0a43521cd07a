-- Analytics system: the model routing table in effect (command -> model, thinking level and budget).
SELECT command, model_name, thinking_level, thinking_budget_tokens, routed_since
FROM v_routing_table
ORDER BY command;
