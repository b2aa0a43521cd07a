-- cdc views: one read-back view per fact table and bridge, then the skill-maintainer's views
-- (v_latest_watermark, v_latest_page_hash, v_latest_source_check, v_skill_freshness), the use case 6 views
-- (v_schema_changes, v_api_contract_changes) and the due sources.

CREATE OR REPLACE VIEW v_source_registrations AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id,
       f.event_id IN (SELECT supersedes_event_id FROM fact_source_registration WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       s.source_name, f.source_type, f.location, f.schedule_minutes, d.dependency_name, f.is_active, f.attributes
FROM fact_source_registration f
JOIN dim_source s ON s.source_key = f.source_key
LEFT JOIN dim_dependency d ON d.dependency_key = f.dependency_key;

CREATE OR REPLACE VIEW v_watermark_checks AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id,
       f.event_id IN (SELECT supersedes_event_id FROM fact_watermark_check WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       s.source_name, p.page_url, f.checker, f.http_status, f.last_modified, f.etag, f.content_hash, f.version,
       f.is_available, f.is_changed, f.duration_ms, f.error, f.snapshot, f.attributes
FROM fact_watermark_check f
JOIN dim_source s ON s.source_key = f.source_key
LEFT JOIN dim_page p ON p.page_key = f.page_key;

CREATE OR REPLACE VIEW v_dependency_checks AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id,
       f.event_id IN (SELECT supersedes_event_id FROM fact_dependency_check WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       d.dependency_name, d.dependency_type, f.check_type, f.is_available, f.version_detected, f.response_time_ms,
       f.attributes
FROM fact_dependency_check f
JOIN dim_dependency d ON d.dependency_key = f.dependency_key;

CREATE OR REPLACE VIEW v_changes AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id,
       f.event_id IN (SELECT supersedes_event_id FROM fact_change WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       s.source_name, p.page_url, d.dependency_name, f.differ, f.rule_id, f.classification, f.change_type,
       f.subject, f.method, f.old_value, f.new_value, f.old_hash, f.new_hash, f.summary, f.affected_components,
       f.attributes
FROM fact_change f
JOIN dim_source s ON s.source_key = f.source_key
LEFT JOIN dim_page p ON p.page_key = f.page_key
LEFT JOIN dim_dependency d ON d.dependency_key = f.dependency_key;

CREATE OR REPLACE VIEW v_skill_validations AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id,
       f.event_id IN (SELECT supersedes_event_id FROM fact_skill_validation WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       c.component_name, c.component_type, c.file_path, f.is_valid, f.error_count, f.warnings, f.attributes
FROM fact_skill_validation f
JOIN dim_component c ON c.component_key = f.component_key;

CREATE OR REPLACE VIEW v_update_attempts AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id,
       f.event_id IN (SELECT supersedes_event_id FROM fact_update_attempt WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       c.component_name, c.component_type, c.file_path, f.mode, f.status, f.changes_applied, f.backup_path,
       f.attributes
FROM fact_update_attempt f
JOIN dim_component c ON c.component_key = f.component_key;

CREATE OR REPLACE VIEW v_component_dependency_links AS
SELECT m.event_id, m.occurred_at, m.recorded_at, m.supersedes_event_id,
       m.event_id IN (SELECT supersedes_event_id FROM component_dependency_map WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       c.component_name, c.component_type, c.file_path, d.dependency_name, m.relationship_type, m.is_active,
       m.attributes
FROM component_dependency_map m
JOIN dim_component c ON c.component_key = m.component_key
JOIN dim_dependency d ON d.dependency_key = m.dependency_key;

CREATE OR REPLACE VIEW v_skill_source_links AS
SELECT m.event_id, m.occurred_at, m.recorded_at, m.supersedes_event_id,
       m.event_id IN (SELECT supersedes_event_id FROM skill_source_map WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       c.component_name, c.component_type, c.file_path, s.source_name, m.is_active, m.attributes
FROM skill_source_map m
JOIN dim_component c ON c.component_key = m.component_key
JOIN dim_source s ON s.source_key = m.source_key;

-- The current registration of every active source, with its last check and when the next one is due.
CREATE OR REPLACE VIEW v_sources AS
WITH latest AS (
    SELECT * FROM v_source_registrations WHERE NOT is_superseded
    QUALIFY row_number() OVER (PARTITION BY source_name ORDER BY occurred_at DESC, recorded_at DESC, event_id) = 1
),
last_check AS (
    SELECT source_name, max(occurred_at) AS last_checked_at
    FROM v_watermark_checks WHERE NOT is_superseded GROUP BY source_name
)
SELECT l.source_name, l.source_type, l.location, l.schedule_minutes, l.dependency_name, l.occurred_at AS registered_at,
       c.last_checked_at,
       CASE WHEN c.last_checked_at IS NULL THEN l.occurred_at
            ELSE c.last_checked_at + to_minutes(l.schedule_minutes) END AS next_check_at
FROM latest l
LEFT JOIN last_check c ON c.source_name = l.source_name
WHERE l.is_active;

-- The sources whose check is due now.
CREATE OR REPLACE VIEW v_due_sources AS
SELECT * FROM v_sources WHERE next_check_at <= agent_store_now();

-- Skill-maintainer: the most recent source-level watermark (no page) per source.
CREATE OR REPLACE VIEW v_latest_watermark AS
SELECT source_name, occurred_at AS checked_at, checker, http_status, last_modified, etag, content_hash, version,
       is_available, is_changed, duration_ms, error
FROM v_watermark_checks
WHERE NOT is_superseded AND page_url IS NULL
QUALIFY row_number() OVER (PARTITION BY source_name ORDER BY occurred_at DESC, recorded_at DESC, event_id) = 1;

-- Skill-maintainer: the most recent hash per page (the pages of folders); a NULL hash: the page is gone.
CREATE OR REPLACE VIEW v_latest_page_hash AS
SELECT source_name, page_url, content_hash, occurred_at AS checked_at
FROM v_watermark_checks
WHERE NOT is_superseded AND page_url IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY source_name, page_url ORDER BY occurred_at DESC, recorded_at DESC, event_id) = 1;

-- The latest content a differ compared with, per source (NULL page) and page: the baseline of the next diff.
CREATE OR REPLACE VIEW v_latest_snapshot AS
SELECT source_name, page_url, content_hash, snapshot, occurred_at AS checked_at
FROM v_watermark_checks
WHERE NOT is_superseded AND snapshot IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY source_name, page_url ORDER BY occurred_at DESC, recorded_at DESC, event_id) = 1;

-- Skill-maintainer: the most recent git check per source.
CREATE OR REPLACE VIEW v_latest_source_check AS
SELECT source_name, occurred_at AS checked_at, version AS commit_sha, is_changed, is_available, error
FROM v_watermark_checks
WHERE NOT is_superseded AND checker = 'git'
QUALIFY row_number() OVER (PARTITION BY source_name ORDER BY occurred_at DESC, recorded_at DESC, event_id) = 1;

-- The current component-dependency links and skill-source links.
CREATE OR REPLACE VIEW v_component_dependencies AS
SELECT component_name, component_type, dependency_name, relationship_type, occurred_at AS linked_at
FROM (SELECT * FROM v_component_dependency_links WHERE NOT is_superseded
      QUALIFY row_number() OVER (PARTITION BY component_name, dependency_name, relationship_type
                                 ORDER BY occurred_at DESC, recorded_at DESC, event_id) = 1)
WHERE is_active;

CREATE OR REPLACE VIEW v_skill_sources AS
SELECT component_name, source_name, occurred_at AS linked_at
FROM (SELECT * FROM v_skill_source_links WHERE NOT is_superseded
      QUALIFY row_number() OVER (PARTITION BY component_name, source_name
                                 ORDER BY occurred_at DESC, recorded_at DESC, event_id) = 1)
WHERE is_active;

-- Skill-maintainer: per skill linked to a source, the last change detected in its sources, the last
-- validation, and the counts of breaking and additive changes since that validation (all changes when never
-- validated).
CREATE OR REPLACE VIEW v_skill_freshness AS
WITH last_validation AS (
    SELECT component_name, occurred_at AS last_validated_at, is_valid
    FROM v_skill_validations WHERE NOT is_superseded
    QUALIFY row_number() OVER (PARTITION BY component_name ORDER BY occurred_at DESC, recorded_at DESC, event_id) = 1
)
SELECT ss.component_name AS skill_name,
       max(ch.occurred_at) AS last_change_at,
       any_value(v.last_validated_at) AS last_validated_at,
       any_value(v.is_valid) AS is_valid,
       count(ch.event_id) FILTER (WHERE ch.classification = 'BREAKING'
                                  AND (v.last_validated_at IS NULL OR ch.occurred_at > v.last_validated_at)) AS breaking_changes,
       count(ch.event_id) FILTER (WHERE ch.classification = 'ADDITIVE'
                                  AND (v.last_validated_at IS NULL OR ch.occurred_at > v.last_validated_at)) AS additive_changes,
       coalesce(max(ch.occurred_at) > any_value(v.last_validated_at) OR any_value(v.last_validated_at) IS NULL, false)
           AS is_stale
FROM v_skill_sources ss
LEFT JOIN v_changes ch ON ch.source_name = ss.source_name AND NOT ch.is_superseded
LEFT JOIN last_validation v ON v.component_name = ss.component_name
GROUP BY ss.component_name;

-- Use case 6: the schema changes (JSON Schema and SQL DDL differs) and API contract changes (OpenAPI).
CREATE OR REPLACE VIEW v_schema_changes AS
SELECT event_id, occurred_at AS detected_at, source_name, dependency_name, change_type, subject,
       old_value AS old_schema, new_value AS new_schema, classification, rule_id, affected_components
FROM v_changes
WHERE NOT is_superseded AND differ IN ('json_schema', 'sql_ddl');

CREATE OR REPLACE VIEW v_api_contract_changes AS
SELECT event_id, occurred_at AS detected_at, source_name, dependency_name, subject AS endpoint, method,
       change_type, old_value AS old_contract, new_value AS new_contract, classification, rule_id,
       affected_components
FROM v_changes
WHERE NOT is_superseded AND differ = 'openapi';

-- What breaks if a dependency fails: the components consuming it (depth 1), then the components consuming a
-- dependency that one of those provides (depth 2), and so on up to depth 5; each component at its least depth.
CREATE OR REPLACE MACRO cdc_impact(dependency) AS TABLE
WITH RECURSIVE impact(component_name, component_type, via_dependency, depth) AS (
    SELECT cd.component_name, cd.component_type, cd.dependency_name, 1
    FROM v_component_dependencies cd
    WHERE cd.dependency_name = dependency AND cd.relationship_type IN ('consumes', 'depends_on')
    UNION
    SELECT c2.component_name, c2.component_type, c2.dependency_name, i.depth + 1
    FROM impact i
    JOIN v_component_dependencies p ON p.component_name = i.component_name AND p.relationship_type = 'provides'
    JOIN v_component_dependencies c2 ON c2.dependency_name = p.dependency_name
         AND c2.relationship_type IN ('consumes', 'depends_on')
    WHERE i.depth < 5
)
SELECT component_name, any_value(component_type) AS component_type, min(depth) AS depth,
       arg_min(via_dependency, depth) AS via_dependency
FROM impact
GROUP BY component_name;
