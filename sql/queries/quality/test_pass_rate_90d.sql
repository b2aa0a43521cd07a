-- Use case 3: test pass rate over time, per day over the last 90 days.
SELECT day, pass_rate, avg_duration_seconds, runs
FROM v_test_pass_rate_daily
WHERE day > agent_store_now() - INTERVAL 90 DAY
ORDER BY day;
