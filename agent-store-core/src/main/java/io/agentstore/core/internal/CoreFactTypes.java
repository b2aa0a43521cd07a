package io.agentstore.core.internal;

import static io.agentstore.core.CoreDimensions.agent;
import static io.agentstore.core.CoreDimensions.file;
import static io.agentstore.core.CoreDimensions.model;
import static io.agentstore.core.CoreDimensions.session;
import static io.agentstore.core.CoreDimensions.task;
import static io.agentstore.core.CoreDimensions.tool;

import io.agentstore.core.AgentRef;
import io.agentstore.core.ApiCall;
import io.agentstore.core.Decision;
import io.agentstore.core.ErrorEvent;
import io.agentstore.core.FileModification;
import io.agentstore.core.IngestError;
import io.agentstore.core.IngestRun;
import io.agentstore.core.SessionEvent;
import io.agentstore.core.TaskOutcome;
import io.agentstore.core.TaskRef;
import io.agentstore.core.ToolCall;
import io.agentstore.spi.FactContext;
import io.agentstore.spi.FactRow;
import io.agentstore.spi.FactType;
import io.agentstore.spi.Row;
import java.util.List;

/** The fact types of the core schema: each record's columns, in table order, and the way back. */
public final class CoreFactTypes {
    private CoreFactTypes() {}

    /** The agent of a denormalised view row, or null. */
    public static AgentRef agentOf(Row row) {
        return io.agentstore.core.CoreDimensions.agentOf(row);
    }

    /** The task of a denormalised view row, or null. */
    public static TaskRef taskOf(Row row) {
        return io.agentstore.core.CoreDimensions.taskOf(row);
    }

    /** {@code fact_tool_call}. */
    public static final FactType<ToolCall> TOOL_CALL = new FactType<>() {
        @Override
        public String table() {
            return "fact_tool_call";
        }

        @Override
        public String view() {
            return "v_tool_calls";
        }

        @Override
        public void write(ToolCall r, FactContext c, FactRow row) {
            row.int64(session(c, r.sessionId()))
                    .int64(agent(c, r.agent()))
                    .int64(task(c, r.task()))
                    .int64(tool(c, r.toolName()))
                    .int64(file(c, r.targetPath()))
                    .text(r.actionType())
                    .bool(r.success())
                    .text(r.errorType())
                    .int64(r.durationMs())
                    .int64(r.inputBytes())
                    .int64(r.outputBytes())
                    .int64(r.inputTokens())
                    .int64(r.outputTokens());
        }

        @Override
        public ToolCall read(Row row) {
            return new ToolCall(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("session_id"),
                    agentOf(row),
                    taskOf(row),
                    row.string("tool_name"),
                    row.string("target_path"),
                    row.string("action_type"),
                    row.bool("is_success"),
                    row.string("error_type"),
                    row.int64("duration_ms"),
                    row.int64("input_bytes"),
                    row.int64("output_bytes"),
                    row.int64("input_tokens"),
                    row.int64("output_tokens"),
                    row.jsonObject("attributes"));
        }
    };

    /** {@code fact_api_call}. */
    public static final FactType<ApiCall> API_CALL = new FactType<>() {
        @Override
        public String table() {
            return "fact_api_call";
        }

        @Override
        public String view() {
            return "v_api_calls";
        }

        @Override
        public void write(ApiCall r, FactContext c, FactRow row) {
            row.int64(session(c, r.sessionId()))
                    .int64(agent(c, r.agent()))
                    .int64(task(c, r.task()))
                    .int64(model(c, r.model(), r.provider()))
                    .text(r.requestId())
                    .int64(r.inputTokens())
                    .int64(r.outputTokens())
                    .int64(r.cacheReadTokens())
                    .int64(r.cacheWrite5mTokens())
                    .int64(r.cacheWrite1hTokens())
                    .decimal(r.reportedCostUsd(), 6)
                    .int64(r.latencyMs())
                    .bool(r.success())
                    .text(r.errorType());
        }

        @Override
        public ApiCall read(Row row) {
            return new ApiCall(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("session_id"),
                    agentOf(row),
                    taskOf(row),
                    row.string("model_name"),
                    row.string("provider"),
                    row.string("request_id"),
                    row.int64("input_tokens"),
                    row.int64("output_tokens"),
                    row.int64("cache_read_tokens"),
                    row.int64("cache_write_5m_tokens"),
                    row.int64("cache_write_1h_tokens"),
                    row.decimal("reported_cost_usd"),
                    row.int64("latency_ms"),
                    row.bool("is_success"),
                    row.string("error_type"),
                    row.jsonObject("attributes"));
        }
    };

