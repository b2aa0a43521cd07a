-- Use case 3: which artifacts have never been validated (first seen more than 7 days ago)?
SELECT artifact_path, artifact_type, component_name, first_seen_at
FROM v_never_validated_artifacts
WHERE first_seen_at < agent_store_now() - INTERVAL 7 DAY
ORDER BY artifact_path;
