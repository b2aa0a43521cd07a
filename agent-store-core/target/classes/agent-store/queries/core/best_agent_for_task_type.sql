-- Which agent is best at this task type? (use case 1: agent memory)
-- Parameters: 1 = task type. Ranked by success rate, then test pass rate, then volume.
SELECT agent_name,
       count(*) AS tasks,
       avg(CAST(is_success AS INTEGER)) AS success_rate,
       avg(test_pass_rate) AS avg_test_pass_rate,
       avg(elapsed_ms) AS avg_elapsed_ms
FROM v_task_outcomes
WHERE task_type = ?
  AND agent_name IS NOT NULL
  AND NOT is_superseded
GROUP BY agent_name
ORDER BY success_rate DESC, avg_test_pass_rate DESC NULLS LAST, tasks DESC, agent_name;
