-- Token efficiency per agent over the last 30 days: output tokens per input token, total tokens and cost
-- (use case 2).
SELECT agent_name,
       count(*) AS calls,
       CASE WHEN sum(total_input_tokens) > 0
            THEN CAST(sum(output_tokens) AS DOUBLE) / sum(total_input_tokens) END AS output_per_input,
       sum(total_tokens) AS total_tokens,
       sum(cost_usd) AS total_cost_usd
FROM v_api_call_costs
WHERE NOT is_superseded
  AND agent_name IS NOT NULL
  AND tokens_within_days(occurred_at, 30)
GROUP BY agent_name
ORDER BY output_per_input DESC NULLS LAST, agent_name;
