-- A component's size and use, for budget checks: its latest measured size, its average input per
-- invocation, its tokens over the 7 days up to an instant, and the cost allocated to it.
-- Parameters: $1 = component name, $2 = "now".
WITH usage AS (
    SELECT total_input_tokens, total_tokens, occurred_at
    FROM v_token_usage
    WHERE component_name = $1
      AND NOT is_superseded
)
SELECT (SELECT estimated_tokens FROM v_component_sizes WHERE component_name = $1) AS measured_tokens,
       (SELECT avg(total_input_tokens) FROM usage) AS avg_input_tokens,
       (SELECT coalesce(sum(total_tokens), 0) FROM usage
        WHERE occurred_at > CAST($2 AS TIMESTAMPTZ) - INTERVAL 7 DAY
          AND occurred_at <= CAST($2 AS TIMESTAMPTZ)) AS tokens_7d,
       (SELECT coalesce(sum(cost_usd), 0) FROM v_cost_allocations
        WHERE component_name = $1 AND NOT is_superseded) AS allocated_cost_usd;
