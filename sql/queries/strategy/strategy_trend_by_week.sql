-- Use case 10: has this strategy improved over time? Weekly success rate over 90 days. Parameter: the strategy.
SELECT date_trunc('week', occurred_at) AS week, avg(is_success::INTEGER) AS success_rate, count(*) AS attempts
FROM v_strategy_attempts
WHERE NOT is_superseded AND strategy_name = ?
  AND occurred_at > agent_store_now() - INTERVAL 90 DAY
GROUP BY week
ORDER BY week;
