-- Tool failure patterns in the last 30 days: which tool fails how (use case 5: workflow analytics).
SELECT tool_name, coalesce(error_type, '(unspecified)') AS error_type, count(*) AS failures,
       max(occurred_at) AS last_failed_at
FROM v_tool_calls
WHERE NOT is_success
  AND NOT is_superseded
  AND occurred_at > agent_store_now() - INTERVAL 30 DAY
GROUP BY tool_name, error_type
ORDER BY failures DESC, tool_name, error_type;
