-- agent-store agents views: the stable SQL contract of the agents schema. Current states are the latest fact
-- of each lifecycle (by occurred_at, then recorded_at); superseded facts are left out.

-- One row per fact (the FactType views): natural keys of the dimensions, is_superseded for corrected facts.
CREATE OR REPLACE VIEW v_work_status_history AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id,
       f.event_id IN (SELECT supersedes_event_id FROM fact_work_status WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       w.work_id, w.work_type, w.target_path, w.description,
       s.session_id, a.agent_name, a.agent_type, a.system_prompt_hash, f.status, f.reason, f.attributes
FROM fact_work_status f
JOIN dim_work_item w ON w.work_item_key = f.work_item_key
LEFT JOIN dim_session s ON s.session_key = f.session_key
LEFT JOIN dim_agent a ON a.agent_key = f.agent_key;

-- The reference's dim_work_item: created_at, completed_at and the current status.
CREATE OR REPLACE VIEW v_work_items AS
SELECT w.work_item_key, w.work_id, w.work_type, w.target_path, w.description,
       coalesce(min(h.occurred_at), w.first_seen_at) AS created_at,
       max(h.occurred_at) FILTER (WHERE h.status = 'completed') AS completed_at,
       coalesce(arg_max(h.status, (h.occurred_at, h.recorded_at)), 'pending') AS status
FROM dim_work_item w
LEFT JOIN v_work_status_history h ON h.work_id = w.work_id AND NOT h.is_superseded
GROUP BY w.work_item_key, w.work_id, w.work_type, w.target_path, w.description, w.first_seen_at;

CREATE OR REPLACE VIEW v_agent_capabilities AS
SELECT f.occurred_at, f.recorded_at, f.supersedes_event_id, a.agent_name, a.agent_type, a.system_prompt_hash,
       c.capability_name, c.description AS capability_description, f.proficiency,
       f.occurred_at AS valid_from,
       lead(f.occurred_at) OVER (PARTITION BY f.agent_key, f.capability_key ORDER BY f.occurred_at, f.recorded_at) AS valid_to,
       lead(f.occurred_at) OVER (PARTITION BY f.agent_key, f.capability_key ORDER BY f.occurred_at, f.recorded_at) IS NULL AS is_current,
       f.event_id, f.attributes
FROM fact_agent_capability f
JOIN dim_agent a ON a.agent_key = f.agent_key
JOIN dim_capability c ON c.capability_key = f.capability_key;

-- The reference's agent_capability_map: the current proficiency per agent and capability.
CREATE OR REPLACE VIEW v_agent_capability_map AS
SELECT agent_name, capability_name, proficiency, valid_from
FROM v_agent_capabilities WHERE is_current;

CREATE OR REPLACE VIEW v_work_assignment_history AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id, f.assignment_id,
       w.work_id, w.work_type, w.target_path, w.description,
       a.agent_name, a.agent_type, a.system_prompt_hash, s.session_id, f.status, f.lease_expires_at, f.reason, f.attributes
FROM fact_work_assignment f
JOIN dim_work_item w ON w.work_item_key = f.work_item_key
JOIN dim_agent a ON a.agent_key = f.agent_key
LEFT JOIN dim_session s ON s.session_key = f.session_key;

-- The reference's fact_work_assignment: one row per assignment with its current status and the times of
-- each step. is_holding: accepted and its lease (if any) not expired on the store's clock.
CREATE OR REPLACE VIEW v_work_assignments AS
SELECT assignment_id, any_value(work_id) AS work_id, any_value(work_type) AS work_type,
       any_value(target_path) AS target_path, any_value(agent_name) AS agent_name,
       any_value(session_id) AS session_id,
       min(occurred_at) AS assigned_at,
       min(occurred_at) FILTER (WHERE status = 'accepted') AS accepted_at,
       min(occurred_at) FILTER (WHERE status IN ('completed', 'abandoned', 'rejected')) AS completed_at,
       arg_max(status, (occurred_at, recorded_at)) AS status,
       arg_max(lease_expires_at, (occurred_at, recorded_at)) AS lease_expires_at,
       arg_max(reason, (occurred_at, recorded_at)) AS reason,
       arg_max(status, (occurred_at, recorded_at)) = 'accepted'
           AND (arg_max(lease_expires_at, (occurred_at, recorded_at)) IS NULL
                OR arg_max(lease_expires_at, (occurred_at, recorded_at)) > agent_store_now()) AS is_holding
FROM v_work_assignment_history
GROUP BY assignment_id;

CREATE OR REPLACE VIEW v_agent_handoffs AS
SELECT f.event_id, f.occurred_at, f.occurred_at AS handed_off_at, f.recorded_at, f.supersedes_event_id,
       f.event_id IN (SELECT supersedes_event_id FROM fact_agent_handoff WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       s.session_id,
       a1.agent_name AS from_agent, a1.agent_name AS from_agent_name, a1.agent_type AS from_agent_type,
       a1.system_prompt_hash AS from_agent_prompt_hash,
       a2.agent_name AS to_agent, a2.agent_name AS to_agent_name, a2.agent_type AS to_agent_type,
       a2.system_prompt_hash AS to_agent_prompt_hash,
       w.work_id, w.work_type, w.target_path, w.description, f.handoff_reason, f.context_snapshot, f.attributes
FROM fact_agent_handoff f
JOIN dim_agent a1 ON a1.agent_key = f.from_agent_key
JOIN dim_agent a2 ON a2.agent_key = f.to_agent_key
LEFT JOIN dim_work_item w ON w.work_item_key = f.work_item_key
LEFT JOIN dim_session s ON s.session_key = f.session_key;

CREATE OR REPLACE VIEW v_conflict_history AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id, f.conflict_id,
       w.work_id, w.work_type, w.target_path, w.description, fl.file_path,
       a1.agent_name AS agent1_name, a1.agent_type AS agent1_type, a1.system_prompt_hash AS agent1_prompt_hash,
       a2.agent_name AS agent2_name, a2.agent_type AS agent2_type, a2.system_prompt_hash AS agent2_prompt_hash,
       s1.session_id AS session1, s2.session_id AS session2,
       f.conflict_type, f.first_edit_at, f.second_edit_at, f.resolution, f.resolved_at, f.attributes
FROM fact_conflict f
LEFT JOIN dim_work_item w ON w.work_item_key = f.work_item_key
LEFT JOIN dim_file fl ON fl.file_key = f.file_key
LEFT JOIN dim_agent a1 ON a1.agent_key = f.agent1_key
LEFT JOIN dim_agent a2 ON a2.agent_key = f.agent2_key
LEFT JOIN dim_session s1 ON s1.session_key = f.session1_key
LEFT JOIN dim_session s2 ON s2.session_key = f.session2_key;

-- One row per conflict, the latest state (a resolution is a later fact with the same conflict id).
CREATE OR REPLACE VIEW v_conflicts AS
SELECT conflict_id, first_value(occurred_at) OVER w AS detected_at, work_id, file_path AS target_path,
       agent1_name AS agent1, agent2_name AS agent2, session1, session2, conflict_type, first_edit_at,
       second_edit_at, resolution, resolved_at, event_id, attributes
FROM v_conflict_history
WINDOW w AS (PARTITION BY conflict_id ORDER BY occurred_at, recorded_at)
QUALIFY row_number() OVER (PARTITION BY conflict_id ORDER BY occurred_at DESC, recorded_at DESC) = 1;

-- Edits of the same file by two different sessions (or two different agents) within 30 minutes of each
-- other, found in core's file modifications: the raw material of file_edit conflicts.
CREATE OR REPLACE VIEW v_file_edit_overlaps AS
SELECT m1.file_path AS target_path,
       m1.session_id AS session1, m2.session_id AS session2,
       m1.agent_name AS agent1, m2.agent_name AS agent2,
       m1.event_id AS first_event_id, m2.event_id AS second_event_id,
       m1.occurred_at AS first_edit_at, m2.occurred_at AS second_edit_at
FROM v_file_modifications m1
JOIN v_file_modifications m2
  ON m2.file_path = m1.file_path
 AND m2.occurred_at >= m1.occurred_at
 AND m2.occurred_at <= m1.occurred_at + INTERVAL 30 MINUTE
 AND m2.event_id <> m1.event_id
 AND (coalesce(m2.session_id, '') <> coalesce(m1.session_id, '')
      OR coalesce(m2.agent_name, '') <> coalesce(m1.agent_name, ''))
WHERE NOT m1.is_superseded AND NOT m2.is_superseded;

CREATE OR REPLACE VIEW v_flag_notices AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id,
       f.event_id IN (SELECT supersedes_event_id FROM fact_flag WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       s.session_id, a.agent_name AS source_agent_name, a.agent_type AS source_agent_type,
       a.system_prompt_hash AS source_agent_prompt_hash, f.flag_type, f.source_module, f.affected_modules,
       f.change_description, f.action_required, f.impact_level, f.related_files, f.code_location,
       f.example_usage, f.context, f.notes, f.attributes
FROM fact_flag f
LEFT JOIN dim_session s ON s.session_key = f.session_key
LEFT JOIN dim_agent a ON a.agent_key = f.source_agent_key;

CREATE OR REPLACE VIEW v_flag_status_history AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id, f.flag_id, f.module_name,
       a.agent_name, a.agent_type, a.system_prompt_hash, f.status, f.notes, f.attributes
FROM fact_flag_status f
LEFT JOIN dim_agent a ON a.agent_key = f.agent_key;

-- A flag's current status per affected module (pending when none was recorded yet).
CREATE OR REPLACE VIEW v_flag_module_status AS
WITH latest AS (
    SELECT * FROM v_flag_status_history
    QUALIFY row_number() OVER (PARTITION BY flag_id, coalesce(module_name, '') ORDER BY occurred_at DESC, recorded_at DESC) = 1),
affected AS (
    SELECT event_id AS flag_id, unnest(CAST(affected_modules AS VARCHAR[])) AS module_name
    FROM v_flag_notices WHERE NOT is_superseded)
SELECT af.flag_id, af.module_name, l.agent_name, coalesce(l.status, 'pending') AS status, l.notes,
       l.occurred_at AS status_at
FROM affected af
LEFT JOIN latest l ON l.flag_id = af.flag_id AND l.module_name = af.module_name;

-- The reference's FLAGS table: one row per flag, every column. status: a status recorded for the flag as a
-- whole (module_name NULL) wins; otherwise the least advanced status of its affected modules (skipped counts
-- as done; all skipped is skipped). completed_at: when the last module completed; completed_by: who did.
CREATE OR REPLACE VIEW v_flags AS
WITH per_module AS (
    SELECT flag_id,
           min(CASE status WHEN 'pending' THEN 0 WHEN 'acknowledged' THEN 1 WHEN 'in_progress' THEN 2 ELSE 3 END) AS least_rank,
           bool_and(status = 'skipped') AS all_skipped,
           max(status_at) AS last_status_at,
           string_agg(DISTINCT agent_name, ',' ORDER BY agent_name) FILTER (WHERE status = 'completed') AS completed_by
    FROM v_flag_module_status GROUP BY flag_id),
whole AS (
    SELECT flag_id, status, occurred_at, agent_name FROM v_flag_status_history WHERE module_name IS NULL
    QUALIFY row_number() OVER (PARTITION BY flag_id ORDER BY occurred_at DESC, recorded_at DESC) = 1),
ack AS (SELECT flag_id, min(occurred_at) AS acknowledged_at FROM v_flag_status_history
        WHERE status <> 'pending' GROUP BY flag_id)
SELECT f.event_id AS flag_id, f.session_id, f.flag_type, f.source_module, f.source_agent_name AS source_agent,
       f.affected_modules, f.change_description, f.action_required, f.impact_level,
       coalesce(wh.status,
                CASE WHEN pm.all_skipped THEN 'skipped'
                     ELSE ['pending', 'acknowledged', 'in_progress', 'completed'][coalesce(pm.least_rank, 0) + 1] END) AS status,
       f.related_files, f.code_location, f.example_usage, f.context, f.occurred_at AS created_at,
       ack.acknowledged_at,
       CASE WHEN wh.status = 'completed' THEN wh.occurred_at
            WHEN wh.status IS NULL AND pm.least_rank = 3 THEN pm.last_status_at END AS completed_at,
       coalesce(CASE WHEN wh.status = 'completed' THEN wh.agent_name END, pm.completed_by) AS completed_by,
       f.notes, f.attributes
FROM v_flag_notices f
LEFT JOIN per_module pm ON pm.flag_id = f.event_id
LEFT JOIN whole wh ON wh.flag_id = f.event_id
LEFT JOIN ack ON ack.flag_id = f.event_id
WHERE NOT f.is_superseded;

CREATE OR REPLACE VIEW v_todo_versions AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id, f.todo_id, f.parent_todo_id,
       s.session_id, a.agent_name, a.agent_type, a.system_prompt_hash, f.task, f.priority, f.category, f.module,
       f.position, f.due_at, f.start_at, f.reminder_at, f.estimated_hours, f.tags, f.related_files, f.created_by,
       f.is_auto_created, f.is_ai_suggested, f.context, f.attributes
FROM fact_todo f
LEFT JOIN dim_session s ON s.session_key = f.session_key
LEFT JOIN dim_agent a ON a.agent_key = f.agent_key;

CREATE OR REPLACE VIEW v_todo_status_history AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id, f.todo_id,
       a.agent_name, a.agent_type, a.system_prompt_hash, a.agent_name AS updated_by,
       f.status, f.actual_hours, f.blocked_reason, f.attributes
FROM fact_todo_status f
LEFT JOIN dim_agent a ON a.agent_key = f.agent_key;

CREATE OR REPLACE VIEW v_todo_dependency_history AS
SELECT event_id, occurred_at, recorded_at, supersedes_event_id, todo_id, blocked_by_todo_id, is_removed, attributes
FROM fact_todo_dependency;

CREATE OR REPLACE VIEW v_todo_assignment_history AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id, f.todo_id,
       a.agent_name AS assignee_name, a.agent_type AS assignee_type, a.system_prompt_hash AS assignee_prompt_hash,
       d.agent_name AS delegated_by_name, d.agent_type AS delegated_by_type,
       d.system_prompt_hash AS delegated_by_prompt_hash, f.via, f.attributes
FROM fact_todo_assignment f
LEFT JOIN dim_agent a ON a.agent_key = f.assignee_agent_key
LEFT JOIN dim_agent d ON d.agent_key = f.delegated_by_agent_key;

-- The dependencies in force: the latest fact per pair, unless it removed the dependency.
CREATE OR REPLACE VIEW v_todo_dependencies AS
SELECT todo_id, blocked_by_todo_id
FROM fact_todo_dependency
QUALIFY row_number() OVER (PARTITION BY todo_id, blocked_by_todo_id ORDER BY occurred_at DESC, recorded_at DESC) = 1
    AND NOT is_removed;

-- The reference's TODOS table: the current version, status, assignment, dependencies and subtask counts.
CREATE OR REPLACE VIEW v_todos AS
WITH def AS (
    SELECT * FROM fact_todo
    QUALIFY row_number() OVER (PARTITION BY todo_id ORDER BY occurred_at DESC, recorded_at DESC) = 1),
first AS (SELECT todo_id, min(occurred_at) AS created_at FROM fact_todo GROUP BY todo_id),
st AS (
    SELECT todo_id, arg_max(status, (occurred_at, recorded_at)) AS status,
           arg_max(updated_by, (occurred_at, recorded_at)) AS updated_by,
           max(occurred_at) AS status_at,
           min(occurred_at) FILTER (WHERE status = 'in_progress') AS started_at,
           max(occurred_at) FILTER (WHERE status = 'completed') AS completed_at,
           arg_max(updated_by, occurred_at) FILTER (WHERE status = 'completed') AS completed_by,
           arg_max(actual_hours, (occurred_at, recorded_at)) FILTER (WHERE actual_hours IS NOT NULL) AS actual_hours,
           arg_max(blocked_reason, (occurred_at, recorded_at)) AS blocked_reason
    FROM v_todo_status_history GROUP BY todo_id),
asg AS (
    SELECT todo_id, assignee_name AS assigned_to, delegated_by_name AS delegated_by, via
    FROM v_todo_assignment_history
    QUALIFY row_number() OVER (PARTITION BY todo_id ORDER BY occurred_at DESC, recorded_at DESC) = 1),
sub AS (SELECT parent_todo_id AS todo_id, count(*) AS subtasks_total FROM def
        WHERE parent_todo_id IS NOT NULL GROUP BY parent_todo_id),
deps AS (SELECT todo_id, list(blocked_by_todo_id ORDER BY blocked_by_todo_id) AS dependencies
         FROM v_todo_dependencies GROUP BY todo_id)
SELECT d.todo_id, d.parent_todo_id, d.task, d.priority, coalesce(st.status, 'pending') AS status,
       d.due_at, fi.created_at, st.completed_at, s.session_id, a.agent_name AS agent_name,
       asg.assigned_to, asg.delegated_by, asg.via AS assigned_via,
       d.estimated_hours,
       coalesce(st.actual_hours, CASE WHEN st.completed_at IS NOT NULL AND st.started_at IS NOT NULL
           THEN date_diff('second', st.started_at, st.completed_at) / 3600.0 END) AS actual_hours,
       coalesce(d.start_at, st.started_at) AS start_at, d.reminder_at, d.category, d.module, d.tags,
       coalesce(deps.dependencies, []) AS dependencies, d.created_by,
       greatest(d.occurred_at, st.status_at) AS updated_at, st.updated_by, st.completed_by, d.related_files,
       coalesce(sub.subtasks_total, 0) AS subtasks_total,
       d.position, st.blocked_reason, d.is_auto_created, d.is_ai_suggested, d.context, d.attributes
FROM def d
JOIN first fi ON fi.todo_id = d.todo_id
LEFT JOIN st ON st.todo_id = d.todo_id
LEFT JOIN asg ON asg.todo_id = d.todo_id
LEFT JOIN deps ON deps.todo_id = d.todo_id
LEFT JOIN sub ON sub.todo_id = d.todo_id
LEFT JOIN dim_session s ON s.session_key = d.session_key
LEFT JOIN dim_agent a ON a.agent_key = d.agent_key;

CREATE OR REPLACE VIEW v_skill_invocations AS
SELECT f.event_id, f.occurred_at, f.occurred_at AS invoked_at, f.recorded_at, f.supersedes_event_id,
       f.event_id IN (SELECT supersedes_event_id FROM fact_skill_invocation WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       s.session_id, a.agent_name, a.agent_type, a.system_prompt_hash,
       c.component_name AS skill_name, c.file_path AS skill_path, f.invoked_by, f.completed_at, f.is_success,
       f.actions_taken, f.arguments, f.attributes
FROM fact_skill_invocation f
JOIN dim_component c ON c.component_key = f.component_key
LEFT JOIN dim_session s ON s.session_key = f.session_key
LEFT JOIN dim_agent a ON a.agent_key = f.agent_key;

CREATE OR REPLACE VIEW v_session_intent_history AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id,
       f.event_id IN (SELECT supersedes_event_id FROM fact_session_intent WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       s.session_id, a.agent_name, a.agent_type, a.system_prompt_hash, i.intent_hash, i.categorized_as,
       i.intent_text, f.is_achieved, f.achieved_at, f.attributes
FROM fact_session_intent f
JOIN dim_user_intent i ON i.user_intent_key = f.user_intent_key
LEFT JOIN dim_session s ON s.session_key = f.session_key
LEFT JOIN dim_agent a ON a.agent_key = f.agent_key;

-- The reference's fact_session_intent: one row per stated intent, achieved or not.
CREATE OR REPLACE VIEW v_session_intents AS
SELECT event_id, occurred_at AS stated_at, session_id, agent_name, intent_hash, categorized_as, intent_text,
       coalesce(is_achieved, false) AS is_achieved, achieved_at, attributes
FROM v_session_intent_history
WHERE NOT is_superseded;

-- Agent teams: every idle of a teammate as recorded (the fact type's view).
CREATE OR REPLACE VIEW v_teammate_idle_history AS
SELECT f.event_id, f.occurred_at, f.occurred_at AS idle_at, f.recorded_at, f.supersedes_event_id,
       f.event_id IN (SELECT supersedes_event_id FROM fact_teammate_idle WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       s.session_id, a.agent_name, a.agent_type, a.system_prompt_hash, a.agent_name AS teammate_name,
       f.team_name, f.is_work_suggested, f.suggested_work, f.attributes
FROM fact_teammate_idle f
JOIN dim_agent a ON a.agent_key = f.agent_key
LEFT JOIN dim_session s ON s.session_key = f.session_key;

-- Agent teams: each idle of a teammate, and when it was active again: its next handoff or message sent, work
-- status or assignment step, or its next idle, whichever came first (null while it is still idle).
-- An idle seen both in a transcript (idle_notification) and by the hook within 10 seconds is one idle.
CREATE OR REPLACE VIEW v_teammate_idle AS
WITH activity AS (
    SELECT from_agent_key AS agent_key, occurred_at, false AS is_idle FROM fact_agent_handoff
    UNION ALL SELECT agent_key, occurred_at, false FROM fact_work_status WHERE agent_key IS NOT NULL
    UNION ALL SELECT agent_key, occurred_at, false FROM fact_work_assignment
    UNION ALL SELECT agent_key, occurred_at, true FROM fact_teammate_idle
)
SELECT f.event_id, f.occurred_at AS idle_at, f.recorded_at, s.session_id, a.agent_name AS teammate_name,
       f.team_name, f.is_work_suggested, f.suggested_work,
       (SELECT min(x.occurred_at) FROM activity x
        WHERE x.agent_key = f.agent_key AND x.occurred_at > f.occurred_at
          AND (NOT x.is_idle OR x.occurred_at > f.occurred_at + INTERVAL 10 SECOND)) AS active_again_at,
       f.attributes
FROM fact_teammate_idle f
JOIN dim_agent a ON a.agent_key = f.agent_key
LEFT JOIN dim_session s ON s.session_key = f.session_key
WHERE f.event_id NOT IN (SELECT supersedes_event_id FROM fact_teammate_idle WHERE supersedes_event_id IS NOT NULL)
  -- the idle notification a transcript holds and the TeammateIdle hook of the same idle: the hook's row is kept
  AND NOT (f.attributes->>'seen_in' = 'transcript' AND EXISTS (
      SELECT 1 FROM fact_teammate_idle h
      WHERE h.agent_key = f.agent_key AND h.attributes->>'seen_in' = 'hook'
        AND abs(epoch(h.occurred_at) - epoch(f.occurred_at)) <= 10));
