-- A module that redefines a view of core: the contract kit must refuse it.
CREATE TABLE dim_clash (clash_key BIGINT NOT NULL, name VARCHAR NOT NULL, first_seen_at TIMESTAMPTZ NOT NULL);
CREATE OR REPLACE VIEW v_tool_calls AS SELECT 1 AS one;
