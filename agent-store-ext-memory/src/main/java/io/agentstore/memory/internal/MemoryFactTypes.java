package io.agentstore.memory.internal;

import static io.agentstore.core.CoreDimensions.agent;
import static io.agentstore.core.CoreDimensions.session;

import io.agentstore.core.AgentRef;
import io.agentstore.memory.AgentBaseline;
import io.agentstore.memory.AuthorKind;
import io.agentstore.memory.HealthCheck;
import io.agentstore.memory.HealthStatus;
import io.agentstore.memory.JobSession;
import io.agentstore.memory.JobStatus;
import io.agentstore.memory.JobTransition;
import io.agentstore.memory.MemoryType;
import io.agentstore.memory.MemoryVersion;
import io.agentstore.memory.SessionMessages;
import io.agentstore.memory.SessionSummary;
import io.agentstore.spi.Dimension;
import io.agentstore.spi.FactContext;
import io.agentstore.spi.FactRow;
import io.agentstore.spi.FactType;
import io.agentstore.spi.Row;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The dimension and fact types of the memory schema: each record's columns, in table order, and the way back. */
public final class MemoryFactTypes {
    /** {@code dim_job}. */
    public static final Dimension JOB =
            Dimension.type1("dim_job", "job_key", List.of("job_id"), List.of("title", "project"));

    private MemoryFactTypes() {}

    private static Long job(FactContext c, String jobId, String title, String project) {
        return jobId == null ? null : c.key(JOB, List.of(jobId), Arrays.asList(title, project));
    }

    private static Long agentKey(FactContext c, String name) {
        return name == null ? null : agent(c, AgentRef.of(name));
    }

