-- Commands that look simple (no thinking budget, small average output) but ran on a model pricier than the
-- cheapest model used by any command run, with what the same runs would have cost on that cheapest model
-- (priced as of each run). The model-routing optimisation: send them to the cheap model.
-- Parameters: 1 = since (instant), 2 = the largest average output in tokens of a "simple" command.
WITH runs AS (
    SELECT *
    FROM v_command_runs
    WHERE NOT is_superseded
      AND occurred_at >= ?
      AND price_model_name IS NOT NULL
),
cheapest AS (
    SELECT p.model_name AS price_model_name, p.input_usd_per_token + p.output_usd_per_token AS unit_usd
    FROM (SELECT DISTINCT price_model_name FROM runs) r
    JOIN dim_model_price p ON p.model_name = r.price_model_name AND p.is_current
    ORDER BY unit_usd, p.model_name
    LIMIT 1
),
per_command AS (
    SELECT r.command, r.model_name, r.price_model_name,
           count(*) AS runs,
           avg(r.output_tokens) AS avg_output_tokens,
           max(coalesce(r.thinking_budget_tokens, 0)) AS max_thinking_budget_tokens,
           avg(CAST(r.is_success AS INTEGER)) AS success_rate,
           sum(r.cost_usd) AS cost_usd,
           sum(tokens_cost_usd(p, r.input_tokens, r.output_tokens, r.cache_read_tokens, r.cache_write_5m_tokens,
                               r.cache_write_1h_tokens)) AS cost_on_cheapest_usd
    FROM runs r
    CROSS JOIN cheapest ch
    LEFT JOIN dim_model_price p ON p.model_name = ch.price_model_name
        AND p.valid_from <= r.occurred_at AND (p.valid_to IS NULL OR r.occurred_at < p.valid_to)
    GROUP BY r.command, r.model_name, r.price_model_name
)
SELECT pc.command, pc.model_name, pc.runs, pc.avg_output_tokens, pc.success_rate, pc.cost_usd,
       ch.price_model_name AS cheapest_model, pc.cost_on_cheapest_usd,
       pc.cost_usd - pc.cost_on_cheapest_usd AS saving_usd
FROM per_command pc
CROSS JOIN cheapest ch
JOIN dim_model_price cur ON cur.model_name = pc.price_model_name AND cur.is_current
WHERE pc.price_model_name <> ch.price_model_name
  AND cur.input_usd_per_token + cur.output_usd_per_token > ch.unit_usd
  AND pc.max_thinking_budget_tokens = 0
  AND pc.avg_output_tokens <= ?
ORDER BY saving_usd DESC, pc.command, pc.model_name;
