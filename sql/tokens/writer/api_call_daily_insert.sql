-- After a writer batch with API calls (parameter: its recorded_at): the rows of its change that the rollup does
-- not have yet (api_call_daily_update.sql added the rest).
INSERT INTO agg_api_call_daily BY NAME
SELECT d.* FROM tokens_api_call_daily_delta(CAST(? AS TIMESTAMPTZ)) AS d
WHERE NOT EXISTS (
    SELECT 1 FROM agg_api_call_daily r
    WHERE r.day = d.day AND r.model_key = d.model_key AND r.agent_key = d.agent_key
      AND r.model_price_key = d.model_price_key);
