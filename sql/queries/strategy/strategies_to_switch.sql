-- Use case 10: when should I switch strategies? An agent's strategies whose last 5 attempts of the last 7 days
-- succeeded less than half the time. Parameter: the agent name.
WITH strategy_windows AS (
    SELECT strategy_name, is_success,
           row_number() OVER (PARTITION BY strategy_name ORDER BY occurred_at DESC, event_id) AS recency
    FROM v_strategy_attempts
    WHERE NOT is_superseded AND agent_name = ?
      AND occurred_at > agent_store_now() - INTERVAL 7 DAY
)
SELECT strategy_name, avg(is_success::INTEGER) AS recent_success_rate, count(*) AS recent_attempts
FROM strategy_windows
WHERE recency <= 5
GROUP BY strategy_name
HAVING avg(is_success::INTEGER) < 0.5
ORDER BY recent_success_rate, strategy_name;
