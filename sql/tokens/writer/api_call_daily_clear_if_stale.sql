-- After a writer batch with API calls (parameter: its recorded_at): when the rollup did not reflect every API call
-- stored before the batch (rows erased, purged or appended outside the writer), it is emptied and rebuilt
-- (api_call_daily_rebuild_if_stale.sql, the same condition: the state row changes only after both).
DELETE FROM agg_api_call_daily
WHERE (SELECT api_call_rows FROM agg_api_call_daily_state)
      + (SELECT count(*) FROM fact_api_call WHERE recorded_at = CAST(? AS TIMESTAMPTZ))
      <> (SELECT count(*) FROM fact_api_call);
