package io.agentstore.memory.internal;

import io.agentstore.memory.AuthorKind;
import io.agentstore.memory.CompactedMemory;
import io.agentstore.memory.CompactionReport;
import io.agentstore.memory.HealthCheck;
import io.agentstore.memory.Job;
import io.agentstore.memory.Memory;
import io.agentstore.memory.MemoryChange;
import io.agentstore.memory.MemoryFacade;
import io.agentstore.memory.MemoryType;
import io.agentstore.memory.MemoryUpdate;
import io.agentstore.memory.ResumedJob;
import io.agentstore.memory.SessionSummary;
import io.agentstore.memory.TimeAxis;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.StoreContext;
import io.agentstore.spi.ToolArgumentException;
import io.agentstore.spi.ToolArguments;
import io.agentstore.spi.ToolHandler;
import io.agentstore.spi.ToolResult;
import io.agentstore.spi.ToolSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The memory module's tools for agents (MCP server, owner process). */
public final class MemoryTools {
    private static final String TYPES = "\"enum\": [\"knowledge\", \"structure\", \"patterns\", \"dependencies\","
            + " \"quality\", \"operations\", \"context\", \"domain\"]";

    private MemoryTools() {}

    /** Every tool of the module. */
    public static List<ToolSpec> all() {
        return List.of(
                ToolSpec.reading(
                        "get_memory",
                        "The memories of an agent (all eight types, or one): the current ones,"
                                + " or as of an instant: as_axis 'system' answers what the store held then (what the agent"
                                + " believed), 'valid' what was true of the code then by what is known now.",
                        schema(
                                prop("agent", "string", "the agent name") + "," + typeProp(false) + ","
                                        + prop("as_of", "string", "ISO-8601 instant or date; default: now") + ","
                                        + "\"as_axis\": {\"type\": \"string\", \"enum\": [\"system\", \"valid\"],"
                                        + " \"description\": \"the time axis of as_of; default system\"}",
                                "agent"),
                        guarded(MemoryTools::getMemory)),
                ToolSpec.writing(
                        "update_memory",
                        "Writes a new version of one memory of an agent (the whole JSON"
                                + " document); earlier versions stay readable.",
                        schema(
                                prop("agent", "string", "the agent name") + "," + typeProp(true) + ","
                                        + "\"content\": {\"type\": \"object\", \"description\": \"the whole new document\"},"
                                        + prop("reason", "string", "why it changed") + ","
                                        + prop("author_kind", "string", "agent (default), user or system") + ","
                                        + prop("author_name", "string", "who wrote it") + ","
                                        + prop("session_id", "string", "the session") + ","
                                        + prop("valid_from", "string", "when it became true of the code; default now"),
                                "agent",
                                "type",
                                "content"),
                        guarded(MemoryTools::updateMemory)),
                ToolSpec.reading(
                        "search_memory",
                        "Current memories of every agent whose JSON contains a text" + " (case-insensitive).",
                        schema(prop("text", "string", "the text to find"), "text"),
                        guarded(MemoryTools::searchMemory)),
                ToolSpec.reading(
                        "memory_history",
                        "Every version of one memory of an agent, oldest first, with who"
                                + " changed it, why, and the JSON diff from the version before.",
                        schema(prop("agent", "string", "the agent name") + "," + typeProp(true), "agent", "type"),
                        guarded(MemoryTools::history)),
                ToolSpec.writing(
                        "rollback_memory",
                        "Restores an earlier version of a memory as a new version.",
                        schema(
                                prop("agent", "string", "the agent name") + "," + typeProp(true) + ","
                                        + prop("version", "integer", "the version to restore") + ","
                                        + prop("reason", "string", "why") + ","
                                        + prop("author_name", "string", "who asks for it"),
                                "agent",
                                "type",
                                "version"),
                        guarded(MemoryTools::rollback)),
                ToolSpec.writing(
                        "save_session_summary",
                        "Saves the summary of a session (what /save wrote):"
                                + " accomplishments, decisions, pending items, bugs fixed, errors, breakthrough, next priority.",
                        schema(
                                prop("session_id", "string", "the session") + "," + prop("job_id", "string", "its job")
                                        + "," + prop("agent", "string", "the agent writing it") + ","
                                        + prop("title", "string", "one line") + "," + list("accomplishments") + ","
                                        + list("decisions") + "," + list("pending") + "," + list("bugs_fixed") + ","
                                        + list("errors_encountered") + ","
                                        + prop("breakthrough", "string", "the key insight")
                                        + "," + prop("next_session_priority", "string", "what to do first next time")
                                        + ","
                                        + prop("quality_score", "integer", "0..10"),
                                "session_id"),
                        guarded(MemoryTools::saveSummary)),
                ToolSpec.reading(
                        "list_jobs",
                        "The jobs that are not completed (all with include_completed),"
                                + " most recently active first.",
                        schema(prop("include_completed", "boolean", "also completed jobs; default false")),
                        guarded(MemoryTools::listJobs)),
                ToolSpec.writing(
                        "resume_job",
                        "Resumes the most relevant job of a project (a paused one becomes"
                                + " resumed) and returns where its last session left off.",
                        schema(
                                prop("project", "string", "the project") + ","
                                        + prop("session_id", "string", "the current session, linked to the job"),
                                "project"),
                        guarded(MemoryTools::resumeJob)),
                ToolSpec.writing(
                        "get_agent_health",
                        "Checks the health of one agent (or every agent) now: drift"
                                + " from its module, memory size, status, recommendations; the check is recorded.",
                        schema(prop("agent", "string", "the agent; default all")),
                        guarded(MemoryTools::health)),
                ToolSpec.writing(
                        "compact_memory",
                        "Compacts an agent's memories with the per-type strategies;"
                                + " without force only those over their size limit. Returns the before/after report.",
                        schema(
                                prop("agent", "string", "the agent name") + ","
                                        + prop("force", "boolean", "compact every type; default false") + ","
                                        + typeProp(false),
                                "agent"),
                        guarded(MemoryTools::compact)));
    }

