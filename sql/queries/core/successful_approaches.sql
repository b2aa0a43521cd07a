-- Which approaches worked for this type of task? (use case 1: agent memory)
-- Parameters: 1 = task type, 2 = how many decisions (newest first).
-- Newest by when it happened, but a record dated more than a day after it was recorded (a clock gone
-- wrong) counts as recorded a day later, so that it does not stay on top forever.
SELECT occurred_at, task_id, task_description, task_type, agent_name, decision_type, option_chosen, alternatives,
       rationale, is_retried
FROM v_decisions
WHERE task_type = ?
  AND outcome = 'success'
  AND NOT is_superseded
ORDER BY least(occurred_at, recorded_at + INTERVAL 1 DAY) DESC, event_id
LIMIT ?;
