-- The identity of this store: one row, created with the store (or on the first writing open of a store
-- made before this script), never changed. Exports name it in their manifest so that an incremental
-- export refuses a folder another store wrote.
CREATE TABLE agent_store_identity (
    is_singleton BOOLEAN     NOT NULL DEFAULT true PRIMARY KEY CHECK (is_singleton),
    store_id     UUID        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL
);

INSERT INTO agent_store_identity (is_singleton, store_id, created_at) VALUES (true, uuid(), now());
