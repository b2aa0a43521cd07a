-- report html: changes of watched dependencies per source (cdc module), the most BREAKING first, with the components
-- the BREAKING ones affect. Not filtered by project: a dependency belongs to components, not to sessions.
-- Parameters of every html_*.sql query: 1 = IANA time zone of the days; 2 = first day or NULL; 3 = last day or NULL;
-- 4 = project or NULL for all (unused here).
WITH params AS (
    SELECT CAST(? AS VARCHAR) AS tz, CAST(? AS DATE) AS first_day, CAST(? AS DATE) AS last_day,
           CAST(? AS VARCHAR) AS project
), changes AS (
    SELECT c.*
    FROM v_changes c
    CROSS JOIN params p
    WHERE NOT c.is_superseded
      AND (p.first_day IS NULL OR CAST(timezone(p.tz, c.occurred_at) AS DATE) >= p.first_day)
      AND (p.last_day IS NULL OR CAST(timezone(p.tz, c.occurred_at) AS DATE) <= p.last_day)
)
SELECT c.source_name,
       count(*) FILTER (WHERE c.classification = 'BREAKING') AS breaking,
       count(*) FILTER (WHERE c.classification = 'ADDITIVE') AS additive,
       count(*) FILTER (WHERE c.classification = 'COSMETIC') AS cosmetic,
       coalesce((SELECT string_agg(DISTINCT a.component, ', ' ORDER BY a.component)
                 FROM changes b, unnest(CAST(b.affected_components AS VARCHAR[])) AS a(component)
                 WHERE b.source_name = c.source_name AND b.classification = 'BREAKING'), '') AS affected_components,
       max(c.occurred_at) AS last_at
FROM changes c
GROUP BY c.source_name
ORDER BY breaking DESC, c.source_name
LIMIT 25;
