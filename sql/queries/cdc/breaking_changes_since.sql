-- BREAKING changes detected at or after an instant (parameter 1), oldest first: get_breaking_changes(since) and
-- the SessionStart summary.
SELECT occurred_at AS detected_at, source_name, dependency_name, differ, rule_id, change_type, subject, method,
       summary, affected_components
FROM v_changes
WHERE NOT is_superseded AND classification = 'BREAKING' AND occurred_at >= ?
ORDER BY occurred_at, source_name, rule_id, subject;
