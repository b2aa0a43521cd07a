-- How full a session's context is now: the model of its latest API call, that call's input (uncached,
-- cache reads and writes) plus its output, which the next call reads again, and the model's context window
-- from the current price table (or, failing that, the largest window seen in its overflows).
-- Parameters: 1 = session id.
SELECT c.model_name, c.occurred_at,
       c.total_input_tokens + c.output_tokens AS context_tokens,
       coalesce(p.max_input_tokens,
                (SELECT max(context_window_tokens) FROM v_context_overflows o WHERE o.model_name = c.model_name))
           AS max_input_tokens
FROM v_api_call_costs c
LEFT JOIN dim_model_price p ON p.model_name = c.price_model_name AND p.is_current
WHERE c.session_id = ?
  AND NOT c.is_superseded
ORDER BY c.occurred_at DESC, c.event_id
LIMIT 1;
