-- Prompts whose text or response contains a phrase (ignoring case), in a date range, optionally of one
-- user (the MCP tool search_prompts). Parameters: $1 = phrase, $2 = from, $3 = to, $4 = user or NULL.
SELECT pr.prompt_event_id, pr.prompted_at, pr.session_id, p.user_id, pr.prompt_text, pr.response_text
FROM v_prompt_responses pr
JOIN v_prompts p ON p.event_id = pr.prompt_event_id
WHERE (contains(lower(pr.prompt_text), lower($1)) OR contains(lower(coalesce(pr.response_text, '')), lower($1)))
  AND pr.prompted_at BETWEEN CAST($2 AS TIMESTAMPTZ) AND CAST($3 AS TIMESTAMPTZ)
  AND ($4 IS NULL OR $4 IN (p.user_id, p.account_id, p.email, p.os_user))
ORDER BY pr.prompted_at;
