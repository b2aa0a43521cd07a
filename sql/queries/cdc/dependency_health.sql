-- How is this dependency (parameter 1)? Its latest check, and its BREAKING changes in the 7 days before now.
SELECT c.occurred_at AS checked_at, c.check_type, c.is_available, c.version_detected, c.response_time_ms,
       (SELECT count(*) FROM v_changes ch
        WHERE NOT ch.is_superseded AND ch.dependency_name = c.dependency_name AND ch.classification = 'BREAKING'
          AND ch.occurred_at > agent_store_now() - INTERVAL 7 DAY) AS breaking_changes_7d
FROM v_dependency_checks c
WHERE NOT c.is_superseded AND c.dependency_name = ?
ORDER BY c.occurred_at DESC, c.recorded_at DESC
LIMIT 1;
