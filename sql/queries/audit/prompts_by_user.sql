-- All prompts by a user in a date range, with their responses (use case 8, "audit compliance").
-- Parameters: $1 = user (user id, account id, e-mail or OS user), $2 = from, $3 = to (both inclusive).
SELECT pr.prompted_at, pr.prompt_text, pr.response_text
FROM v_prompt_responses pr
JOIN v_prompts p ON p.event_id = pr.prompt_event_id
WHERE $1 IN (p.user_id, p.account_id, p.email, p.os_user)
  AND pr.prompted_at BETWEEN CAST($2 AS TIMESTAMPTZ) AND CAST($3 AS TIMESTAMPTZ)
ORDER BY pr.prompted_at;
