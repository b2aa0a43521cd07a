-- agent-store otlp schema, version 1: what the OTLP receiver keeps that no other module's facts hold. Append-only,
-- conventions as in core (the envelope columns first, attributes last, no primary or foreign keys).

-- One OpenTelemetry metric data point as the exporter sent it (Claude Code's claude_code.token.usage,
-- claude_code.cost.usage, claude_code.lines_of_code.count, ..., or another application's). A small fact of its own:
-- the views that total tokens and cost read fact_api_call only, so a point never counts what the API-call events of
-- the same requests already count.
CREATE TABLE fact_otlp_metric_point (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,   -- the point's time_unix_nano
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    session_key         BIGINT,                 -- session.id, when the point carries one
    model_key           BIGINT,                 -- model (Claude Code), gen_ai.response.model or gen_ai.request.model
    metric_name         VARCHAR     NOT NULL,
    metric_unit         VARCHAR,
    metric_type         VARCHAR     NOT NULL,   -- 'sum', 'gauge', 'histogram', 'exponential_histogram', 'summary'
    temporality         VARCHAR,                -- 'delta', 'cumulative' (sums and histograms)
    is_monotonic        BOOLEAN,                -- sums only
    metric_value        DOUBLE,                 -- a sum's or gauge's value (integer points too)
    point_count         BIGINT,                 -- a histogram's or summary's number of measurements
    point_sum           DOUBLE,                 -- their sum, when sent
    start_at            TIMESTAMPTZ,            -- start_time_unix_nano
    service_name        VARCHAR,
    resource_attributes JSON,
    attributes          JSON
);
