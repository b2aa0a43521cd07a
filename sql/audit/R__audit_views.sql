-- Views of the audit schema: one row per fact with the natural keys of its dimensions.

CREATE OR REPLACE VIEW v_prompts AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id,
       f.event_id IN (SELECT supersedes_event_id FROM fact_prompt WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       s.session_id, t.template_name, t.template_text, t.template_hash,
       m.model_name, m.provider,
       u.user_id, u.os_user, u.host, u.account_id, u.email,
       f.prompt_text, f.prompt_hash, f.system_prompt_hash, f.input_tokens, f.estimated_cost_usd,
       f.attributes
FROM fact_prompt f
LEFT JOIN dim_session s ON s.session_key = f.session_key
LEFT JOIN dim_prompt_template t ON t.prompt_template_key = f.prompt_template_key
LEFT JOIN dim_model m ON m.model_key = f.model_key
LEFT JOIN dim_user u ON u.user_key = f.user_key;

-- prompt_event_id is the recorded one, or the latest prompt of the same session at or before the response.
CREATE OR REPLACE VIEW v_responses AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id,
       f.event_id IN (SELECT supersedes_event_id FROM fact_response WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       s.session_id,
       coalesce(f.prompt_event_id,
                (SELECT p.event_id FROM fact_prompt p
                 WHERE p.session_key = f.session_key AND p.occurred_at <= f.occurred_at
                 ORDER BY p.occurred_at DESC, p.recorded_at DESC LIMIT 1)) AS prompt_event_id,
       f.prompt_event_id AS recorded_prompt_event_id,
       m.model_name, m.provider,
       f.response_text, f.response_hash, f.finish_reason, f.output_tokens, f.cached_tokens, f.latency_ms,
       f.estimated_cost_usd, f.safety_flags, f.attributes
FROM fact_response f
LEFT JOIN dim_session s ON s.session_key = f.session_key
LEFT JOIN dim_model m ON m.model_key = f.model_key;

CREATE OR REPLACE VIEW v_prompt_feedback AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id,
       f.event_id IN (SELECT supersedes_event_id FROM fact_prompt_feedback WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       f.prompt_event_id, f.response_event_id, f.feedback_type, f.feedback_text,
       u.user_id, u.os_user, u.host, u.account_id, u.email,
       f.attributes
FROM fact_prompt_feedback f
LEFT JOIN dim_user u ON u.user_key = f.user_key;

-- Each prompt with its response (the first one that answers it), current versions only.
CREATE OR REPLACE VIEW v_prompt_responses AS
SELECT p.event_id AS prompt_event_id, p.occurred_at AS prompted_at, p.session_id, p.template_name,
       p.model_name, p.user_id, p.prompt_text, p.input_tokens, p.estimated_cost_usd AS prompt_cost_usd,
       r.event_id AS response_event_id, r.occurred_at AS responded_at, r.response_text, r.finish_reason,
       r.output_tokens, r.cached_tokens, r.latency_ms, r.estimated_cost_usd AS response_cost_usd, r.safety_flags
FROM v_prompts p
LEFT JOIN (SELECT *, row_number() OVER (PARTITION BY prompt_event_id ORDER BY occurred_at, event_id) AS n
           FROM v_responses WHERE NOT is_superseded) r
       ON r.prompt_event_id = p.event_id AND r.n = 1
WHERE NOT p.is_superseded;


-- The hash chain of the audit facts, one link per fact in the order they were recorded.
CREATE OR REPLACE VIEW v_audit_chain AS
SELECT event_id, occurred_at, seq, fact_table, fact_event_id, content_hash, previous_hash, chain_hash, recorded_at
FROM fact_audit_chain;

-- What each rescan replaced, by fact, column and rule.
CREATE OR REPLACE VIEW v_audit_redactions AS
SELECT event_id, occurred_at, supersedes_event_id, rescan_id, fact_table, fact_event_id, column_name, rule_name,
       replaced, content_hash_before, content_hash_after, attributes, recorded_at
FROM fact_audit_redaction;

-- Each session with the user who recorded it (core's dim_session.user_key, filled from the first prompt's user).
CREATE OR REPLACE VIEW v_session_users AS
SELECT s.session_key, s.session_id, s.project, s.first_seen_at,
       u.user_key, u.user_id, u.os_user, u.host, u.account_id, u.email
FROM dim_session s
LEFT JOIN dim_user u ON u.user_key = s.user_key;

-- The query log with its users.
CREATE OR REPLACE VIEW v_query_log AS
SELECT f.event_id, f.occurred_at, f.supersedes_event_id, f.origin, f.sql_hash,
       u.user_id, u.os_user, u.host, u.account_id, u.email,
       f.attributes, f.recorded_at
FROM fact_query_log f
LEFT JOIN dim_user u ON u.user_key = f.user_key;

-- The merges that brought audit facts in, with the head of each source's chain when it was merged.
CREATE OR REPLACE VIEW v_audit_merges AS
SELECT event_id, occurred_at, supersedes_event_id, source_store_id, source_host, source_path, source_chain_head,
       source_chain_links, audit_facts_added, facts_added, attributes, recorded_at
FROM fact_audit_merge;

-- Every fact of the hash chain with where it came from: this store (its own host name) or the merged store
-- it came from (core's source_host_map and dim_source_host), and the merge that brought it when there was one.
CREATE OR REPLACE VIEW v_audit_provenance AS
SELECT l.seq, l.fact_table, l.fact_event_id, l.chain_hash,
       coalesce(h.host_name, (SELECT host_name FROM dim_source_host WHERE source_host_key = 1)) AS source_host,
       h.store_id AS source_store_id,
       (SELECT max_by(m.event_id, m.occurred_at) FROM fact_audit_merge m
         WHERE m.source_store_id = h.store_id) AS merge_event_id
FROM fact_audit_chain l
LEFT JOIN source_host_map sm ON sm.event_id = l.fact_event_id AND sm.fact_table = l.fact_table
LEFT JOIN dim_source_host h ON h.source_host_key = sm.source_host_key;
