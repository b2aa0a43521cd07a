package io.agentstore.audit.internal;

import static io.agentstore.core.CoreDimensions.model;
import static io.agentstore.core.CoreDimensions.session;

import io.agentstore.audit.Feedback;
import io.agentstore.audit.MergeProvenance;
import io.agentstore.audit.Prompt;
import io.agentstore.audit.Response;
import io.agentstore.audit.UserRef;
import io.agentstore.spi.Dimension;
import io.agentstore.spi.FactContext;
import io.agentstore.spi.FactRow;
import io.agentstore.spi.FactType;
import io.agentstore.spi.Row;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The dimensions and fact types of the audit schema. Free text is redacted here (again: redaction is
 * idempotent, a placeholder matches no rule) so that the stored hash is that of the stored text whatever
 * the caller passed.
 */
public final class AuditFactTypes {
    /** {@code dim_user}. */
    public static final Dimension USER = Dimension.type1(
            "dim_user", "user_key", List.of("user_id"), List.of("os_user", "host", "account_id", "email"));

    /** {@code dim_prompt_template}. */
    public static final Dimension PROMPT_TEMPLATE = Dimension.type1(
            "dim_prompt_template",
            "prompt_template_key",
            List.of("template_name"),
            List.of("template_text", "template_hash"));

    private AuditFactTypes() {}

    /** The key of a user, or null for null. */
    public static Long user(FactContext c, UserRef u) {
        return u == null
                ? null
                : c.key(USER, List.of(u.userId()), Arrays.asList(u.osUser(), u.host(), u.accountId(), u.email()));
    }

    static UserRef userOf(Row row) {
        String os = row.string("os_user");
        String account = row.string("account_id");
        return os == null && account == null ? null : new UserRef(os, row.string("host"), account, row.string("email"));
    }

    /** The text as stored: after the store's redaction (keyed placeholders in a store with a file). */
    public static String stored(FactContext c, String text) {
        return c.redaction().redact(text);
    }

    private static Map<String, Object> attributes(Row row) {
        Map<String, Object> a = row.jsonObject("attributes");
        return a == null ? Map.of() : a;
    }

    /** {@code fact_prompt}. */
    public static final FactType<Prompt> PROMPT = new FactType<>() {
        @Override
        public String table() {
            return "fact_prompt";
        }

        @Override
        public String view() {
            return "v_prompts";
        }

        @Override
        public void write(Prompt r, FactContext c, FactRow row) {
            String text = stored(c, r.text());
            String templateText = stored(c, r.templateText());
            Long template = r.templateName() == null
                    ? null
                    : c.key(
                            PROMPT_TEMPLATE,
                            List.of(r.templateName()),
                            Arrays.asList(templateText, AuditHashes.sha256(templateText)));
            Long user = user(c, r.user());
            // the session's user (core's dim_session.user_key) is the first user seen prompting in it
            row.int64(session(c, r.sessionId(), user))
                    .int64(template)
                    .int64(model(c, r.model(), r.provider()))
                    .int64(user)
                    .text(text)
                    .text(AuditHashes.sha256(text))
                    .text(r.systemPromptHash())
                    .int64(r.inputTokens())
                    .decimal(r.estimatedCostUsd(), 6);
        }

        @Override
        public Prompt read(Row row) {
            return new Prompt(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("session_id"),
                    row.string("template_name"),
                    row.string("template_text"),
                    row.string("model_name"),
                    row.string("provider"),
                    row.string("prompt_text"),
                    row.string("system_prompt_hash"),
                    userOf(row),
                    row.int64("input_tokens"),
                    row.decimal("estimated_cost_usd"),
                    attributes(row));
        }
    };

    /** {@code fact_response}. */
    public static final FactType<Response> RESPONSE = new FactType<>() {
        @Override
        public String table() {
            return "fact_response";
        }

        @Override
        public String view() {
            return "v_responses";
        }

        @Override
        public void write(Response r, FactContext c, FactRow row) {
            String text = stored(c, r.text());
            row.int64(session(c, r.sessionId()))
                    .uuid(r.promptEventId())
                    .int64(model(c, r.model(), r.provider()))
                    .text(text)
                    .text(AuditHashes.sha256(text))
                    .text(r.finishReason())
                    .int64(r.outputTokens())
                    .int64(r.cachedTokens())
                    .int64(r.latencyMs())
                    .decimal(r.estimatedCostUsd(), 6)
                    .json(r.safetyFlags().isEmpty() ? null : r.safetyFlags());
        }

        @Override
        public Response read(Row row) {
            Map<String, Object> flags = row.jsonObject("safety_flags");
            return new Response(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("session_id"),
                    row.uuid("recorded_prompt_event_id"),
                    row.string("model_name"),
                    row.string("provider"),
                    row.string("response_text"),
                    row.string("finish_reason"),
                    row.int64("output_tokens"),
                    row.int64("cached_tokens"),
                    row.int64("latency_ms"),
                    row.decimal("estimated_cost_usd"),
                    flags == null ? Map.of() : flags,
                    attributes(row));
        }
    };

    /** {@code fact_prompt_feedback}. */
    public static final FactType<Feedback> FEEDBACK = new FactType<>() {
        @Override
        public String table() {
            return "fact_prompt_feedback";
        }

        @Override
        public String view() {
            return "v_prompt_feedback";
        }

        @Override
        public void write(Feedback r, FactContext c, FactRow row) {
            row.uuid(r.promptEventId())
                    .uuid(r.responseEventId())
                    .text(r.feedbackType())
                    .text(stored(c, r.text()))
                    .int64(user(c, r.user()));
        }

        @Override
        public Feedback read(Row row) {
            return new Feedback(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.uuid("prompt_event_id"),
                    row.uuid("response_event_id"),
                    row.string("feedback_type"),
                    row.string("feedback_text"),
                    userOf(row),
                    attributes(row));
        }
    };

    /** {@code fact_audit_merge}. */
    public static final FactType<MergeProvenance> MERGE = new FactType<>() {
        @Override
        public String table() {
            return "fact_audit_merge";
        }

        @Override
        public String view() {
            return "v_audit_merges";
        }

        @Override
        public void write(MergeProvenance r, FactContext c, FactRow row) {
            row.uuid(r.sourceStoreId())
                    .text(r.sourceHost())
                    .text(r.sourcePath())
                    .text(r.sourceChainHead())
                    .int64(r.sourceChainLinks())
                    .int64(r.auditFactsAdded())
                    .json(new java.util.TreeMap<>(r.factsAdded()));
        }

        @Override
        public MergeProvenance read(Row row) {
            Map<String, Long> added = new java.util.TreeMap<>();
            Map<String, Object> json = row.jsonObject("facts_added");
            if (json != null) {
                json.forEach((k, v) -> added.put(k, ((Number) v).longValue()));
            }
            return new MergeProvenance(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("source_store_id"),
                    row.string("source_host"),
                    row.string("source_path"),
                    row.string("source_chain_head"),
                    row.int64("source_chain_links"),
                    row.int64("audit_facts_added"),
                    added);
        }
    };
}
