-- agent-store quality schema, version 1: quality metrics, artifacts, quality measurements, validations,
-- test runs and the test cases of each run, commits and the files each commit changed.
-- Conventions as in core: dimensions get their surrogate key from the writer; facts are append-only,
-- without primary or foreign keys, and start with the envelope columns and end with attributes.
-- Enumerated VARCHAR columns list their values in a comment and are checked by the Java records, not by
-- CHECK constraints (DuckDB 2.0.0.1's appender, reused after a flush, fails VARCHAR CHECKs wrongly).

-- A quality metric: what is measured and the score from which a measurement passes.
CREATE TABLE dim_quality_metric (
    quality_metric_key BIGINT      NOT NULL PRIMARY KEY,
    metric_name        VARCHAR     NOT NULL,
    metric_type        VARCHAR,                 -- 'validation', 'test', 'lint', 'coverage', 'user_feedback', ...
    pass_threshold     DOUBLE,                  -- a score >= this passes; NULL: the measurement says
    first_seen_at      TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX ux_dim_quality_metric_natural ON dim_quality_metric (metric_name);

-- Something whose quality is tracked: a skill, generated code, a document, a test suite. component_key
-- points at the core component it belongs to, when there is one.
CREATE TABLE dim_artifact (
    artifact_key  BIGINT      NOT NULL PRIMARY KEY,
    artifact_path VARCHAR     NOT NULL,
    artifact_type VARCHAR,                      -- 'skill', 'generated_code', 'documentation', 'test_suite', ...
    component_key BIGINT,
    first_seen_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX ux_dim_artifact_natural ON dim_artifact (artifact_path);

-- A test case: the class (or file, or describe block) and the name of the test.
CREATE TABLE dim_test_case (
    test_case_key BIGINT      NOT NULL PRIMARY KEY,
    class_name    VARCHAR     NOT NULL,         -- JUnit classname, pytest module.Class, Jest/Vitest file
    test_name     VARCHAR     NOT NULL,
    first_seen_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX ux_dim_test_case_natural ON dim_test_case (class_name, test_name);

-- One measurement of an artifact by a metric.
CREATE TABLE fact_quality_measurement (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    session_key         BIGINT,
    artifact_key        BIGINT,
    quality_metric_key  BIGINT      NOT NULL,
    measured_by         VARCHAR     NOT NULL,   -- 'skills-ref', 'pytest', 'ruff', 'user', ...
    score               DOUBLE,
    is_passed           BOOLEAN     NOT NULL,
    error_count         BIGINT,
    warning_count       BIGINT,
    details             JSON,                   -- the full error and warning messages
    attributes          JSON
);

-- One validation of a component (or artifact) by a validator.
CREATE TABLE fact_validation (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    session_key         BIGINT,
    component_key       BIGINT,
    artifact_key        BIGINT,
    validator_name      VARCHAR     NOT NULL,
    validator_version   VARCHAR,
    is_valid            BOOLEAN     NOT NULL,
    error_count         BIGINT      NOT NULL,
    warning_count       BIGINT      NOT NULL,
    errors              JSON,                   -- JSON array of the error messages
    warnings            JSON,                   -- JSON array of the warning messages
    trigger_type        VARCHAR,                -- 'manual', 'post_update', 'pre_commit', 'ci', 'hook'
    attributes          JSON
);

-- One test report: a JUnit XML file (Surefire, Failsafe, Gradle, pytest, ...), a Jest or Vitest JSON file,
-- or a run recorded through the facade. occurred_at is when the run started (the report's timestamp).
-- commit_sha is the commit the tests ran on and commit_rule how it was found: 'explicit' (given),
-- 'head_at_report_time' (the HEAD of the report's repository at the report's timestamp), NULL (unknown).
CREATE TABLE fact_test_run (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    session_key         BIGINT,
    artifact_key        BIGINT,
    framework           VARCHAR     NOT NULL,   -- 'junit', 'surefire', 'failsafe', 'gradle', 'pytest', 'jest', 'vitest', 'manual'
    total_tests         BIGINT      NOT NULL,
    passed              BIGINT      NOT NULL,
    failed              BIGINT      NOT NULL,   -- failures (assertions)
    errors              BIGINT      NOT NULL,   -- errors (unexpected exceptions)
    skipped             BIGINT      NOT NULL,
    flaky               BIGINT      NOT NULL,   -- passed only on a rerun
    duration_ms         BIGINT,
    exit_code           BIGINT,
    log_path            VARCHAR,
    report_path         VARCHAR,
    report_hash         VARCHAR,                -- SHA-256 of the report file: a file imported twice is one run
    repository          VARCHAR,
    commit_sha          VARCHAR,
    commit_rule         VARCHAR,                -- 'explicit', 'head_at_report_time', NULL
    attributes          JSON
);

-- One test case of a run: its outcome, duration and failure.
CREATE TABLE fact_test_case (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    test_run_id         UUID        NOT NULL,   -- event_id of the fact_test_run row
    test_case_key       BIGINT      NOT NULL,
    suite_name          VARCHAR,                -- the <testsuite> name, or the Jest/Vitest file
    status              VARCHAR     NOT NULL,   -- 'passed', 'failed', 'error', 'skipped'
    duration_ms         BIGINT,
    failure_type        VARCHAR,
    failure_message     VARCHAR,
    is_flaky            BOOLEAN     NOT NULL,   -- failed, then passed on a rerun
    rerun_count         BIGINT      NOT NULL,   -- reruns recorded (flaky or failing)
    attributes          JSON
);

-- One commit of a repository, read from `git log`. occurred_at is the committer time.
CREATE TABLE fact_commit (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    repository          VARCHAR     NOT NULL,   -- the repository's top-level folder
    commit_sha          VARCHAR     NOT NULL,
    parent_shas         JSON,                   -- JSON array
    author_name         VARCHAR,
    author_email        VARCHAR,
    authored_at         TIMESTAMPTZ,
    message             VARCHAR,
    files_changed       BIGINT      NOT NULL,
    lines_added         BIGINT      NOT NULL,
    lines_deleted       BIGINT      NOT NULL,
    attributes          JSON
);

-- The files a commit changed: the bridge between fact_commit and dim_file (absolute paths, as file
-- modifications store them). Binary files have NULL line counts.
CREATE TABLE commit_file_map (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    commit_sha          VARCHAR     NOT NULL,
    file_key            BIGINT      NOT NULL,
    relative_path       VARCHAR     NOT NULL,
    lines_added         BIGINT,
    lines_deleted       BIGINT,
    attributes          JSON
);
