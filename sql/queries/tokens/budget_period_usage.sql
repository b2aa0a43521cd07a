-- Usage between two instants, for budget checks: calls, tokens, the derived cost of the priced calls, how
-- many calls had no price, and the first and last call.
-- Parameters: 1 = start (inclusive), 2 = end (exclusive).
SELECT count(*) AS calls,
       coalesce(sum(total_tokens), 0) AS total_tokens,
       coalesce(sum(cost_usd), 0) AS cost_usd,
       count(*) FILTER (WHERE NOT is_priced) AS unpriced_calls,
       min(occurred_at) AS first_call_at,
       max(occurred_at) AS last_call_at
FROM v_api_call_costs
WHERE NOT is_superseded
  AND occurred_at >= ?
  AND occurred_at < ?;
