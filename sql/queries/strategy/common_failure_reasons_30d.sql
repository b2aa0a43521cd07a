-- Use case 10: what are the most common failure reasons (last 30 days)?
SELECT failure_reason, count(*) AS occurrences, count(DISTINCT task_id) AS tasks_affected
FROM v_strategy_attempts
WHERE NOT is_superseded AND NOT is_success
  AND occurred_at > agent_store_now() - INTERVAL 30 DAY
GROUP BY failure_reason
ORDER BY occurrences DESC, failure_reason;
