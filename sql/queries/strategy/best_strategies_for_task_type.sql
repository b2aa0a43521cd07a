-- Use case 10: which strategies work best for this task type? Parameters: the task type, the minimum attempts.
SELECT strategy_name, success_rate, avg_duration_ms / 1000.0 AS avg_duration_seconds, attempts
FROM v_strategy_performance
WHERE task_type = $1 AND attempts >= $2
ORDER BY success_rate DESC, avg_duration_seconds ASC, strategy_name;
