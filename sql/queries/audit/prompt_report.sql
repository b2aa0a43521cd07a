-- Prompts by template, model or user in a date range, with their responses, tokens and cost (use case 8:
-- "all prompts by a specific user in a date range", "expensive prompts", which templates are used). A prompt
-- without a model takes its response's. Parameters: $1 = 'template', 'model' or 'user'; $2 = from (inclusive) or
-- NULL; $3 = to (exclusive) or NULL; $4 = a user (user id, account id, e-mail or OS user) or NULL for all.
SELECT CASE $1
           WHEN 'template' THEN coalesce(pr.template_name, '(none)')
           WHEN 'model' THEN coalesce(pr.model_name, r.model_name, '(unknown)')
           ELSE coalesce(pr.user_id, '(unknown)')
       END AS grp,
       count(*) AS prompts,
       count(pr.response_event_id) AS responses,
       coalesce(sum(pr.input_tokens), 0) AS input_tokens,
       coalesce(sum(pr.output_tokens), 0) AS output_tokens,
       sum(coalesce(pr.prompt_cost_usd, 0) + coalesce(pr.response_cost_usd, 0)) AS cost_usd,
       min(pr.prompted_at) AS first_at,
       max(pr.prompted_at) AS last_at
FROM v_prompt_responses pr
LEFT JOIN v_responses r ON r.event_id = pr.response_event_id
WHERE (CAST($2 AS TIMESTAMPTZ) IS NULL OR pr.prompted_at >= CAST($2 AS TIMESTAMPTZ))
  AND (CAST($3 AS TIMESTAMPTZ) IS NULL OR pr.prompted_at < CAST($3 AS TIMESTAMPTZ))
  AND (CAST($4 AS VARCHAR) IS NULL OR pr.prompt_event_id IN (
           SELECT event_id FROM v_prompts
           WHERE CAST($4 AS VARCHAR) IN (user_id, account_id, email, os_user)))
GROUP BY 1
ORDER BY cost_usd DESC, prompts DESC, grp;
