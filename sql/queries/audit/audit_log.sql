-- Every prompt and response in a date range, in order (the compliance export, export_audit_log).
-- Parameters: $1 = from, $2 = to (both inclusive).
SELECT prompted_at, prompt_event_id, session_id, user_id, model_name, template_name, prompt_text,
       response_event_id, responded_at, response_text, finish_reason, input_tokens, output_tokens,
       CAST(safety_flags AS VARCHAR) AS safety_flags
FROM v_prompt_responses
WHERE prompted_at BETWEEN CAST($1 AS TIMESTAMPTZ) AND CAST($2 AS TIMESTAMPTZ)
ORDER BY prompted_at, prompt_event_id;
