-- The otlp module's views. Metric points are read here only: no view that totals tokens or cost reads
-- fact_otlp_metric_point.

CREATE OR REPLACE VIEW v_otlp_metric_points AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id,
       f.event_id IN (SELECT supersedes_event_id FROM fact_otlp_metric_point WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       s.session_id, m.model_name, f.metric_name, f.metric_unit, f.metric_type, f.temporality, f.is_monotonic,
       f.metric_value, f.point_count, f.point_sum, f.start_at, f.service_name, f.resource_attributes, f.attributes
FROM fact_otlp_metric_point f
LEFT JOIN dim_session s ON s.session_key = f.session_key
LEFT JOIN dim_model m ON m.model_key = f.model_key;

-- One row per UTC day, metric, model and point type (the 'type' attribute: input, output, cacheRead, cacheCreation
-- for claude_code.token.usage; added, removed for lines_of_code): how many points, the total of delta sums and of
-- histogram sums (what the points measured that day), and the last value of gauges and cumulative sums.
CREATE OR REPLACE VIEW v_otlp_metric_daily AS
SELECT CAST(timezone('UTC', occurred_at) AS DATE) AS day,
       metric_name, metric_unit, metric_type, model_name,
       json_extract_string(attributes, '$.type') AS point_type,
       count(*) AS points,
       count(DISTINCT session_id) AS sessions,
       sum(CASE WHEN metric_type = 'sum' AND temporality = 'delta' THEN metric_value
                WHEN metric_type IN ('histogram', 'exponential_histogram', 'summary') THEN point_sum END) AS total,
       sum(point_count) AS measurements,
       arg_max(CASE WHEN metric_type = 'gauge' OR temporality = 'cumulative' THEN metric_value END, occurred_at) AS last_value
FROM v_otlp_metric_points
WHERE NOT is_superseded
GROUP BY ALL;
