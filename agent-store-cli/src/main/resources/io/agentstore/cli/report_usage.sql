-- Token usage and cost per period and model, for `agent-store report daily|weekly|monthly|session`.
-- Parameters: 1 = IANA time zone for days, weeks and months; 2 = 'daily', 'weekly', 'monthly' or 'session';
-- 3, 4 = first day or NULL (twice); 5, 6 = last day or NULL (twice); 7, 8 = project or NULL for all (twice). Cost comes from the tokens module's
-- price table (NULL for a model it does not know); corrected calls are left out. Each row also carries the
-- session id and project of its calls (for a sub-agent transcript, its parent session's).
WITH calls AS (
    SELECT c.*,
           timezone(?, c.occurred_at) AS local_at,
           coalesce(json_extract_string(c.attributes, '$.transcript'), c.session_id, '(no session)') AS transcript,
           ds.project
    FROM v_api_call_costs c
    LEFT JOIN dim_session ds ON ds.session_id = c.session_id
    WHERE NOT c.is_superseded
),
keyed AS (
    SELECT *,
           CASE ?
               WHEN 'daily' THEN strftime(local_at, '%Y-%m-%d')
               WHEN 'weekly' THEN strftime(date_trunc('week', local_at), '%Y-%m-%d')
               WHEN 'monthly' THEN strftime(local_at, '%Y-%m')
               ELSE transcript
           END AS period
    FROM calls
)
SELECT period, model_name,
       count(*) AS calls,
       CAST(sum(input_tokens) AS BIGINT) AS input_tokens,
       CAST(sum(output_tokens) AS BIGINT) AS output_tokens,
       CAST(sum(cache_write_tokens) AS BIGINT) AS cache_creation_tokens,
       CAST(sum(cache_read_tokens) AS BIGINT) AS cache_read_tokens,
       CAST(sum(total_tokens) AS BIGINT) AS total_tokens,
       sum(cost_usd) AS cost_usd,
       count(*) FILTER (WHERE NOT is_priced) AS unpriced_calls,
       min(occurred_at) AS first_activity,
       max(occurred_at) AS last_activity,
       any_value(session_id) AS session_id,
       any_value(project) AS project
FROM keyed
WHERE (CAST(? AS DATE) IS NULL OR CAST(local_at AS DATE) >= CAST(? AS DATE))
  AND (CAST(? AS DATE) IS NULL OR CAST(local_at AS DATE) <= CAST(? AS DATE))
  AND (CAST(? AS VARCHAR) IS NULL OR project = CAST(? AS VARCHAR))
GROUP BY period, model_name
ORDER BY period, model_name;
