-- A module with a fact table and no writer for it: the contract kit must refuse it.
CREATE TABLE fact_orphan (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    attributes          JSON
);
