-- Which approaches worked for this type of task? (use case 1: agent memory)
-- Parameters: 1 = task type, 2 = how many decisions (newest first).
SELECT occurred_at, task_id, task_description, task_type, agent_name, decision_type, option_chosen, alternatives,
       rationale, is_retried
FROM v_decisions
WHERE task_type = ?
  AND outcome = 'success'
  AND NOT is_superseded
ORDER BY occurred_at DESC, event_id
LIMIT ?;
