-- report html: test runs per local day with their pass rate (quality module; corrections applied). A run without
-- a session is kept whatever the project.
-- Parameters of every html_*.sql query: 1 = IANA time zone of the days; 2 = first day or NULL; 3 = last day or NULL;
-- 4 = project or NULL for all. Days are local days in the time zone, as in report daily; the project is the one of
-- the fact's session (dim_session.project), as in report session.
WITH params AS (
    SELECT CAST(? AS VARCHAR) AS tz, CAST(? AS DATE) AS first_day, CAST(? AS DATE) AS last_day,
           CAST(? AS VARCHAR) AS project
)
SELECT strftime(timezone(p.tz, r.occurred_at), '%Y-%m-%d') AS day,
       count(*) AS runs,
       count(*) FILTER (WHERE NOT r.is_green) AS red_runs,
       CAST(coalesce(sum(r.total_tests), 0) AS BIGINT) AS tests,
       CAST(coalesce(sum(r.passed), 0) AS BIGINT) AS passed,
       CAST(coalesce(sum(r.failed), 0) + coalesce(sum(r.errors), 0) AS BIGINT) AS failed,
       sum(r.passed)::DOUBLE / nullif(sum(r.total_tests), 0) AS pass_rate
FROM v_test_runs r
LEFT JOIN dim_session ds ON ds.session_id = r.session_id
CROSS JOIN params p
WHERE NOT r.is_superseded
  AND (p.first_day IS NULL OR CAST(timezone(p.tz, r.occurred_at) AS DATE) >= p.first_day)
  AND (p.last_day IS NULL OR CAST(timezone(p.tz, r.occurred_at) AS DATE) <= p.last_day)
  AND (p.project IS NULL OR r.session_id IS NULL OR ds.project = p.project)
GROUP BY 1
ORDER BY 1;
