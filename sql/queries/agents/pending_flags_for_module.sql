-- FLAGS discovery: pending flags that affect a module (the reference's
-- "SELECT * FROM flags WHERE status = 'pending' AND affected_modules LIKE '%my_module%'", matched exactly on
-- the module's name and on its own status). Parameter: 1 = module name (twice).
SELECT f.flag_id, f.flag_type, f.source_module, f.source_agent, f.change_description, f.action_required,
       f.impact_level, f.related_files, f.example_usage, f.created_at
FROM v_flags f
LEFT JOIN v_flag_module_status m ON m.flag_id = f.flag_id AND m.module_name = ?
WHERE list_contains(CAST(f.affected_modules AS VARCHAR[]), ?)
  AND coalesce(m.status, 'pending') = 'pending'
ORDER BY CASE f.impact_level WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END,
         f.created_at, f.flag_id;
