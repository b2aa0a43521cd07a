-- Which dependencies were down in the last hour (use case 6, "which APIs are down?")?
SELECT dependency_name, dependency_type, occurred_at AS checked_at, is_available, response_time_ms
FROM v_dependency_checks
WHERE NOT is_superseded AND occurred_at > agent_store_now() - INTERVAL 1 HOUR AND NOT is_available
ORDER BY occurred_at, dependency_name;
