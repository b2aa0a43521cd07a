-- Cost per agent over the last 30 days, derived from tokens and the prices valid at each call (use case 9).
-- Calls of models without a price are counted in unpriced_calls and add nothing to the cost.
SELECT agent_name,
       sum(cost_usd) AS total_cost_usd,
       avg(cost_usd) AS avg_cost_per_call_usd,
       count(*) AS calls,
       count(*) FILTER (WHERE NOT is_priced) AS unpriced_calls
FROM v_api_call_costs
WHERE NOT is_superseded
  AND tokens_within_days(occurred_at, 30)
GROUP BY agent_name
ORDER BY total_cost_usd DESC NULLS LAST, agent_name;
