-- Flags by affected module and status (list_flags): with a module, only flags that affect it and its own
-- status for them; without, every flag and its overall status. The most critical, then the oldest first.
-- Parameters: 1, 2, 3 = module or NULL; 4, 5 = status or NULL.
SELECT f.*, coalesce(m.status, f.status) AS module_status
FROM v_flags f
LEFT JOIN v_flag_module_status m ON m.flag_id = f.flag_id AND m.module_name = ?
WHERE (CAST(? AS VARCHAR) IS NULL OR list_contains(CAST(f.affected_modules AS VARCHAR[]), ?))
  AND (CAST(? AS VARCHAR) IS NULL OR coalesce(m.status, f.status) = ?)
ORDER BY CASE f.impact_level WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END,
         f.created_at, f.flag_id;