    private static String prop(String name, String type, String description) {
        return "\"" + name + "\": {\"type\": \"" + type + "\", \"description\": \"" + description + "\"}";
    }

    private static String list(String name) {
        return "\"" + name + "\": {\"type\": \"array\", \"items\": {\"type\": \"string\"}, \"description\": \""
                + name.replace('_', ' ') + "\"}";
    }

    private static String typeProp(boolean required) {
        return "\"type\": {\"type\": \"string\", " + TYPES + ", \"description\": \"the memory type"
                + (required ? "" : "; default all") + "\"}";
    }

    private static String schema(String properties, String... required) {
        StringBuilder b = new StringBuilder("{\"type\": \"object\", \"properties\": {")
                .append(properties)
                .append("}");
        if (required.length > 0) {
            b.append(", \"required\": [");
            for (int i = 0; i < required.length; i++) {
                b.append(i == 0 ? "" : ", ").append('"').append(required[i]).append('"');
            }
            b.append("]");
        }
        return b.append(", \"additionalProperties\": false}").toString();
    }

    /** Turns the facade's refusals into argument errors that name the argument. */
    private static ToolHandler guarded(ToolHandler handler) {
        return (args, context) -> {
            try {
                return handler.call(args, context);
            } catch (InvalidRecordException e) {
                throw new ToolArgumentException(e.field(), e.getMessage());
            } catch (ToolArgumentException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new ToolArgumentException("arguments", e.getMessage());
            }
        };
    }

    private static MemoryFacade facade(StoreContext context) {
        return context.facade(MemoryFacade.class);
    }

    private static Optional<MemoryType> type(ToolArguments args, boolean required) {
        Optional<String> t = required ? Optional.of(args.string("type")) : args.optionalString("type");
        try {
            return t.map(s -> MemoryType.of("type", s));
        } catch (InvalidRecordException e) {
            throw new ToolArgumentException("type", e.getMessage());
        }
    }

