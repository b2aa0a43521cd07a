-- report html: the tests that broke (passed on their previous execution, failed on this one), newest first.
-- Parameters of every html_*.sql query: 1 = IANA time zone of the days; 2 = first day or NULL; 3 = last day or NULL;
-- 4 = project or NULL for all. Days are local days in the time zone, as in report daily; the project is the one of
-- the fact's session (dim_session.project), as in report session.
WITH params AS (
    SELECT CAST(? AS VARCHAR) AS tz, CAST(? AS DATE) AS first_day, CAST(? AS DATE) AS last_day,
           CAST(? AS VARCHAR) AS project
)
SELECT g.class_name, g.test_name, g.broke_at, g.status, g.commit_sha, g.last_green_at,
       left(split_part(coalesce(g.failure_message, ''), chr(10), 1), 200) AS failure
FROM v_test_regressions g
CROSS JOIN params p
WHERE TRUE
  AND (p.first_day IS NULL OR CAST(timezone(p.tz, g.broke_at) AS DATE) >= p.first_day)
  AND (p.last_day IS NULL OR CAST(timezone(p.tz, g.broke_at) AS DATE) <= p.last_day)
ORDER BY g.broke_at DESC, g.class_name, g.test_name
LIMIT 200;
