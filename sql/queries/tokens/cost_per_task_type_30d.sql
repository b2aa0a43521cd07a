-- Cost per task type over the last 30 days: total, sessions, and cost per session (use case 9).
SELECT coalesce(task_type, '(none)') AS task_type,
       sum(cost_usd) AS total_cost_usd,
       count(DISTINCT session_id) AS sessions,
       sum(cost_usd) / nullif(count(DISTINCT session_id), 0) AS cost_per_session_usd,
       count(*) AS calls
FROM v_api_call_costs
WHERE NOT is_superseded
  AND tokens_within_days(occurred_at, 30)
GROUP BY 1
ORDER BY total_cost_usd DESC NULLS LAST, task_type;
