-- Which components are most expensive relative to their value: allocated cost per successful task, for
-- components used in more than a given number of sessions (use case 9).
-- Parameters: 1 = minimum number of sessions (the reference uses 5).
WITH outcomes AS (
    SELECT task_id, bool_or(is_success) AS is_success
    FROM v_task_outcomes
    WHERE NOT is_superseded
    GROUP BY task_id
)
SELECT a.component_name,
       sum(a.cost_usd) AS total_cost_usd,
       count(DISTINCT a.session_id) AS uses,
       avg(CAST(o.is_success AS INTEGER)) AS success_rate,
       sum(a.cost_usd) / nullif(avg(CAST(o.is_success AS INTEGER)), 0) AS cost_per_success_usd
FROM v_cost_allocations a
LEFT JOIN outcomes o ON o.task_id = a.task_id
WHERE NOT a.is_superseded
GROUP BY a.component_name
HAVING count(DISTINCT a.session_id) > ?
ORDER BY cost_per_success_usd DESC NULLS FIRST, a.component_name;
