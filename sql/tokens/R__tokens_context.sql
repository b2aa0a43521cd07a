-- agent-store tokens views and macros, context overflows: part of the stable, documented SQL contract of the
-- tokens schema. Re-applied whenever this file changes. Repeatable scripts run in the order
-- TokensModule.repeatables() lists them (prices, costs, windows, components, context, routing); a view here may
-- use the macros and views of the files before it. Like core, views call agent_store_now() instead of
-- current_timestamp.

------------------------------------------------------------------------------------------------------------
-- Context overflows
------------------------------------------------------------------------------------------------------------

CREATE OR REPLACE VIEW v_context_overflows AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id,
       f.event_id IN (SELECT supersedes_event_id FROM fact_context_overflow WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       s.session_id, a.agent_name, a.agent_type, a.system_prompt_hash,
       m.model_name, m.provider,
       w.max_input_tokens AS context_window_tokens,
       f.tokens_at_overflow, f.tokens_after, f.dropped_components,
       coalesce(json_array_length(f.dropped_components), 0) AS dropped_count,
       f.is_compaction_triggered, f.compaction_trigger,
       CASE WHEN w.max_input_tokens > 0 THEN CAST(f.tokens_at_overflow AS DOUBLE) / w.max_input_tokens END
           AS window_utilization,
       f.attributes
FROM fact_context_overflow f
LEFT JOIN dim_session s ON s.session_key = f.session_key
LEFT JOIN dim_agent a ON a.agent_key = f.agent_key
LEFT JOIN dim_model m ON m.model_key = f.model_key
LEFT JOIN dim_context_window w ON w.context_window_key = f.context_window_key;

-- How often the context overflows, per UTC day.
CREATE OR REPLACE VIEW v_overflow_frequency AS
SELECT tokens_utc_day(occurred_at) AS day,
       count(*) AS overflows,
       count(DISTINCT session_id) AS sessions,
       avg(tokens_at_overflow) AS avg_tokens_at_overflow,
       max(tokens_at_overflow) AS max_tokens_at_overflow,
       count(*) FILTER (WHERE is_compaction_triggered) AS compactions,
       sum(dropped_count) AS components_dropped
FROM v_context_overflows
WHERE NOT is_superseded
GROUP BY 1;

-- What gets dropped when the context overflows, most often first when ordered by times_dropped.
CREATE OR REPLACE VIEW v_dropped_components AS
WITH dropped AS (
    SELECT o.occurred_at, o.session_id, unnest(CAST(o.dropped_components AS VARCHAR[])) AS component_name
    FROM v_context_overflows o
    WHERE NOT o.is_superseded AND o.dropped_components IS NOT NULL
)
SELECT d.component_name, any_value(c.component_type) AS component_type,
       count(*) AS times_dropped,
       count(DISTINCT d.session_id) AS sessions,
       max(d.occurred_at) AS last_dropped_at
FROM dropped d
LEFT JOIN dim_component c ON c.component_name = d.component_name AND c.is_current
GROUP BY d.component_name;
