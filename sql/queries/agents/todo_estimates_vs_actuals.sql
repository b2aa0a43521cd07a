-- Estimates against actuals of completed todos, per category.
SELECT category, count(*) AS todos, sum(estimated_hours) AS estimated_hours, sum(actual_hours) AS actual_hours,
       avg(actual_hours / nullif(estimated_hours, 0)) AS avg_actual_to_estimate
FROM v_todos
WHERE status = 'completed' AND estimated_hours IS NOT NULL AND actual_hours IS NOT NULL
GROUP BY category
ORDER BY category NULLS LAST;
