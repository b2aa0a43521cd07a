-- agent-store tokens schema, version 2: the daily rollup of API calls that the cost and cache views read instead
-- of pricing every call on every query. One row per UTC day, model, agent and price version with the sums of the
-- calls that are not superseded. The writer keeps it in the same transaction as the facts (TokensModule registers
-- the statements with ModuleBinder.afterWrite): a batch of API calls adds its sums (and takes away those of the
-- calls it supersedes), a price change rebuilds it. agg_api_call_daily_state counts the fact_api_call rows it
-- reflects: when that differs from the table (rows erased, purged by retention or appended outside the writer),
-- the next writable open rebuilds it (TokensModule.onOpen), and so does every price change.
-- Until then (a read-only open of a file changed outside agent-store) the views compute the same rows from the raw
-- facts (tokens_api_call_days(), R__tokens_rollups.sql).
-- Not a fact table: no envelope, rows are updated in place.
CREATE TABLE agg_api_call_daily (
    day                   DATE           NOT NULL,  -- UTC day of occurred_at
    model_key             BIGINT         NOT NULL,
    agent_key             BIGINT,                   -- NULL: no agent
    model_price_key       BIGINT,                   -- the price version valid at the call; NULL: unpriced
    calls                 BIGINT         NOT NULL,
    input_tokens          BIGINT         NOT NULL,
    output_tokens         BIGINT         NOT NULL,
    cache_read_tokens     BIGINT         NOT NULL,
    cache_write_5m_tokens BIGINT         NOT NULL,
    cache_write_1h_tokens BIGINT         NOT NULL,
    cost_usd_sum              DECIMAL(38,12),           -- NULL when unpriced
    uncached_cost_usd_sum     DECIMAL(38,12),           -- without the prompt cache
    reported_calls        BIGINT         NOT NULL,  -- calls with a provider-reported cost
    reported_cost_usd_sum     DECIMAL(38,6)  NOT NULL   -- their sum (0 when none: read with reported_calls)
);

CREATE TABLE agg_api_call_daily_state (
    api_call_rows BIGINT NOT NULL  -- rows of fact_api_call the rollup reflects
);
INSERT INTO agg_api_call_daily_state VALUES (0);
-- An empty state table (lifecycle empties every agg_* table after an erase or a purge) means stale, too.
