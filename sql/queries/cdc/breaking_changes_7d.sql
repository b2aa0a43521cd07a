-- Breaking changes in dependencies in the last 7 days (use case 6), with the rule that fired and who is affected.
SELECT dependency_name, source_name, occurred_at AS detected_at, rule_id, change_type, subject, method,
       affected_components
FROM v_changes
WHERE NOT is_superseded AND classification = 'BREAKING' AND occurred_at > agent_store_now() - INTERVAL 7 DAY
ORDER BY occurred_at, source_name, rule_id, subject;