    /** {@code fact_decision}. */
    public static final FactType<Decision> DECISION = new FactType<>() {
        @Override
        public String table() {
            return "fact_decision";
        }

        @Override
        public String view() {
            return "v_decisions";
        }

        @Override
        public void write(Decision r, FactContext c, FactRow row) {
            row.int64(session(c, r.sessionId()))
                    .int64(agent(c, r.agent()))
                    .int64(task(c, r.task()))
                    .text(r.decisionType())
                    .text(r.contextHash())
                    .text(r.optionChosen())
                    .json(r.alternatives())
                    .freeText(r.rationale())
                    .text(r.outcome())
                    .bool(r.retried());
        }

        @Override
        @SuppressWarnings("unchecked")
        public Decision read(Row row) {
            Object alternatives = row.json("alternatives");
            return new Decision(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("session_id"),
                    agentOf(row),
                    taskOf(row),
                    row.string("decision_type"),
                    row.string("context_hash"),
                    row.string("option_chosen"),
                    alternatives == null ? List.of() : (List<String>) alternatives,
                    row.string("rationale"),
                    row.string("outcome"),
                    row.bool("is_retried"),
                    row.jsonObject("attributes"));
        }
    };

    /** {@code fact_task_outcome}. */
    public static final FactType<TaskOutcome> TASK_OUTCOME = new FactType<>() {
        @Override
        public String table() {
            return "fact_task_outcome";
        }

        @Override
        public String view() {
            return "v_task_outcomes";
        }

        @Override
        public void write(TaskOutcome r, FactContext c, FactRow row) {
            row.int64(session(c, r.sessionId()))
                    .int64(agent(c, r.agent()))
                    .int64(task(c, r.task()))
                    .bool(r.success())
                    .float64(r.testPassRate())
                    .int64(r.filesModified())
                    .int64(r.totalTokens())
                    .int64(r.estimatedMs())
                    .int64(r.elapsedMs())
                    .text(r.finalStatus());
        }

        @Override
        public TaskOutcome read(Row row) {
            return new TaskOutcome(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("session_id"),
                    agentOf(row),
                    taskOf(row),
                    row.bool("is_success"),
                    row.float64("test_pass_rate"),
                    row.int64("files_modified"),
                    row.int64("total_tokens"),
                    row.int64("estimated_ms"),
                    row.int64("elapsed_ms"),
                    row.string("final_status"),
                    row.jsonObject("attributes"));
        }
    };

    /** {@code fact_session_event}. */
    public static final FactType<SessionEvent> SESSION_EVENT = new FactType<>() {
        @Override
        public String table() {
            return "fact_session_event";
        }

        @Override
        public String view() {
            return "v_session_events";
        }

        @Override
        public void write(SessionEvent r, FactContext c, FactRow row) {
            row.int64(session(c, r.sessionId(), r.project(), r.workingDir(), r.gitBranch(), r.clientVersion()))
                    .int64(agent(c, r.agent()))
                    .text(r.eventType())
                    .freeText(r.detail());
        }

        @Override
        public SessionEvent read(Row row) {
            return new SessionEvent(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("session_id"),
                    agentOf(row),
                    row.string("event_type"),
                    row.string("detail"),
                    row.string("project"),
                    row.string("working_dir"),
                    row.string("git_branch"),
                    row.string("client_version"),
                    row.jsonObject("attributes"));
        }
    };

