-- After a writer batch with price changes: every call's price may have changed, so the rollup is rebuilt.
INSERT INTO agg_api_call_daily BY NAME SELECT * FROM tokens_api_call_daily_rows();