    private static ToolResult getMemory(ToolArguments args, StoreContext context) {
        String agent = args.string("agent");
        Optional<MemoryType> type = type(args, false);
        Optional<Instant> asOf = args.instant("as_of");
        String axisName = args.optionalString("as_axis").orElse("system").toLowerCase(Locale.ROOT);
        if (!axisName.equals("system") && !axisName.equals("valid")) {
            throw new ToolArgumentException("as_axis", "as_axis must be 'system' or 'valid', was '" + axisName + "'");
        }
        TimeAxis axis = axisName.equals("valid") ? TimeAxis.VALID : TimeAxis.SYSTEM;
        MemoryFacade m = facade(context);
        List<Memory> found;
        if (asOf.isPresent()) {
            found = type.isPresent()
                    ? m.memoryAsOf(agent, type.get(), asOf.get(), axis)
                            .map(List::of)
                            .orElse(List.of())
                    : m.memoryAsOf(agent, asOf.get(), axis);
        } else {
            found = type.isPresent()
                    ? m.currentMemory(agent, type.get()).map(List::of).orElse(List.of())
                    : m.currentMemory(agent);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("agent", agent);
        asOf.ifPresent(i -> out.put("as_of", i.toString()));
        out.put("memories", found.stream().map(MemoryTools::memory).toList());
        StringBuilder text = new StringBuilder(found.isEmpty() ? "no memory of " + agent : "");
        for (Memory x : found) {
            text.append(x.type().id())
                    .append(" v")
                    .append(x.version())
                    .append(": ")
                    .append(Fields.write(x.content()))
                    .append('\n');
        }
        return new ToolResult(out, text.toString().strip());
    }

    private static ToolResult updateMemory(ToolArguments args, StoreContext context) {
        Object content = args.asMap().get("content");
        if (!(content instanceof Map<?, ?> map)) {
            throw new ToolArgumentException("content", "content must be a JSON object, was " + content);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> doc = (Map<String, Object>) map;
        AuthorKind kind = args.optionalString("author_kind")
                .map(k -> AuthorKind.of("author_kind", k))
                .orElse(AuthorKind.AGENT);
        Memory written = facade(context)
                .updateMemory(MemoryUpdate.builder(
                                args.string("agent"), type(args, true).get())
                        .content(doc)
                        .reason(args.optionalString("reason").orElse(null))
                        .author(kind, args.optionalString("author_name").orElse(null))
                        .sessionId(args.optionalString("session_id").orElse(null))
                        .validFrom(args.instant("valid_from").orElse(null))
                        .build());
        return new ToolResult(
                memory(written), "wrote " + written.type().id() + " v" + written.version() + " of " + written.agent());
    }

    private static ToolResult searchMemory(ToolArguments args, StoreContext context) {
        List<Memory> found = facade(context).searchMemory(args.string("text"));
        StringBuilder text = new StringBuilder(found.size() + " memor" + (found.size() == 1 ? "y" : "ies"));
        found.forEach(x -> text.append("\n")
                .append(x.agent())
                .append(' ')
                .append(x.type().id())
                .append(" v")
                .append(x.version()));
        return new ToolResult(
                Map.of("matches", found.stream().map(MemoryTools::memory).toList()), text.toString());
    }

    private static ToolResult history(ToolArguments args, StoreContext context) {
        List<MemoryChange> changes =
                facade(context).history(args.string("agent"), type(args, true).get());
        List<Object> versions = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (MemoryChange c : changes) {
            Map<String, Object> v = memory(c.memory());
            v.put(
                    "diff",
                    Map.of(
                            "added",
                            c.diff().added(),
                            "removed",
                            c.diff().removed(),
                            "changed",
                            c.diff().changed()));
            versions.add(v);
            text.append("v")
                    .append(c.memory().version())
                    .append(' ')
                    .append(c.memory().recordedAt())
                    .append(' ')
                    .append(c.memory().changeKind())
                    .append(" by ")
                    .append(c.memory().authorKind().id())
                    .append(
                            c.memory().authorName() == null
                                    ? ""
                                    : " " + c.memory().authorName())
                    .append(c.memory().reason() == null ? "" : ": " + c.memory().reason())
                    .append('\n');
        }
        return new ToolResult(
                Map.of("versions", versions),
                changes.isEmpty() ? "no versions" : text.toString().strip());
    }

    private static ToolResult rollback(ToolArguments args, StoreContext context) {
        long version = args.integer("version", -1, 1, Long.MAX_VALUE);
        if (version < 1) {
            throw new ToolArgumentException("version", "version is required");
        }
        Memory written = facade(context)
                .rollback(
                        args.string("agent"),
                        type(args, true).get(),
                        version,
                        AuthorKind.USER,
                        args.optionalString("author_name").orElse(null),
                        args.optionalString("reason").orElse(null));
        return new ToolResult(memory(written), "restored version " + version + " as v" + written.version());
    }

    private static List<String> strings(ToolArguments args, String name) {
        List<String> out = new ArrayList<>();
        for (Object o : args.list(name)) {
            if (!(o instanceof String s)) {
                throw new ToolArgumentException(name, name + " must hold strings, had " + o);
            }
            out.add(s);
        }
        return out;
    }

    private static ToolResult saveSummary(ToolArguments args, StoreContext context) {
        Long score = args.has("quality_score") ? args.integer("quality_score", 0, 0, 10) : null;
        SessionSummary s = SessionSummary.builder()
                .sessionId(args.string("session_id"))
                .jobId(args.optionalString("job_id").orElse(null))
                .agent(args.optionalString("agent").orElse(null))
                .title(args.optionalString("title").orElse(null))
                .accomplishments(strings(args, "accomplishments"))
                .decisions(strings(args, "decisions"))
                .pending(strings(args, "pending"))
                .bugsFixed(strings(args, "bugs_fixed"))
                .errorsEncountered(strings(args, "errors_encountered"))
                .breakthrough(args.optionalString("breakthrough").orElse(null))
                .nextSessionPriority(
                        args.optionalString("next_session_priority").orElse(null))
                .qualityScore(score == null ? null : score.intValue())
                .build();
        UUID id = facade(context).saveSessionSummary(s);
        return new ToolResult(
                Map.of("event_id", id.toString(), "session_id", s.sessionId()),
                "saved the summary of session " + s.sessionId());
    }

    private static ToolResult listJobs(ToolArguments args, StoreContext context) {
        MemoryFacade m = facade(context);
        List<Job> jobs = args.bool("include_completed", false) ? m.jobs() : m.openJobs();
        StringBuilder text = new StringBuilder(jobs.isEmpty() ? "no jobs" : "");
        jobs.forEach(j -> text.append(j.jobId())
                .append(" [")
                .append(j.status().id())
                .append("]")
                .append(j.title() == null ? "" : " " + j.title())
                .append('\n'));
        return new ToolResult(
                Map.of("jobs", jobs.stream().map(MemoryTools::job).toList()),
                text.toString().strip());
    }

    private static ToolResult resumeJob(ToolArguments args, StoreContext context) {
        String project = args.string("project");
        Optional<ResumedJob> r = facade(context)
                .resumeJob(project, args.optionalString("session_id").orElse(null));
        if (r.isEmpty()) {
            Map<String, Object> none = new LinkedHashMap<>();
            none.put("job", null);
            return new ToolResult(none, "no open job for project " + project);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("job", job(r.get().job()));
        out.put("was_paused", r.get().wasPaused());
        out.put("last_summary", r.get().lastSummary().map(MemoryTools::summary).orElse(null));
        String text = (r.get().wasPaused() ? "resumed " : "continuing ")
                + r.get().job().jobId()
                + r.get()
                        .lastSummary()
                        .map(s -> "; pending: " + s.pending()
                                + (s.nextSessionPriority() == null ? "" : "; first: " + s.nextSessionPriority()))
                        .orElse("");
        return new ToolResult(out, text);
    }

    private static ToolResult health(ToolArguments args, StoreContext context) {
        MemoryFacade m = facade(context);
        Optional<String> agent = args.optionalString("agent");
        List<HealthCheck> checks = agent.isPresent() ? List.of(m.checkHealth(agent.get())) : m.checkAllHealth();
        StringBuilder text = new StringBuilder(checks.isEmpty() ? "no agents" : "");
        List<Object> rows = new ArrayList<>();
        for (HealthCheck h : checks) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("agent", h.agent());
            row.put("status", h.status().id());
            row.put("drift_score", h.driftScore());
            row.put("confidence_score", h.confidenceScore());
            row.put("memory_size_kb", h.memorySizeKb());
            row.put("needs_compaction", h.compactionNeeded());
            row.put("file_count_current", h.fileCountCurrent());
            row.put("file_count_baseline", h.fileCountBaseline());
            row.put("issues", h.issues());
            row.put("recommendations", h.recommendations());
            row.put("checked_at", h.checkedAt().toString());
            rows.add(row);
            text.append(h.agent())
                    .append(": ")
                    .append(h.status().id())
                    .append(", drift ")
                    .append(h.driftScore())
                    .append(", ")
                    .append(h.memorySizeKb())
                    .append(" KB. ")
                    .append(h.recommendations())
                    .append('\n');
        }
        return new ToolResult(Map.of("agents", rows), text.toString().strip());
    }

    private static ToolResult compact(ToolArguments args, StoreContext context) {
        CompactionReport r = facade(context)
                .compact(args.string("agent"), type(args, false).orElse(null), args.bool("force", false));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("agent", r.agent());
        out.put("total_before_kb", r.totalBeforeKb());
        out.put("total_after_kb", r.totalAfterKb());
        out.put("total_saved_kb", r.totalSavedKb());
        out.put("reduction_percent", r.reductionPercent());
        List<Object> compacted = new ArrayList<>();
        for (CompactedMemory c : r.compactedMemories()) {
            compacted.add(Map.of(
                    "type", c.type().id(), "before_kb", c.beforeKb(), "after_kb", c.afterKb(), "version", c.version()));
        }
        out.put("compacted_memories", compacted);
        return new ToolResult(
                out,
                r.agent() + ": " + r.totalBeforeKb() + " KB -> " + r.totalAfterKb() + " KB ("
                        + r.reductionPercent() + "% saved, " + compacted.size() + " memor"
                        + (compacted.size() == 1 ? "y" : "ies")
                        + " compacted)");
    }

    private static Map<String, Object> memory(Memory m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("agent", m.agent());
        out.put("type", m.type().id());
        out.put("version", m.version());
        out.put("content", m.content());
        out.put("valid_from", m.validFrom().toString());
        out.put("valid_to", m.validTo().map(Instant::toString).orElse(null));
        out.put("recorded_at", m.recordedAt().toString());
        out.put("superseded_at", m.supersededAt().map(Instant::toString).orElse(null));
        out.put("change_kind", m.changeKind());
        out.put("author_kind", m.authorKind().id());
        out.put("author_name", m.authorName());
        out.put("reason", m.reason());
        out.put("session_id", m.sessionId());
        return out;
    }

    private static Map<String, Object> job(Job j) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("job_id", j.jobId());
        out.put("title", j.title());
        out.put("project", j.project());
        out.put("status", j.status().id());
        out.put("status_reason", j.statusReason());
        out.put("created_at", j.createdAt().toString());
        out.put("paused_at", j.pausedAt() == null ? null : j.pausedAt().toString());
        out.put("pause_reason", j.pauseReason());
        out.put("sessions", j.sessions());
        out.put("last_activity_at", j.lastActivityAt().toString());
        return out;
    }

    private static Map<String, Object> summary(SessionSummary s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("session_id", s.sessionId());
        out.put("title", s.title());
        out.put("accomplishments", s.accomplishments());
        out.put("pending", s.pending());
        out.put("next_session_priority", s.nextSessionPriority());
        out.put("quality_score", s.qualityScore());
        return out;
    }
}
