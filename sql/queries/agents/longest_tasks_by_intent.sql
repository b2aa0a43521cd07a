-- What tasks take the longest? (use case 5) Average seconds from stating an intent to achieving it, per category.
SELECT categorized_as AS task_type,
       avg(date_diff('millisecond', stated_at, achieved_at) / 1000.0) AS avg_seconds,
       count(*) AS tasks
FROM v_session_intents
WHERE is_achieved AND achieved_at IS NOT NULL
GROUP BY categorized_as
ORDER BY avg_seconds DESC, task_type;
