-- same script, two line-ending styles
CREATE TABLE dim_eol (
    eol_key BIGINT NOT NULL PRIMARY KEY,
    first_seen_at TIMESTAMPTZ NOT NULL
);
