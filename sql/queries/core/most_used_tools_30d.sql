-- Most-used tools in the last 30 days (use case 5: workflow analytics).
SELECT tool_name, invocations, avg_duration_ms, success_rate, failures
FROM v_tool_usage_30d
ORDER BY invocations DESC, tool_name;
