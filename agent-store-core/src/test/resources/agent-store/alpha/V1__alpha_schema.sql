CREATE TABLE dim_alpha (
    alpha_key     BIGINT      NOT NULL PRIMARY KEY,
    alpha_name    VARCHAR     NOT NULL,
    first_seen_at TIMESTAMPTZ NOT NULL
);
