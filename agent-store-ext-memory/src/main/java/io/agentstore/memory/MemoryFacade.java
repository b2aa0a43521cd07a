package io.agentstore.memory;

import io.agentstore.memory.internal.Compactor;
import io.agentstore.memory.internal.Fields;
import io.agentstore.memory.internal.JsonDiff;
import io.agentstore.memory.internal.MemoryFactTypes;
import io.agentstore.memory.internal.SqliteMemoryImporter;
import io.agentstore.spi.AgentStoreException;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Row;
import io.agentstore.spi.StoreContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Jobs, session summaries, typed agent memory with its full history, compaction and agent health, from
 * {@code store.module(MemoryFacade.class)} or {@link MemoryModule#of(io.agentstore.AgentStore)}.
 *
 * <p>Nothing is overwritten: a job's state change, a memory's new content, a rollback, a compaction and an
 * expiry are each a new fact, and the views of {@code sql/memory/} derive the current state. Memory versions
 * carry two time axes (see {@link TimeAxis}), so the memory of an agent can be read as it was valid at any
 * instant, and as the store held it at any instant. Query methods never return null.
 */
public final class MemoryFacade {
    private final StoreContext store;
    /** Memory and job writes read the latest state, then append: one at a time per store. */
    private final Object writeLock = new Object();

    MemoryFacade(StoreContext store) {
        this.store = Objects.requireNonNull(store, "store must not be null");
    }

    private Instant now() {
        return store.clock().instant().truncatedTo(ChronoUnit.MICROS);
    }

    private List<Row> query(String name, Object... params) {
        return store.sql(store.sqlResource(name), params).rows();
    }

    private static String text(String field, String value) {
        return Fields.required(field, value);
    }

    // ------------------------------------------------------------------------------------------------ jobs

    /**
     * Records a job's state change after checking the lifecycle: a new job must start {@code active}; see
     * {@link JobStatus#next()} for the rest.
     *
     * @return the job in its new state
     * @throws InvalidRecordException naming {@code status} when the lifecycle does not allow the change
     */
    public Job transition(JobTransition transition) {
        Fields.present("transition", transition);
        synchronized (writeLock) {
            Optional<Job> current = job(transition.jobId());
            if (current.isEmpty() && transition.status() != JobStatus.ACTIVE) {
                throw new InvalidRecordException(
                        "status",
                        transition.status().id(),
                        "must be 'active' for the new job '" + transition.jobId() + "'");
            }
            if (current.isPresent() && !current.get().status().next().contains(transition.status())) {
                throw new InvalidRecordException(
                        "status",
                        transition.status().id(),
                        "cannot follow '"
                                + current.get().status().id() + "' for job '" + transition.jobId() + "'; allowed: "
                                + current.get().status().next().stream()
                                        .map(JobStatus::id)
                                        .toList());
            }
            if (transition.sessionId() != null) {
                store.recordAll(List.of(transition, JobSession.of(transition.jobId(), transition.sessionId())));
            } else {
                store.record(transition);
            }
            return job(transition.jobId()).orElseThrow();
        }
    }

    /** Starts a job (its first transition, {@code active}); {@code title}, {@code project} and {@code sessionId} may be null. */
    public Job startJob(String jobId, String title, String project, String sessionId) {
        return transition(JobTransition.of(jobId, JobStatus.ACTIVE, null)
                .describing(title, project)
                .inSession(sessionId));
    }

    /** Pauses an active or resumed job, saying why. */
    public Job pauseJob(String jobId, String reason) {
        return transition(JobTransition.of(jobId, JobStatus.PAUSED, reason));
    }

    /** Resumes a paused job. */
    public Job resumeJobById(String jobId, String reason) {
        return transition(JobTransition.of(jobId, JobStatus.RESUMED, reason));
    }

    /** Completes a job. */
    public Job completeJob(String jobId, String reason) {
        return transition(JobTransition.of(jobId, JobStatus.COMPLETED, reason));
    }

    /** Links a session to a job (the latest link of a session wins). */
    public UUID attachSession(String jobId, String sessionId) {
        return store.record(JobSession.of(jobId, sessionId));
    }

    /** The job {@code jobId} in its current state. */
    public Optional<Job> job(String jobId) {
        return store.sql("SELECT * FROM v_jobs WHERE job_id = ?", text("jobId", jobId)).rows().stream()
                .findFirst()
                .map(MemoryFacade::job);
    }

    /** The jobs that are not completed (the original's {@code /jobs}), most recently active first. */
    public List<Job> openJobs() {
        return query("list_jobs.sql").stream()
                .map(r -> job(r.string("job_id")).orElseThrow())
                .toList();
    }

    /** Every job, most recently active first. */
    public List<Job> jobs() {
        return store.sql("SELECT * FROM v_jobs ORDER BY last_activity_at DESC, job_id").rows().stream()
                .map(MemoryFacade::job)
                .toList();
    }

    /** The most relevant job to resume for {@code project}: see {@code resume_job_for_project.sql}. */
    public Optional<Job> mostRelevantJob(String project) {
        return query("resume_job_for_project.sql", text("project", project)).stream()
                .findFirst()
                .map(MemoryFacade::job);
    }

    /**
     * Resumes the most relevant job of {@code project}: a paused job becomes {@code resumed}; an open one stays
     * as it is. The session, when given, is linked to the job. Empty when the project has no open job.
     */
    public Optional<ResumedJob> resumeJob(String project, String sessionId) {
        synchronized (writeLock) {
            Optional<Job> found = mostRelevantJob(project);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Job job = found.get();
            boolean paused = job.status() == JobStatus.PAUSED;
            if (paused) {
                JobTransition t = JobTransition.of(job.jobId(), JobStatus.RESUMED, "resumed for project " + project);
                job = transition(sessionId == null ? t : t.inSession(sessionId));
            } else if (sessionId != null) {
                attachSession(job.jobId(), sessionId);
                job = job(job.jobId()).orElseThrow();
            }
            return Optional.of(new ResumedJob(job, paused, lastSessionSummary(job.jobId())));
        }
    }

    private static Job job(Row r) {
        return new Job(
                r.string("job_id"),
                r.string("title"),
                r.string("project"),
                JobStatus.of("status", r.string("status")),
                r.string("status_reason"),
                r.instant("status_at"),
                r.instant("created_at"),
                r.instant("paused_at"),
                r.instant("resumed_at"),
                r.instant("completed_at"),
                r.string("pause_reason"),
                r.int64("sessions"),
                r.instant("last_activity_at"));
    }

    // ------------------------------------------------------------------------------------------------ sessions

    /**
     * Saves a session summary (the original's {@code /save}); a later summary of the same session replaces it
     * in {@code v_session_summaries}. When it names a job, the session is linked to that job too.
     */
    public UUID saveSessionSummary(SessionSummary summary) {
        Fields.present("summary", summary);
        if (summary.jobId() != null) {
            return store.recordAll(List.of(summary, JobSession.of(summary.jobId(), summary.sessionId())))
                    .get(0);
        }
        return store.record(summary);
    }

    /** The latest summary of a session. */
    public Optional<SessionSummary> sessionSummary(String sessionId) {
        return store
                .sql(
                        "SELECT * FROM v_session_summary_versions WHERE event_id = "
                                + "(SELECT event_id FROM v_session_summaries WHERE session_id = ?)",
                        text("sessionId", sessionId))
                .rows()
                .stream()
                .findFirst()
                .map(MemoryFactTypes.SESSION_SUMMARY::read);
    }

    /** The latest summary of the sessions of a job: where its last session left off. */
    public Optional<SessionSummary> lastSessionSummary(String jobId) {
        return query("last_session_of_job.sql", text("jobId", jobId)).stream()
                .findFirst()
                .flatMap(r -> sessionSummary(r.string("session_id")));
    }

    /** The latest summaries of every session of a job, oldest first. */
    public List<SessionSummary> sessionSummaries(String jobId) {
        return store
                .sql(
                        "SELECT session_id FROM v_session_summaries WHERE job_id = ? ORDER BY occurred_at, session_id",
                        text("jobId", jobId))
                .rows()
                .stream()
                .map(r -> sessionSummary(r.string("session_id")).orElseThrow())
                .toList();
    }

    /**
     * A summary of a session made from what the store knows (not saved): the files it changed as
     * accomplishments, its failed tool calls and errors, its decisions, its unfinished tasks as pending, and
     * in {@code attributes} its counts (tool calls, failures, API calls, tokens, files, errors, the mean test
     * pass rate of its tasks) and, when the tokens module is installed, its derived cost.
     *
     * @throws IllegalArgumentException when the store knows nothing of the session
     */
    public SessionSummary mechanicalSummary(String sessionId) {
        Row r = query("session_activity.sql", text("sessionId", sessionId)).stream()
                .findFirst()
                .orElseThrow(
                        () -> new IllegalArgumentException("the store has no activity of session '" + sessionId + "'"));
        List<String> files = strings(r.get("files_changed"));
        List<String> failed = strings(r.get("failed_tools"));
        List<String> errors =
                new ArrayList<>(failed.stream().map(f -> "tool failed: " + f).toList());
        strings(r.get("error_messages")).forEach(e -> errors.add("error: " + e));
        List<String> accomplishments =
                new ArrayList<>(files.stream().map(f -> "changed " + f).toList());
        strings(r.get("tasks_done")).forEach(t -> accomplishments.add("task done: " + t));
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("tool_calls", r.int64("tool_calls"));
        counts.put("failed_tool_calls", r.int64("failed_tool_calls"));
        counts.put("api_calls", r.int64("api_calls"));
        counts.put("total_tokens", r.int64("total_tokens"));
        counts.put("files_modified", r.int64("files_modified"));
        counts.put("errors", r.int64("errors"));
        if (r.float64("test_pass_rate") != null) {
            counts.put("test_pass_rate", r.float64("test_pass_rate"));
        }
        if (store.isInstalled("tokens")) {
            store
                    .sql("SELECT cost_usd, unpriced_calls FROM v_cost_by_session WHERE session_id = ?", sessionId)
                    .rows()
                    .stream()
                    .findFirst()
                    .ifPresent(c -> {
                        BigDecimal cost = c.decimal("cost_usd");
                        counts.put(
                                "cost_usd",
                                cost == null
                                        ? null
                                        : cost.setScale(6, java.math.RoundingMode.HALF_UP)
                                                .toPlainString());
                        counts.put("unpriced_calls", c.int64("unpriced_calls"));
                    });
        }
        String title = "Session " + sessionId + ": " + files.size() + " file(s) changed, " + r.int64("tool_calls")
                + " tool call(s), " + r.int64("failed_tool_calls") + " failed";
        return SessionSummary.builder()
                .sessionId(sessionId)
                .source("mechanical")
                .title(title)
                .accomplishments(accomplishments)
                .decisions(strings(r.get("decisions")))
                .pending(strings(r.get("tasks_not_done")))
                .errorsEncountered(errors)
                .span(r.instant("started_at"), r.instant("ended_at"))
                .attributes(counts)
                .occurredAt(now())
                .build();
    }

    /**
     * Saves the {@link #mechanicalSummary(String) mechanical summary} of a session that has no summary yet;
     * empty when it has one (an agent's own summary is never replaced by a mechanical one).
     */
    public Optional<UUID> saveMechanicalSummaryIfMissing(String sessionId) {
        if (sessionSummary(sessionId).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(store.record(mechanicalSummary(sessionId)));
    }

    private static List<String> strings(Object list) {
        if (list == null) {
            return List.of();
        }
        return ((List<?>) list)
                .stream().filter(Objects::nonNull).map(String::valueOf).toList();
    }

    /** Saves the conversation-flow backup of a session (the original's MESSAGES). */
    public UUID saveMessages(SessionMessages messages) {
        return store.record(Fields.present("messages", messages));
    }

    /** The latest conversation-flow backup of a session. */
    public Optional<SessionMessages> messages(String sessionId) {
        return store
                .sql(
                        "SELECT * FROM v_session_messages WHERE session_id = ? AND NOT is_superseded"
                                + " ORDER BY recorded_at DESC, occurred_at DESC LIMIT 1",
                        text("sessionId", sessionId))
                .rows()
                .stream()
                .findFirst()
                .map(MemoryFactTypes.SESSION_MESSAGES::read);
    }

    // ------------------------------------------------------------------------------------------------ memory

    /**
     * Writes a new version of one memory (the whole document; nothing is overwritten) and returns it as
     * stored. Its valid time starts at {@link MemoryUpdate#validFrom()} (default: now).
     */
    public Memory updateMemory(MemoryUpdate update) {
        Fields.present("update", update);
        synchronized (writeLock) {
            Instant now = now();
            // redacted here, so that the version returned, its size and its hash are what is stored
            Map<String, Object> content = Fields.jsonObject(
                    "content", Fields.parseObject("content", store.redact(Fields.write(update.content()))));
            return write(new MemoryVersion(
                    null,
                    now,
                    null,
                    update.agent(),
                    update.sessionId(),
                    update.type(),
                    nextVersion(update.agent(), update.type()),
                    update.validFrom() == null ? now : update.validFrom(),
                    "update",
                    content,
                    update.authorKind(),
                    update.authorName(),
                    update.reason(),
                    null,
                    Map.of()));
        }
    }

    private Memory write(MemoryVersion v) {
        UUID id = store.record(v);
        return store.sql("SELECT * FROM v_memory_versions WHERE event_id = ?", id).rows().stream()
                .findFirst()
                .map(MemoryFacade::memory)
                .orElseThrow(
                        () -> new AgentStoreException("memory version " + id + " is not readable after recording"));
    }

    private long nextVersion(String agent, MemoryType type) {
        return store.sql(
                        "SELECT coalesce(max(f.version), 0) + 1 AS next FROM fact_memory_version f"
                                + " JOIN dim_agent a ON a.agent_key = f.agent_key WHERE a.agent_name = ? AND f.memory_type = ?",
                        agent,
                        type.id())
                .rows()
                .get(0)
                .int64("next");
    }

    /** The current memory of one type of an agent (valid now, as known now); empty when none or expired. */
    public Optional<Memory> currentMemory(String agent, MemoryType type) {
        Fields.present("type", type);
        return store
                .sql(
                        "SELECT * FROM v_memory_current WHERE agent_name = ? AND memory_type = ?",
                        text("agent", agent),
                        type.id())
                .rows()
                .stream()
                .findFirst()
                .map(MemoryFacade::memory);
    }

    /** Every current memory of an agent, by type (what the original loads when an agent is invoked). */
    public List<Memory> currentMemory(String agent) {
        return store
                .sql("SELECT * FROM v_memory_current WHERE agent_name = ? ORDER BY memory_type", text("agent", agent))
                .rows()
                .stream()
                .map(MemoryFacade::memory)
                .sorted(Comparator.comparing(Memory::type))
                .toList();
    }

    /**
     * Loads an agent's memories as the original does when an agent is invoked: every current memory, after a
     * health check of the agent (counting its module's files on disk) is recorded.
     */
    public LoadedMemory loadMemory(String agent) {
        text("agent", agent);
        boolean known = !store.sql("SELECT 1 FROM v_memory_agents WHERE agent_name = ?", agent)
                .rows()
                .isEmpty();
        Optional<HealthCheck> health = known ? Optional.of(checkHealth(agent)) : Optional.empty();
        return new LoadedMemory(currentMemory(agent), health);
    }

    /**
     * One memory of an agent as of an instant on one axis: {@link TimeAxis#SYSTEM} answers what the store held
     * at {@code at} (what the agent believed then); {@link TimeAxis#VALID} answers what was true of the code at
     * {@code at} by what is known now. Empty when there was none, or it was expired.
     */
    public Optional<Memory> memoryAsOf(String agent, MemoryType type, Instant at, TimeAxis axis) {
        Objects.requireNonNull(at, "at must not be null");
        Objects.requireNonNull(axis, "axis must not be null");
        Fields.present("type", type);
        return memoryAsOf(agent, type, at, axis == TimeAxis.SYSTEM ? at : Fields.MAX_INSTANT);
    }

    /**
     * One memory of an agent valid at {@code validAt} as the store knew it at {@code knownAt} (both axes at
     * once): among the versions recorded by {@code knownAt} and valid from {@code validAt} or earlier, the one
     * with the latest valid time (ties: the later-recorded).
     */
    public Optional<Memory> memoryAsOf(String agent, MemoryType type, Instant validAt, Instant knownAt) {
        Fields.present("type", type);
        Objects.requireNonNull(validAt, "validAt must not be null");
        Objects.requireNonNull(knownAt, "knownAt must not be null");
        return query("memory_as_of.sql", text("agent", agent), type.id(), validAt, knownAt).stream()
                .findFirst()
                .map(MemoryFacade::memory);
    }

    /** Every memory of an agent as of an instant on one axis; see {@link #memoryAsOf(String, MemoryType, Instant, TimeAxis)}. */
    public List<Memory> memoryAsOf(String agent, Instant at, TimeAxis axis) {
        Objects.requireNonNull(at, "at must not be null");
        Objects.requireNonNull(axis, "axis must not be null");
        Instant knownAt = axis == TimeAxis.SYSTEM ? at : Fields.MAX_INSTANT;
        return query("memory_as_of.sql", text("agent", agent), null, at, knownAt).stream()
                .map(MemoryFacade::memory)
                .sorted(Comparator.comparing(Memory::type))
                .toList();
    }

    /** Every version of one memory in recording order, each with its diff from the one before. */
    public List<MemoryChange> history(String agent, MemoryType type) {
        Fields.present("type", type);
        List<MemoryChange> changes = new ArrayList<>();
        Map<String, Object> previous = Map.of();
        for (Row r : query("memory_history.sql", text("agent", agent), type.id())) {
            Memory m = memory(r);
            changes.add(new MemoryChange(m, JsonDiff.diff(previous, m.content())));
            previous = m.content();
        }
        return changes;
    }

    /**
     * Who changed the memories of an agent (of one type, or all when {@code type} is null), when, how and why,
     * newest first, each with its diff from the version before it.
     */
    public List<MemoryChange> whoChanged(String agent, MemoryType type) {
        text("agent", agent);
        List<MemoryChange> all = new ArrayList<>();
        for (MemoryType t : type == null ? List.of(MemoryType.values()) : List.of(type)) {
            all.addAll(history(agent, t));
        }
        all.sort(Comparator.comparing((MemoryChange c) -> c.memory().recordedAt())
                .thenComparing(c -> c.memory().type())
                .thenComparingLong(c -> c.memory().version())
                .reversed());
        return all;
    }

    /**
     * Restores an earlier version: writes a new version whose content equals version {@code version} (history
     * keeps everything in between). Valid from now.
     *
     * @throws IllegalArgumentException when that version does not exist or is an expiry
     */
    public Memory rollback(
            String agent, MemoryType type, long version, AuthorKind authorKind, String authorName, String reason) {
        Fields.present("type", type);
        Fields.present("authorKind", authorKind);
        synchronized (writeLock) {
            Memory old = store
                    .sql(
                            "SELECT * FROM v_memory_versions WHERE agent_name = ? AND memory_type = ?"
                                    + " AND version = ?",
                            text("agent", agent),
                            type.id(),
                            version)
                    .rows()
                    .stream()
                    .findFirst()
                    .map(MemoryFacade::memory)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "agent '" + agent + "' has no version " + version + " of its " + type.id() + " memory"));
            if (old.isExpired()) {
                throw new IllegalArgumentException("version " + version + " of the " + type.id() + " memory of '"
                        + agent + "' is an expiry; roll back to a version with content");
            }
            Instant now = now();
            return write(new MemoryVersion(
                    null,
                    now,
                    null,
                    agent,
                    null,
                    type,
                    nextVersion(agent, type),
                    now,
                    "rollback",
                    old.content(),
                    authorKind,
                    authorName,
                    reason == null ? "rollback to version " + version : reason,
                    old.eventId(),
                    Map.of()));
        }
    }

    /**
     * Expires a memory from {@code validFrom} (null: now): it is hidden from the current memory and from
     * as-of answers after that instant, and every version stays readable. An update brings it back.
     *
     * @throws IllegalArgumentException when the agent has no current memory of that type
     */
    public Memory expire(
            String agent, MemoryType type, Instant validFrom, AuthorKind authorKind, String authorName, String reason) {
        Fields.present("type", type);
        Fields.present("authorKind", authorKind);
        synchronized (writeLock) {
            if (currentMemory(agent, type).isEmpty()) {
                throw new IllegalArgumentException(
                        "agent '" + agent + "' has no current " + type.id() + " memory to expire");
            }
            Instant now = now();
            return write(new MemoryVersion(
                    null,
                    now,
                    null,
                    agent,
                    null,
                    type,
                    nextVersion(agent, type),
                    validFrom == null ? now : validFrom,
                    "expire",
                    Map.of(),
                    authorKind,
                    authorName,
                    reason,
                    null,
                    Map.of()));
        }
    }

    /** Current memories whose JSON text contains {@code text}, case-insensitively. */
    public List<Memory> searchMemory(String text) {
        return query("search_memory.sql", text("text", text)).stream()
                .map(r -> currentMemory(r.string("agent_name"), MemoryType.of(r.string("memory_type")))
                        .orElseThrow())
                .toList();
    }

    /**
     * Compacts the current memories of an agent (one type, or all when {@code type} is null) with the
     * original's per-type strategies (see {@link MemoryType}). With {@code force} every type that has a strategy
     * is compacted; without it ({@code auto}) only those above their size limit. A compacted memory that
     * changed gets a new version (author {@code system}, change kind {@code compaction}); history keeps the
     * old one.
     *
     * @return the before/after report, over the memories considered
     */
    public CompactionReport compact(String agent, MemoryType type, boolean force) {
        text("agent", agent);
        synchronized (writeLock) {
            List<Memory> current = type == null
                    ? currentMemory(agent)
                    : currentMemory(agent, type).map(List::of).orElse(List.of());
            long before = 0;
            long after = 0;
            List<CompactedMemory> compacted = new ArrayList<>();
            for (Memory m : current) {
                before += m.contentBytes();
                long size = m.contentBytes();
                boolean over = m.type().limitKb().isPresent()
                        && size > m.type().limitKb().getAsLong() * 1024;
                if (m.type().strategy().isPresent() && (force || over)) {
                    Map<String, Object> smaller =
                            Fields.jsonObject("content", Compactor.compact(m.type(), m.content()));
                    if (!smaller.equals(m.content())) {
                        Instant now = now();
                        Memory written = write(new MemoryVersion(
                                null,
                                now,
                                null,
                                agent,
                                null,
                                m.type(),
                                nextVersion(agent, m.type()),
                                now,
                                "compaction",
                                smaller,
                                AuthorKind.SYSTEM,
                                "compaction",
                                (force ? "forced" : "auto") + " compaction: "
                                        + m.type().strategy().get(),
                                m.eventId(),
                                Map.of()));
                        compacted.add(
                                new CompactedMemory(m.type(), kb(size), kb(written.contentBytes()), written.version()));
                        size = written.contentBytes();
                    }
                }
                after += size;
            }
            double saved = kb(before) - kb(after);
            double percent = before == 0 ? 0 : Math.round((before - after) * 1000.0 / before) / 10.0;
            return new CompactionReport(
                    agent, !force, kb(before), kb(after), Math.round(saved * 10) / 10.0, percent, compacted);
        }
    }

    private static double kb(long bytes) {
        return Math.round(bytes * 10.0 / 1024) / 10.0;
    }

    static Memory memory(Row r) {
        String content = r.string("content");
        return new Memory(
                r.string("agent_name"),
                MemoryType.of("memory_type", r.string("memory_type")),
                r.int64("version"),
                content == null ? Map.of() : Fields.jsonObject("content", Fields.parseObject("content", content)),
                r.instant("valid_from"),
                Optional.ofNullable(r.instant("valid_to")),
                r.instant("recorded_at"),
                Optional.ofNullable(r.instant("superseded_at")),
                r.string("change_kind"),
                AuthorKind.of("author_kind", r.string("author_kind")),
                r.string("author_name"),
                r.string("reason"),
                r.string("session_id"),
                r.uuid("event_id"),
                r.int64("content_bytes"));
    }

    // ------------------------------------------------------------------------------------------------ import

    /**
     * Imports a database in the schema of the original SQLite memory system (jobs, sessions, messages, agents,
     * agent_memory, agent_health, tool_logs; flags and todos are counted as skipped until the agents module
     * exists) and reports what was imported, what was already there, and what was refused and why. Idempotent:
     * ids are name-based, so a re-run imports nothing new; a memory row changed in the source since is imported
     * as a new version. Reading needs the SQLite JDBC driver ({@code org.xerial:sqlite-jdbc}) at run time.
     */
    public SqliteImportReport importSqliteMemory(Path file) {
        Objects.requireNonNull(file, "file must not be null");
        synchronized (writeLock) {
            return new SqliteMemoryImporter(store, file).run();
        }
    }

    // ------------------------------------------------------------------------------------------------ health

    /**
     * Records an agent's module folder and baseline (when it is created or re-analysed). A null
     * {@code fileCountBaseline} is counted on disk when the folder exists (see {@link #countFiles(String)}).
     */
    public AgentBaseline recordBaseline(String agent, String modulePath, Long fileCountBaseline, String upgradedBy) {
        Long count = fileCountBaseline != null
                ? fileCountBaseline
                : modulePath == null ? null : countFiles(modulePath).orElse(null);
        AgentBaseline b =
                new AgentBaseline(UUID.randomUUID(), now(), null, agent, modulePath, count, upgradedBy, Map.of());
        store.record(b);
        return b;
    }

    /**
     * The regular files under a folder, recursively, leaving out hidden files and folders (names starting with
     * a dot); empty when the folder does not exist. A relative path is relative to the working directory.
     */
    public static Optional<Long> countFiles(String modulePath) {
        Path root = Path.of(Fields.required("modulePath", modulePath))
                .toAbsolutePath()
                .normalize();
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return Optional.of(files.filter(Files::isRegularFile)
                    .filter(p -> {
                        for (Path part : root.relativize(p)) {
                            if (part.toString().startsWith(".")) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .count());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot count the files under " + root, e);
        }
    }

    /**
     * Where the agents module is installed, a critical or oversized agent raises a flag (its {@code create_flag}
     * tool) for the agent's module, so the agents that coordinate work see it; without it, the health record alone.
     */
    private void raiseFlag(HealthCheck check) {
        if (!store.isInstalled("agents")
                || (check.status() != HealthStatus.CRITICAL && check.status() != HealthStatus.OVERSIZED)) {
            return;
        }
        Map<String, Object> args = new java.util.LinkedHashMap<>();
        args.put("flag_type", "maintenance");
        args.put("source_module", "memory");
        args.put("source_agent", check.agent());
        args.put("affected_modules", List.of(check.modulePath() != null ? check.modulePath() : check.agent()));
        args.put(
                "change_description",
                "memory health of agent " + check.agent() + " is "
                        + check.status().name().toLowerCase(java.util.Locale.ROOT) + " (drift " + check.driftScore()
                        + ", " + check.memorySizeKb() + " KB of memory)");
        args.put("action_required", check.recommendations());
        args.put("impact_level", check.status() == HealthStatus.CRITICAL ? "high" : "medium");
        store.callTool("create_flag", args);
    }

    /** Checks one agent's health now, counting its module's files on disk, and records the check. */
    public HealthCheck checkHealth(String agent) {
        return checkHealth(agent, null, null);
    }

    /**
     * Checks one agent's health now and records the check. {@code fileCountCurrent}, when given, is the number
     * of files in the agent's module now (otherwise they are counted on disk); {@code sessionId} may be null.
     * The drift is {@link HealthCheck#driftScore(Long, Long, Long)} from the agent's latest baseline (or, without
     * one, its first memory); the level is {@link HealthStatus#of(long, double)}.
     *
     * @throws IllegalArgumentException when the store has neither a baseline nor a memory of the agent
     */
    public HealthCheck checkHealth(String agent, Long fileCountCurrent, String sessionId) {
        text("agent", agent);
        Row a = store.sql("SELECT * FROM v_memory_agents WHERE agent_name = ?", agent).rows().stream()
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "the store has no baseline and no memory of agent '" + agent + "'"));
        Instant now = now();
        String module = a.string("module_path");
        Long baseline = a.int64("file_count_baseline");
        Instant baselineAt = a.instant("baseline_at");
        Long current = fileCountCurrent != null
                ? fileCountCurrent
                : module == null ? null : countFiles(module).orElse(null);
        Instant since = baselineAt != null ? baselineAt : a.instant("created_at");
        Long days = since == null || since.isAfter(now)
                ? Long.valueOf(0)
                : Duration.between(since, now).toDays();
        long drift = HealthCheck.driftScore(current, baseline, days);
        long confidence = Math.max(0, 100 - drift - (current == null || baseline == null ? 25 : 0));

        Map<MemoryType, Long> sizes = new EnumMap<>(MemoryType.class);
        List<String> issues = new ArrayList<>();
        boolean overLimit = false;
        for (Row s : store.sql("SELECT * FROM v_memory_sizes WHERE agent_name = ? ORDER BY memory_type", agent)
                .rows()) {
            MemoryType t = MemoryType.of(s.string("memory_type"));
            sizes.put(t, s.int64("content_bytes"));
            if (Boolean.TRUE.equals(s.bool("is_over_limit"))) {
                overLimit = true;
                issues.add(t.id() + " memory is " + kb(s.int64("content_bytes")) + " KB, over its "
                        + t.limitKb().getAsLong() + " KB limit");
            }
        }
        long bytes = sizes.values().stream().mapToLong(Long::longValue).sum();
        double memoryKb = bytes / 1024.0;
        String largest = sizes.entrySet().stream()
                .max(Map.Entry.<MemoryType, Long>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(e -> e.getKey().id())
                .orElse(null);
        HealthStatus status = HealthStatus.of(drift, memoryKb);
        String warning = memoryKb > 2000 ? "critical" : memoryKb >= 1000 ? "large" : null;
        boolean compactionNeeded = overLimit || memoryKb > 2000;
        if (current != null && baseline != null && !current.equals(baseline)) {
            issues.add("module " + module + " has " + current + " files, " + baseline + " at the baseline");
        }
        if (current == null || baseline == null) {
            issues.add("file count " + (current == null ? "now" : "at the baseline") + " unknown");
        }
        if (drift > 70) {
            issues.add("drift " + drift + " is above 70");
        }
        if (memoryKb > 2000) {
            issues.add("memory " + Math.round(memoryKb) + " KB is above 2000 KB");
        }
        List<String> advice = new ArrayList<>();
        if (status == HealthStatus.CRITICAL) {
            advice.add("Re-analyse " + (module == null ? "the agent's module" : "module " + module)
                    + ": the agent is critically out of sync (drift " + drift + ")");
        }
        if (compactionNeeded) {
            advice.add("Compact the memory of " + agent + " (compact_memory " + agent + ")");
        }
        if (status == HealthStatus.DEGRADED && drift >= 30) {
            advice.add("Monitor closely; re-analyse when drift exceeds 70");
        }
        if (advice.isEmpty()) {
            advice.add("No action needed");
        }
        HealthCheck check = new HealthCheck(
                UUID.randomUUID(),
                now,
                null,
                agent,
                sessionId,
                module,
                current,
                baseline,
                days,
                drift,
                confidence,
                status,
                bytes,
                warning,
                largest,
                compactionNeeded,
                changesSince(agent, MemoryType.PATTERNS, baselineAt),
                changesSince(agent, MemoryType.DEPENDENCIES, baselineAt),
                issues,
                String.join(". ", advice),
                compactionNeeded && drift <= 70,
                baselineAt,
                a.string("upgraded_by"),
                Map.of());
        store.record(check);
        raiseFlag(check);
        return check;
    }

    private String changesSince(String agent, MemoryType type, Instant baselineAt) {
        if (baselineAt == null) {
            return null;
        }
        List<Row> rows = store.sql(
                        "SELECT count(*) AS n, arg_max(reason, recorded_at) AS reason FROM v_memory_versions"
                                + " WHERE agent_name = ? AND memory_type = ? AND occurred_at > ?",
                        agent,
                        type.id(),
                        baselineAt)
                .rows();
        long n = rows.get(0).int64("n");
        if (n == 0) {
            return null;
        }
        String reason = rows.get(0).string("reason");
        return n + " new version(s) since the baseline" + (reason == null ? "" : "; latest: " + reason);
    }

    /** Checks the health of every agent that has a baseline or a memory, counting files on disk. */
    public List<HealthCheck> checkAllHealth() {
        return store.sql("SELECT agent_name FROM v_memory_agents ORDER BY agent_name").rows().stream()
                .map(r -> checkHealth(r.string("agent_name")))
                .toList();
    }

    /** The latest health check of each agent (of one agent when {@code agent} is not null), highest drift first. */
    public List<HealthCheck> health(String agent) {
        return store
                .sql(
                        "SELECT * FROM v_agent_health WHERE (CAST(? AS VARCHAR) IS NULL OR agent_name = ?)"
                                + " ORDER BY drift_score DESC, agent_name",
                        agent,
                        agent)
                .rows()
                .stream()
                .map(MemoryFactTypes.AGENT_HEALTH::read)
                .toList();
    }
}
