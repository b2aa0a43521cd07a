-- report html: work items by current status (agents module), created in the range; not filtered by project.
-- Parameters of every html_*.sql query: 1 = IANA time zone of the days; 2 = first day or NULL; 3 = last day or NULL;
-- 4 = project or NULL for all. Days are local days in the time zone, as in report daily; the project is the one of
-- the fact's session (dim_session.project), as in report session.
WITH params AS (
    SELECT CAST(? AS VARCHAR) AS tz, CAST(? AS DATE) AS first_day, CAST(? AS DATE) AS last_day,
           CAST(? AS VARCHAR) AS project
)
SELECT w.status,
       count(*) AS items,
       count(DISTINCT w.work_type) AS work_types,
       min(w.created_at) AS first_created_at,
       max(w.created_at) AS last_created_at
FROM v_work_items w
CROSS JOIN params p
WHERE TRUE
  AND (p.first_day IS NULL OR CAST(timezone(p.tz, w.created_at) AS DATE) >= p.first_day)
  AND (p.last_day IS NULL OR CAST(timezone(p.tz, w.created_at) AS DATE) <= p.last_day)
GROUP BY 1
ORDER BY items DESC, status;
