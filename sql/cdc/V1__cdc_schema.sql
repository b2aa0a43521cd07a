-- agent-store cdc schema, version 1: change data capture of what an agent's work depends on (docs, git
-- repositories, API contracts, schemas, configs, services, package manifests), use case 6 of the reference and
-- the skill-maintainer model it generalises.
-- Conventions as in core: dimensions get their surrogate key from the writer; facts and bridges are
-- append-only, without primary or foreign keys, start with the envelope columns and end with attributes.
-- Enumerated VARCHAR columns list their values in a comment and are checked by the Java records.

-- A watched source, by name. Its type, location and schedule are registrations (fact_source_registration).
CREATE TABLE dim_source (
    source_key    BIGINT      NOT NULL PRIMARY KEY,
    source_name   VARCHAR     NOT NULL,
    first_seen_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX ux_dim_source_natural ON dim_source (source_name);

-- A page of a source: a URL of a docs site, a file of a folder or repository.
CREATE TABLE dim_page (
    page_key      BIGINT      NOT NULL PRIMARY KEY,
    source_name   VARCHAR     NOT NULL,
    page_url      VARCHAR     NOT NULL,
    first_seen_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX ux_dim_page_natural ON dim_page (source_name, page_url);

-- Something components depend on: an API, a database schema, a package, a service, an env var.
CREATE TABLE dim_dependency (
    dependency_key  BIGINT      NOT NULL PRIMARY KEY,
    dependency_name VARCHAR     NOT NULL,
    dependency_type VARCHAR,                    -- 'api_endpoint', 'db_schema', 'package', 'external_service', ...
    spec_url        VARCHAR,
    owner           VARCHAR,
    first_seen_at   TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX ux_dim_dependency_natural ON dim_dependency (dependency_name);

-- A source registered (or re-registered with a new location or schedule, or retired): the latest wins.
CREATE TABLE fact_source_registration (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    source_key          BIGINT      NOT NULL,
    source_type         VARCHAR     NOT NULL,   -- 'docs', 'git', 'api', 'schema', 'config', 'service', 'package'
    location            VARCHAR     NOT NULL,   -- an http(s) URL or a local path; never credentials
    schedule_minutes    BIGINT      NOT NULL,   -- a check is due this long after the previous one
    dependency_key      BIGINT,                 -- the dependency the source describes, or NULL
    is_active           BOOLEAN     NOT NULL,
    attributes          JSON
);

-- One check of a source (or of one page of it): recorded whether or not anything changed.
CREATE TABLE fact_watermark_check (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    source_key          BIGINT      NOT NULL,
    page_key            BIGINT,
    checker             VARCHAR     NOT NULL,   -- 'http', 'file', 'git'
    http_status         BIGINT,
    last_modified       VARCHAR,                -- the Last-Modified header as sent
    etag                VARCHAR,
    content_hash        VARCHAR,                -- sha-256 of the content (a folder: of its files)
    version             VARCHAR,                -- a git commit, when the checker has one
    is_available        BOOLEAN     NOT NULL,
    is_changed          BOOLEAN     NOT NULL,
    duration_ms         BIGINT,
    error               VARCHAR,
    snapshot            VARCHAR,                -- the content when it changed and a differ reads it, else NULL
    attributes          JSON
);

-- One check of a dependency: available, version, latency.
CREATE TABLE fact_dependency_check (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    dependency_key      BIGINT      NOT NULL,
    check_type          VARCHAR     NOT NULL,   -- 'api_call', 'schema_diff', 'config_parse', 'health_check', ...
    is_available        BOOLEAN     NOT NULL,
    version_detected    VARCHAR,
    response_time_ms    BIGINT,
    attributes          JSON
);

-- One classified change of a source: which differ and rule found it, what it touches, who it affects.
CREATE TABLE fact_change (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    source_key          BIGINT      NOT NULL,
    page_key            BIGINT,
    dependency_key      BIGINT,
    differ              VARCHAR     NOT NULL,   -- 'openapi', 'json_schema', 'sql_ddl', 'markdown', 'package',
                                                -- 'git', 'content'
    rule_id             VARCHAR     NOT NULL,   -- the rule that fired, see the module README
    classification      VARCHAR     NOT NULL,   -- 'BREAKING', 'ADDITIVE', 'COSMETIC'
    change_type         VARCHAR     NOT NULL,   -- 'endpoint_removed', 'field_added', 'column_dropped', ...
    subject             VARCHAR,                -- the path, endpoint, column, heading or package
    method              VARCHAR,                -- the HTTP method of an API change
    old_value           VARCHAR,
    new_value           VARCHAR,
    old_hash            VARCHAR,
    new_hash            VARCHAR,
    summary             VARCHAR     NOT NULL,
    affected_components JSON,                   -- JSON array of component names
    attributes          JSON
);

-- One validation of a skill by the skill-maintainer.
CREATE TABLE fact_skill_validation (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    component_key       BIGINT      NOT NULL,
    is_valid            BOOLEAN     NOT NULL,
    error_count         BIGINT      NOT NULL,
    warnings            JSON,                   -- JSON array of strings
    attributes          JSON
);

-- One attempt of the skill-maintainer to update a skill after a change.
CREATE TABLE fact_update_attempt (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    component_key       BIGINT      NOT NULL,
    mode                VARCHAR     NOT NULL,   -- 'auto', 'assisted', 'manual'
    status              VARCHAR     NOT NULL,   -- 'applied', 'failed', 'skipped', 'rolled_back'
    changes_applied     BIGINT      NOT NULL,
    backup_path         VARCHAR,
    attributes          JSON
);

-- The bridge between components and the dependencies they consume or provide (latest event per pair wins).
CREATE TABLE component_dependency_map (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    component_key       BIGINT      NOT NULL,
    dependency_key      BIGINT      NOT NULL,
    relationship_type   VARCHAR     NOT NULL,   -- 'consumes', 'provides', 'depends_on'
    is_active           BOOLEAN     NOT NULL,
    attributes          JSON
);

-- The bridge between skills (components) and the sources they are built from (latest event per pair wins).
CREATE TABLE skill_source_map (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    component_key       BIGINT      NOT NULL,
    source_key          BIGINT      NOT NULL,
    is_active           BOOLEAN     NOT NULL,
    attributes          JSON
);
