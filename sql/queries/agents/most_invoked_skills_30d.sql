-- Most-invoked skills over the last 30 days, by who invoked them (use case 5).
SELECT skill_name,
       count(*) AS invocations,
       count(*) FILTER (WHERE invoked_by = 'user') AS user_invoked,
       count(*) FILTER (WHERE invoked_by = 'agent') AS agent_invoked
FROM v_skill_invocations
WHERE invoked_at > agent_store_now() - INTERVAL 30 DAY
GROUP BY skill_name
ORDER BY invocations DESC, skill_name;
