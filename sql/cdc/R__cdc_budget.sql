-- Skill-maintainer v_skill_budget: the current size of each skill's files by file type (the tokens module's
-- measurements), and whether the skill is over the reference's 4,000-token budget.
CREATE OR REPLACE VIEW v_skill_budget AS
WITH sizes AS (
    SELECT component_name, file_type, file_path, estimated_tokens, line_count
    FROM v_component_measurements
    WHERE NOT is_superseded AND component_type = 'skill'
    QUALIFY row_number() OVER (PARTITION BY component_name, file_path ORDER BY occurred_at DESC, recorded_at DESC, event_id) = 1
)
SELECT component_name AS skill_name, file_type, count(*) AS files, sum(line_count) AS line_count,
       sum(estimated_tokens) AS estimated_tokens,
       sum(sum(estimated_tokens)) OVER (PARTITION BY component_name) AS skill_tokens,
       sum(sum(estimated_tokens)) OVER (PARTITION BY component_name) > 4000 AS is_over_budget
FROM sizes
GROUP BY component_name, file_type;
