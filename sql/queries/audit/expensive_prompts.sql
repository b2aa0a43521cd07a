-- The most expensive prompts of the 7 days up to an instant (use case 8, "prompt engineering").
-- Parameters: $1 = "now", $2 = how many.
SELECT prompt_text, model_name, input_tokens, output_tokens,
       coalesce(prompt_cost_usd, 0) + coalesce(response_cost_usd, 0) AS total_cost_usd
FROM v_prompt_responses
WHERE prompted_at > CAST($1 AS TIMESTAMPTZ) - INTERVAL 7 DAY
  AND prompted_at <= CAST($1 AS TIMESTAMPTZ)
ORDER BY total_cost_usd DESC, prompted_at
LIMIT $2;
