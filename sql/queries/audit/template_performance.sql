-- Which templates produce the best responses (use case 8, "prompt engineering"): uses, average response
-- length, average latency, and the share of prompts with a thumbs-up.
-- Parameters: $1 = template name, or NULL for every template.
WITH up AS (
    SELECT DISTINCT coalesce(f.prompt_event_id, r.prompt_event_id) AS prompt_event_id
    FROM v_prompt_feedback f
    LEFT JOIN v_responses r ON r.event_id = f.response_event_id
    WHERE NOT f.is_superseded AND f.feedback_type = 'thumbs_up'
)
SELECT pr.template_name,
       count(*) AS uses,
       avg(length(pr.response_text)) AS avg_response_length,
       avg(pr.latency_ms) AS avg_latency_ms,
       CAST(count(up.prompt_event_id) AS DOUBLE) / count(*) AS satisfaction
FROM v_prompt_responses pr
LEFT JOIN up ON up.prompt_event_id = pr.prompt_event_id
WHERE pr.template_name IS NOT NULL
  AND ($1 IS NULL OR pr.template_name = $1)
GROUP BY pr.template_name
ORDER BY satisfaction DESC, pr.template_name;
