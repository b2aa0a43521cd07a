-- agents module, V2: agent teams (Claude Code's experimental agent teams).
-- fact_agent_handoff.handoff_reason gains 'message' (a message between teammates; checked by the Java record).
-- A teammate went idle (the TeammateIdle hook), with the work the hook's answer suggested to it. The idle
-- period ends at the teammate's next recorded activity (v_teammate_idle).
CREATE TABLE fact_teammate_idle (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,  -- idle since
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    session_key         BIGINT,
    agent_key           BIGINT      NOT NULL,  -- the teammate
    team_name           VARCHAR,
    is_work_suggested   BOOLEAN,               -- null: the hook did not answer
    suggested_work      JSON,                  -- work ids, best first
    attributes          JSON
);
