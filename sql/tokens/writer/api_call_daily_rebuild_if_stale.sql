-- After api_call_daily_clear_if_stale.sql (parameter: the batch's recorded_at): rebuilds the emptied rollup.
INSERT INTO agg_api_call_daily BY NAME
SELECT * FROM tokens_api_call_daily_rows()
WHERE (SELECT api_call_rows FROM agg_api_call_daily_state)
      + (SELECT count(*) FROM fact_api_call WHERE recorded_at = CAST(? AS TIMESTAMPTZ))
      <> (SELECT count(*) FROM fact_api_call);