    /** {@code fact_error}. */
    public static final FactType<ErrorEvent> ERROR = new FactType<>() {
        @Override
        public String table() {
            return "fact_error";
        }

        @Override
        public String view() {
            return "v_errors";
        }

        @Override
        public void write(ErrorEvent r, FactContext c, FactRow row) {
            row.int64(session(c, r.sessionId()))
                    .int64(agent(c, r.agent()))
                    .int64(task(c, r.task()))
                    .int64(tool(c, r.toolName()))
                    .text(r.severity())
                    .text(r.errorType())
                    .freeText(r.message());
        }

        @Override
        public ErrorEvent read(Row row) {
            return new ErrorEvent(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("session_id"),
                    agentOf(row),
                    taskOf(row),
                    row.string("tool_name"),
                    row.string("severity"),
                    row.string("error_type"),
                    row.string("message"),
                    row.jsonObject("attributes"));
        }
    };

    /** {@code fact_file_modification}. */
    public static final FactType<FileModification> FILE_MODIFICATION = new FactType<>() {
        @Override
        public String table() {
            return "fact_file_modification";
        }

        @Override
        public String view() {
            return "v_file_modifications";
        }

        @Override
        public void write(FileModification r, FactContext c, FactRow row) {
            row.int64(session(c, r.sessionId()))
                    .int64(agent(c, r.agent()))
                    .int64(task(c, r.task()))
                    .int64(tool(c, r.toolName()))
                    .int64(file(c, r.filePath()))
                    .text(r.modificationType())
                    .int64(r.linesAdded())
                    .int64(r.linesDeleted())
                    .int64(r.charsAdded())
                    .int64(r.charsDeleted())
                    .freeText(r.diffSnippet());
        }

        @Override
        public FileModification read(Row row) {
            return new FileModification(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("session_id"),
                    agentOf(row),
                    taskOf(row),
                    row.string("tool_name"),
                    row.string("file_path"),
                    row.string("modification_type"),
                    row.int64("lines_added"),
                    row.int64("lines_deleted"),
                    row.int64("chars_added"),
                    row.int64("chars_deleted"),
                    row.string("diff_snippet"),
                    row.jsonObject("attributes"));
        }
    };

    /** {@code fact_ingest_run}. */
    public static final FactType<IngestRun> INGEST_RUN = new FactType<>() {
        @Override
        public String table() {
            return "fact_ingest_run";
        }

        @Override
        public String view() {
            return "v_ingest_runs";
        }

        @Override
        public void write(IngestRun r, FactContext c, FactRow row) {
            row.text(r.source())
                    .text(r.filePath())
                    .int64(r.fileSize())
                    .int64(r.startOffset())
                    .int64(r.endOffset())
                    .text(r.lastLineHash())
                    .int64(r.linesRead())
                    .int64(r.records())
                    .int64(r.errorCount())
                    .bool(r.reread());
        }

        @Override
        public IngestRun read(Row row) {
            return new IngestRun(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("source"),
                    row.string("file_path"),
                    row.int64("file_size"),
                    row.int64("start_offset"),
                    row.int64("end_offset"),
                    row.string("last_line_hash"),
                    row.int64("lines_read"),
                    row.int64("records"),
                    row.int64("error_count"),
                    row.bool("is_reread"),
                    row.jsonObject("attributes"));
        }
    };

    /** {@code fact_ingest_error}. */
    public static final FactType<IngestError> INGEST_ERROR = new FactType<>() {
        @Override
        public String table() {
            return "fact_ingest_error";
        }

        @Override
        public String view() {
            return "v_ingest_errors";
        }

        @Override
        public void write(IngestError r, FactContext c, FactRow row) {
            row.text(r.source())
                    .text(r.filePath())
                    .int64(r.lineNumber())
                    .int64(r.byteOffset())
                    .freeText(r.reason())
                    .freeText(r.excerpt());
        }

        @Override
        public IngestError read(Row row) {
            return new IngestError(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("source"),
                    row.string("file_path"),
                    row.int64("line_number"),
                    row.int64("byte_offset"),
                    row.string("reason"),
                    row.string("excerpt"),
                    row.jsonObject("attributes"));
        }
    };
}
