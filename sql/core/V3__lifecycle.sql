-- Store-wide data lifecycle (agent-store-lifecycle): erase, retention, merge. None of these tables holds erased
-- content: an erase keeps keyed hashes (HMAC-SHA256 with this store's secret) of what it erased, never ids or paths.

-- One row per erase (and per 'erase --forget'): what kind of scope, a keyed hash of its value, the rows removed by
-- table and the files beside the database that were rewritten, who ran it and when. status is 'deleted' once the
-- rows are gone and 'complete' once the file has been rewritten so that their bytes are gone too.
CREATE TABLE agent_store_erase_log (
    erase_id     UUID        NOT NULL PRIMARY KEY,
    scope_kind   VARCHAR     NOT NULL,          -- 'user', 'session', 'project' or 'forget'
    scope_hash   VARCHAR,                       -- keyed hash of the scope's value
    erased_at    TIMESTAMPTZ NOT NULL,
    erased_by    VARCHAR     NOT NULL,          -- os user @ host of the process that ran it
    status       VARCHAR     NOT NULL,          -- 'deleted', then 'complete'
    rows_erased  BIGINT      NOT NULL,
    counts       JSON        NOT NULL,          -- {"tables": {"fact_x": n, ...}, "files": {"hook-spool lines": n, ...}}
    completed_at TIMESTAMPTZ
);

-- The secret of the keyed hashes, created with this script; never leaves the store.
CREATE TABLE agent_store_erase_secret (
    is_singleton BOOLEAN NOT NULL DEFAULT true PRIMARY KEY CHECK (is_singleton),
    secret       VARCHAR NOT NULL
);
INSERT INTO agent_store_erase_secret (is_singleton, secret)
VALUES (true, replace(uuid()::VARCHAR || uuid()::VARCHAR, '-', ''));

-- The skip list: keyed hashes of erased session ids and transcript paths. The next ingest skips a transcript whose
-- path or session id hashes to one of these while the file still exists; 'erase --forget' empties it.
CREATE TABLE agent_store_erase_skip (
    key_hash VARCHAR     NOT NULL PRIMARY KEY,
    erase_id UUID        NOT NULL,
    added_at TIMESTAMPTZ NOT NULL
);

-- What remains of an erased fact that the audit hash chain had sealed: its table, id, recorded_at and the content
-- hash its chain link already holds, so that 'agent-store verify' still recomputes an intact chain.
CREATE TABLE agent_store_tombstone (
    fact_table       VARCHAR     NOT NULL,
    fact_event_id    UUID        NOT NULL,
    fact_recorded_at TIMESTAMPTZ NOT NULL,
    content_hash     VARCHAR     NOT NULL,
    erase_id         UUID        NOT NULL
);
CREATE UNIQUE INDEX ux_agent_store_tombstone ON agent_store_tombstone (fact_table, fact_event_id);

-- Retention: keep the facts of a table for N days (by occurred_at); older ones are archived to Parquet, read back
-- and counted, then purged.
CREATE TABLE agent_store_retention_policy (
    fact_table VARCHAR     NOT NULL PRIMARY KEY,
    keep_days  INTEGER     NOT NULL CHECK (keep_days > 0),
    set_at     TIMESTAMPTZ NOT NULL
);

-- One row per table per retention run: 'archived' when the archive file was written and read back with
-- archived_rows rows, 'purged' when those rows were deleted.
CREATE TABLE agent_store_retention_log (
    run_id        UUID        NOT NULL,
    fact_table    VARCHAR     NOT NULL,
    cutoff        TIMESTAMPTZ NOT NULL,
    archive_file  VARCHAR     NOT NULL,
    archived_rows BIGINT      NOT NULL,
    purged_rows   BIGINT,
    status        VARCHAR     NOT NULL,         -- 'archived', then 'purged'
    logged_at     TIMESTAMPTZ NOT NULL
);

-- The machine (store) a fact came from. This store's own row is created here; 'merge' adds one per other store.
CREATE TABLE dim_source_host (
    source_host_key BIGINT      NOT NULL PRIMARY KEY,
    store_id        UUID        NOT NULL,
    host_name       VARCHAR     NOT NULL,
    first_seen_at   TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX ux_dim_source_host_natural ON dim_source_host (store_id);
INSERT INTO dim_source_host (source_host_key, store_id, host_name, first_seen_at)
SELECT 1, store_id, 'local', created_at FROM agent_store_identity;

-- The source host of each merged fact (a fact without a row here was recorded by this store).
CREATE TABLE source_host_map (
    event_id        UUID   NOT NULL,
    fact_table      VARCHAR NOT NULL,
    source_host_key BIGINT NOT NULL
);
