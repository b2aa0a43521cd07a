-- Strategy attempts the store already holds both ends of: a decision's chosen option (any decision type but
-- 'tool_choice') followed by its task's first outcome after it or, without one, the first test run of the same
-- session within 24 hours after it whose outcome is known. Used by StrategyFacade.deriveAttempts().
WITH d AS (
    SELECT * FROM v_decisions WHERE NOT is_superseded AND decision_type <> 'tool_choice'
), by_task AS (
    SELECT d.event_id AS decision_event_id,
           arg_min(o.is_success, o.occurred_at) AS is_success,
           arg_min(o.event_id, o.occurred_at) AS outcome_event_id
    FROM d JOIN v_task_outcomes o ON o.task_id = d.task_id AND o.occurred_at >= d.occurred_at AND NOT o.is_superseded
    GROUP BY d.event_id
), by_run AS (
    SELECT d.event_id AS decision_event_id,
           arg_min(r.is_green, r.occurred_at) AS is_success,
           arg_min(r.event_id, r.occurred_at) AS test_run_id
    FROM d JOIN v_test_runs r ON r.session_id = d.session_id AND r.occurred_at >= d.occurred_at
                              AND r.occurred_at < d.occurred_at + INTERVAL 24 HOUR AND NOT r.is_superseded
                              AND r.is_green IS NOT NULL -- a run whose outcome is unknown judges nothing
    GROUP BY d.event_id
)
SELECT d.event_id AS decision_event_id, d.occurred_at, d.session_id, d.agent_name, d.agent_type, d.system_prompt_hash, d.task_id,
       d.task_description, d.task_type, d.option_chosen AS strategy_name, d.decision_type,
       coalesce(t.is_success, r.is_success) AS is_success,
       CASE WHEN t.decision_event_id IS NOT NULL THEN 'task_outcome' ELSE 'test_run' END AS judged_by,
       t.outcome_event_id, CASE WHEN t.decision_event_id IS NULL THEN r.test_run_id END AS test_run_id
FROM d
LEFT JOIN by_task t ON t.decision_event_id = d.event_id
LEFT JOIN by_run r ON r.decision_event_id = d.event_id
WHERE t.decision_event_id IS NOT NULL OR r.decision_event_id IS NOT NULL
ORDER BY d.occurred_at, d.event_id;
