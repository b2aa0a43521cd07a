CREATE TABLE dim_broken (broken_key BIGINT NOT NULL PRIMARY KEY, first_seen_at TIMESTAMPTZ NOT NULL);
CREATE TABLE dim_broken_too (this is not valid SQL);