    private static Map<String, Object> attributes(Row row) {
        return Fields.jsonObject("attributes", row.jsonObject("attributes"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Row row, String column) {
        Object v = row.json(column);
        return v == null ? List.of() : List.copyOf((List<String>) v);
    }

    /** The JSON text of a list of free texts, after the store's redaction (a match never spans a quote). */
    private static String redactedJson(FactContext c, List<String> items) {
        return c.redaction().redact(Fields.write(items));
    }

    private static Integer integer(Long v) {
        return v == null ? null : Math.toIntExact(v);
    }

    /** {@code fact_job_transition}. */
    public static final FactType<JobTransition> JOB_TRANSITION = new FactType<>() {
        @Override
        public String table() {
            return "fact_job_transition";
        }

        @Override
        public String view() {
            return "v_job_transitions";
        }

        @Override
        public void write(JobTransition r, FactContext c, FactRow row) {
            row.int64(job(c, r.jobId(), r.title(), r.project()))
                    .int64(session(c, r.sessionId()))
                    .text(r.status().id())
                    .freeText(r.reason());
        }

        @Override
        public JobTransition read(Row row) {
            return new JobTransition(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("job_id"),
                    row.string("title"),
                    row.string("project"),
                    row.string("session_id"),
                    JobStatus.of("to_status", row.string("to_status")),
                    row.string("reason"),
                    attributes(row));
        }
    };

    /** {@code fact_job_session}. */
    public static final FactType<JobSession> JOB_SESSION = new FactType<>() {
        @Override
        public String table() {
            return "fact_job_session";
        }

        @Override
        public String view() {
            return "v_job_session_links";
        }

        @Override
        public void write(JobSession r, FactContext c, FactRow row) {
            row.int64(job(c, r.jobId(), null, null)).int64(session(c, r.sessionId()));
        }

        @Override
        public JobSession read(Row row) {
            return new JobSession(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("job_id"),
                    row.string("session_id"),
                    attributes(row));
        }
    };

    /** {@code fact_session_summary}. */
    public static final FactType<SessionSummary> SESSION_SUMMARY = new FactType<>() {
        @Override
        public String table() {
            return "fact_session_summary";
        }

        @Override
        public String view() {
            return "v_session_summary_versions";
        }

        @Override
        public void write(SessionSummary r, FactContext c, FactRow row) {
            row.int64(session(c, r.sessionId()))
                    .int64(job(c, r.jobId(), null, null))
                    .int64(agentKey(c, r.agent()))
                    .text(r.source())
                    .freeText(r.title())
                    .text(redactedJson(c, r.accomplishments()))
                    .text(redactedJson(c, r.decisions()))
                    .text(redactedJson(c, r.pending()))
                    .text(redactedJson(c, r.bugsFixed()))
                    .text(redactedJson(c, r.errorsEncountered()))
                    .freeText(r.breakthrough())
                    .freeText(r.nextSessionPriority())
                    .int64(r.qualityScore() == null ? null : r.qualityScore().longValue())
                    .timestamp(r.startedAt())
                    .timestamp(r.endedAt());
        }

        @Override
        public SessionSummary read(Row row) {
            return new SessionSummary(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("session_id"),
                    row.string("job_id"),
                    row.string("agent_name"),
                    row.string("summary_source"),
                    row.string("title"),
                    strings(row, "accomplishments"),
                    strings(row, "decisions"),
                    strings(row, "pending"),
                    strings(row, "bugs_fixed"),
                    strings(row, "errors_encountered"),
                    row.string("breakthrough"),
                    row.string("next_session_priority"),
                    integer(row.int64("quality_score")),
                    row.instant("started_at"),
                    row.instant("ended_at"),
                    attributes(row));
        }
    };

    /** {@code fact_session_messages}. */
    public static final FactType<SessionMessages> SESSION_MESSAGES = new FactType<>() {
        @Override
        public String table() {
            return "fact_session_messages";
        }

        @Override
        public String view() {
            return "v_session_messages";
        }

        @Override
        public void write(SessionMessages r, FactContext c, FactRow row) {
            row.int64(session(c, r.sessionId()))
                    .freeText(r.conversationFlow())
                    .int64(r.totalExchanges())
                    .int64(r.durationMs());
        }

        @Override
        public SessionMessages read(Row row) {
            return new SessionMessages(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("session_id"),
                    row.string("conversation_flow"),
                    row.int64("total_exchanges"),
                    row.int64("duration_ms"),
                    attributes(row));
        }
    };

    /** {@code fact_memory_version}. */
    public static final FactType<MemoryVersion> MEMORY_VERSION = new FactType<>() {
        @Override
        public String table() {
            return "fact_memory_version";
        }

        @Override
        public String view() {
            return "v_memory_versions";
        }

        @Override
        public void write(MemoryVersion r, FactContext c, FactRow row) {
            String content = r.isExpiry() ? null : c.redaction().redact(Fields.write(r.content()));
            row.int64(agentKey(c, r.agent()))
                    .int64(session(c, r.sessionId()))
                    .text(r.type().id())
                    .int64(r.version())
                    .timestamp(r.validFrom())
                    .text(r.changeKind())
                    .text(content)
                    .int64(content == null ? 0L : (long) content.getBytes(StandardCharsets.UTF_8).length)
                    .text(content == null ? null : Fields.hash(content))
                    .text(r.authorKind().id())
                    .text(r.authorName())
                    .freeText(r.reason())
                    .uuid(r.basedOnEventId());
        }

        @Override
        public MemoryVersion read(Row row) {
            String content = row.string("content");
            return new MemoryVersion(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("agent_name"),
                    row.string("session_id"),
                    MemoryType.of("memory_type", row.string("memory_type")),
                    row.int64("version"),
                    row.instant("valid_from"),
                    row.string("change_kind"),
                    content == null ? Map.of() : Fields.parseObject("content", content),
                    AuthorKind.of("author_kind", row.string("author_kind")),
                    row.string("author_name"),
                    row.string("reason"),
                    row.uuid("based_on_event_id"),
                    attributes(row));
        }
    };

    /** {@code fact_agent_baseline}. */
    public static final FactType<AgentBaseline> AGENT_BASELINE = new FactType<>() {
        @Override
        public String table() {
            return "fact_agent_baseline";
        }

        @Override
        public String view() {
            return "v_agent_baselines";
        }

        @Override
        public void write(AgentBaseline r, FactContext c, FactRow row) {
            row.int64(agentKey(c, r.agent()))
                    .text(r.modulePath())
                    .int64(r.fileCountBaseline())
                    .text(r.upgradedBy());
        }

        @Override
        public AgentBaseline read(Row row) {
            return new AgentBaseline(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("agent_name"),
                    row.string("module_path"),
                    row.int64("file_count_baseline"),
                    row.string("upgraded_by"),
                    attributes(row));
        }
    };

    /** {@code fact_agent_health}. */
    public static final FactType<HealthCheck> AGENT_HEALTH = new FactType<>() {
        @Override
        public String table() {
            return "fact_agent_health";
        }

        @Override
        public String view() {
            return "v_agent_health_checks";
        }

        @Override
        public void write(HealthCheck r, FactContext c, FactRow row) {
            row.int64(agentKey(c, r.agent()))
                    .int64(session(c, r.sessionId()))
                    .text(r.modulePath())
                    .int64(r.fileCountCurrent())
                    .int64(r.fileCountBaseline())
                    .int64(r.daysSinceBaseline())
                    .int64(r.driftScore())
                    .int64(r.confidenceScore())
                    .text(r.status().id())
                    .int64(r.memoryBytes())
                    .text(r.memorySizeWarning())
                    .text(r.largestMemoryType())
                    .bool(r.compactionNeeded())
                    .text(r.patternsChanged())
                    .text(r.dependenciesChanged())
                    .json(r.issues())
                    .freeText(r.recommendations())
                    .bool(r.autoUpgradeEligible())
                    .timestamp(r.lastUpgradeAt())
                    .text(r.upgradedBy());
        }

        @Override
        public HealthCheck read(Row row) {
            Instant lastUpgrade = row.instant("last_upgrade_at");
            return new HealthCheck(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("agent_name"),
                    row.string("session_id"),
                    row.string("module_path"),
                    row.int64("file_count_current"),
                    row.int64("file_count_baseline"),
                    row.int64("days_since_baseline"),
                    row.int64("drift_score"),
                    row.int64("confidence_score"),
                    HealthStatus.of(row.string("status")),
                    row.int64("memory_bytes"),
                    row.string("memory_size_warning"),
                    row.string("largest_memory_type"),
                    row.bool("is_compaction_needed"),
                    row.string("patterns_changed"),
                    row.string("dependencies_changed"),
                    strings(row, "issues"),
                    row.string("recommendations"),
                    row.bool("is_auto_upgrade_eligible"),
                    lastUpgrade,
                    row.string("upgraded_by"),
                    attributes(row));
        }
    };
}
