-- The provenance of merged audit facts: one row per 'agent-store merge' that brought facts in, written by the merge
-- in its own transaction (agent-store-lifecycle's StoreMerger, when this table exists) and sealed into this store's
-- hash chain with the merged facts (it is an audit fact: editing or removing it breaks the chain). It names the
-- source (store id, host name, file or folder), the head hash and length of the source's own chain when it was
-- merged (the merge verified that chain first), and what it added. Which fact came from which source:
-- v_audit_provenance (source_host_map and dim_source_host of core V3).
CREATE TABLE fact_audit_merge (
    event_id             UUID        NOT NULL,
    occurred_at          TIMESTAMPTZ NOT NULL,   -- when the merge ran
    recorded_at          TIMESTAMPTZ NOT NULL,
    supersedes_event_id  UUID,
    source_store_id      UUID        NOT NULL,
    source_host          VARCHAR     NOT NULL,   -- the name its facts are grouped under (dim_source_host)
    source_path          VARCHAR     NOT NULL,   -- the .duckdb file or export folder merged
    source_chain_head    VARCHAR     NOT NULL,   -- chain hash of the source's last link; 64 zeros when none
    source_chain_links   BIGINT      NOT NULL,   -- links of the source's chain
    audit_facts_added    BIGINT      NOT NULL,   -- audit facts (prompts, responses, feedback, ...) added
    facts_added          JSON        NOT NULL,   -- facts added, by table
    attributes           JSON
);
