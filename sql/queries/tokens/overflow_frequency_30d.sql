-- How often do I hit the context limit? Overflows per UTC day over the last 30 days (use case 2).
SELECT day, overflows, sessions, avg_tokens_at_overflow, max_tokens_at_overflow, compactions, components_dropped
FROM v_overflow_frequency
WHERE tokens_day_within_days(day, 30)
ORDER BY day;
