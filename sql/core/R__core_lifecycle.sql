-- agent-store core views of the data lifecycle (agent-store-lifecycle): erase and retention logs, and the machine
-- each fact came from. Re-applied whenever this file changes.

-- The erases, newest first: scope kind, keyed hash, counts, who and when; never the erased values.
CREATE OR REPLACE VIEW v_erase_log AS
SELECT erase_id, scope_kind, scope_hash, erased_at, erased_by, status, rows_erased, counts, completed_at
FROM agent_store_erase_log
ORDER BY erased_at DESC;

-- The retention runs by table, newest first.
CREATE OR REPLACE VIEW v_retention_log AS
SELECT run_id, fact_table, cutoff, archive_file, archived_rows, purged_rows, status, logged_at
FROM agent_store_retention_log
ORDER BY logged_at DESC, fact_table;

-- Model API calls with the machine they came from: group by source_host for per-machine usage.
CREATE OR REPLACE VIEW v_api_calls_by_host AS
SELECT coalesce(h.host_name, l.host_name) AS source_host,
       a.event_id, a.occurred_at, a.session_key, a.model_key, m.model_name,
       a.input_tokens, a.output_tokens, a.cache_read_tokens, a.cache_write_5m_tokens, a.cache_write_1h_tokens
FROM fact_api_call a
LEFT JOIN dim_model m ON m.model_key = a.model_key
LEFT JOIN source_host_map s ON s.event_id = a.event_id AND s.fact_table = 'fact_api_call'
LEFT JOIN dim_source_host h ON h.source_host_key = s.source_host_key
CROSS JOIN (SELECT host_name FROM dim_source_host WHERE source_host_key = 1) l;

-- Token totals by machine and day.
CREATE OR REPLACE VIEW v_usage_by_host AS
SELECT source_host, CAST(occurred_at AS DATE) AS day, count(*) AS api_calls,
       sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens,
       sum(cache_read_tokens) AS cache_read_tokens,
       sum(cache_write_5m_tokens + cache_write_1h_tokens) AS cache_write_tokens
FROM v_api_calls_by_host
GROUP BY ALL
ORDER BY day, source_host;
