-- get_quality_trend(component, days): per day, the validations and the quality measurements of a component
-- (or artifact path). Parameters: the component name, the number of days.
WITH v AS (
    SELECT date_trunc('day', occurred_at) AS day, count(*) AS validations, avg(is_valid::INTEGER) AS validation_pass_rate,
           avg(error_count) AS avg_errors
    FROM v_validations
    WHERE NOT is_superseded AND (component_name = $1 OR artifact_path = $1)
      AND occurred_at > agent_store_now() - to_days(CAST($2 AS INTEGER))
    GROUP BY ALL
), m AS (
    SELECT date_trunc('day', occurred_at) AS day, count(*) AS measurements, avg(is_passed::INTEGER) AS measurement_pass_rate,
           avg(score) AS avg_score
    FROM v_quality_measurements
    WHERE NOT is_superseded AND (component_name = $1 OR artifact_path = $1)
      AND occurred_at > agent_store_now() - to_days(CAST($2 AS INTEGER))
    GROUP BY ALL
)
SELECT coalesce(v.day, m.day) AS day, coalesce(v.validations, 0) AS validations, v.validation_pass_rate, v.avg_errors,
       coalesce(m.measurements, 0) AS measurements, m.measurement_pass_rate, m.avg_score
FROM v FULL JOIN m ON m.day = v.day
ORDER BY day;
