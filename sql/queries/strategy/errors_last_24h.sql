-- Analytics system: error monitoring over the last 24 hours; critical = severity 'critical' (the analytics
-- system's numeric severity >= 8 is imported as 'critical').
SELECT count(*) AS total, count(*) FILTER (WHERE severity = 'critical') AS critical
FROM v_errors
WHERE occurred_at >= agent_store_now() - INTERVAL 24 HOUR;
