package io.agentstore.memory.internal;

import io.agentstore.core.ToolCall;
import io.agentstore.memory.AgentBaseline;
import io.agentstore.memory.AuthorKind;
import io.agentstore.memory.HealthCheck;
import io.agentstore.memory.HealthStatus;
import io.agentstore.memory.JobStatus;
import io.agentstore.memory.JobTransition;
import io.agentstore.memory.MemoryType;
import io.agentstore.memory.MemoryVersion;
import io.agentstore.memory.SessionMessages;
import io.agentstore.memory.SessionSummary;
import io.agentstore.memory.SqliteImportReport;
import io.agentstore.spi.AgentStoreException;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.StoreContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Reads a database in the original SQLite memory system's schema through plain JDBC ({@code jdbc:sqlite:},
 * read-only) and records its rows as facts of the memory module (and core tool calls for {@code tool_logs}).
 * Event ids are name-based on each row's identity and content, so a re-run records nothing new, and a row
 * changed in the source since records a new version.
 */
public final class SqliteMemoryImporter {
    private static final String NS = "agent-store/sqlite-memory/";
    private static final DateTimeFormatter SQLITE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd[ ]['T']HH:mm[:ss][.SSSSSS][.SSS][.SS][.S]");

    private final StoreContext store;
    private final Path file;
    private final Map<String, Long> read = new TreeMap<>();
    private final Map<String, Long> imported = new TreeMap<>();
    private final Map<String, Long> present = new TreeMap<>();
    private final Map<String, Long> skipped = new TreeMap<>();
    private final List<String> refused = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /** An import of {@code file} into {@code store}. */
    public SqliteMemoryImporter(StoreContext store, Path file) {
        this.store = store;
        this.file = file;
    }

    /** Runs the import. */
    public SqliteImportReport run() {
        if (!Files.isRegularFile(file)) {
            throw new AgentStoreException("the SQLite memory database " + file + " does not exist or is not a file");
        }
        Properties p = new Properties();
        p.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), p)) {
            Map<Long, String> agents = agents(c);
            jobs(c);
            sessions(c);
            messages(c);
            memories(c, agents);
            health(c, agents);
            toolLogs(c);
            for (String table : List.of("flags", "todos")) {
                long n = rows(c, table).size();
                read.put(table, n);
                if (n > 0 && !store.isInstalled("agents")) {
                    skipped.put(table, n);
                }
            }
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains("No suitable driver")) {
                throw new AgentStoreException(
                        "reading " + file + " needs the SQLite JDBC driver (org.xerial:sqlite-jdbc)"
                                + " on the class path",
                        e);
            }
            throw new AgentStoreException("cannot read the SQLite memory database " + file + ": " + e.getMessage(), e);
        }
        return new SqliteImportReport(file.toString(), read, imported, present, skipped, refused, notes);
    }

    // ------------------------------------------------------------------------------------------------ reading

    private static List<Map<String, Object>> rows(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet exists = st.executeQuery(
                        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '" + table + "'")) {
            if (!exists.next() || exists.getInt(1) == 0) {
                return List.of();
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new HashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnName(i).toLowerCase(Locale.ROOT), rs.getObject(i));
                }
                out.add(row);
            }
        }
        return out;
    }

    private static String str(Map<String, Object> row, String column) {
        Object v = row.get(column);
        if (v == null) {
            return null;
        }
        String s = String.valueOf(v);
        return s.isBlank() ? null : s;
    }

    private static Long num(Map<String, Object> row, String column) {
        Object v = row.get(column);
        if (v instanceof Number n) {
            return n.longValue();
        }
        String s = str(row, column);
        if (s == null) {
            return null;
        }
        try {
            return Math.round(Double.parseDouble(s.trim()));
        } catch (NumberFormatException e) {
            throw new InvalidRecordException(column, s, "is not a number");
        }
    }

    private static boolean bool(Map<String, Object> row, String column) {
        Object v = row.get(column);
        if (v instanceof Number n) {
            return n.longValue() != 0;
        }
        String s = str(row, column);
        return s != null && (s.equalsIgnoreCase("true") || s.equals("1"));
    }

    /** An instant from the original's TEXT timestamps: ISO-8601, {@code 2025-01-17 10:30[:00]} (UTC), a date. */
    static Instant time(Map<String, Object> row, String column) {
        String s = str(row, column);
        if (s == null) {
            return null;
        }
        String t = s.trim();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(t, SQLITE).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                try {
                    return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException e3) {
                    throw new InvalidRecordException(column, s, "is not a timestamp");
                }
            }
        }
    }

    /** A JSON list column as strings (non-strings as their JSON text); bad JSON is kept as one item and noted. */
    private List<String> jsonList(Map<String, Object> row, String column, String where) {
        String s = str(row, column);
        if (s == null) {
            return List.of();
        }
        Object parsed;
        try {
            parsed = Fields.MAPPER.readValue(s, Object.class);
        } catch (Exception e) {
            notes.add(where + ": " + column + " is not JSON; kept as one item");
            return List.of(s);
        }
        List<String> out = new ArrayList<>();
        if (parsed instanceof List<?> list) {
            for (Object o : list) {
                if (o != null) {
                    out.add(o instanceof String str ? str : Fields.write(o));
                }
            }
        } else if (parsed != null) {
            out.add(parsed instanceof String str ? str : Fields.write(parsed));
        }
        return out.stream().filter(x -> !x.isBlank()).toList();
    }

    private static UUID id(String... parts) {
        return UUID.nameUUIDFromBytes((NS + String.join("/", parts)).getBytes(StandardCharsets.UTF_8));
    }

    private void record(String table, List<? extends FactRecord> facts) {
        if (facts.isEmpty()) {
            imported.putIfAbsent(table, 0L);
            return;
        }
        long added = store.importAll(facts);
        imported.merge(table, added, Long::sum);
        present.merge(table, facts.size() - added, Long::sum);
    }

    private void refuse(String table, Object id, String reason) {
        refused.add(table + "#" + id + ": " + reason);
    }

    // ------------------------------------------------------------------------------------------------ tables

    private Map<Long, String> agents(Connection c) throws SQLException {
        Map<Long, String> names = new HashMap<>();
        List<AgentBaseline> facts = new ArrayList<>();
        List<Map<String, Object>> rows = rows(c, "agents");
        read.put("agents", (long) rows.size());
        for (Map<String, Object> r : rows) {
            try {
                Long id = num(r, "id");
                String name = Fields.required("name", str(r, "name"));
                names.put(id, name);
                Instant created = time(r, "created_at");
                facts.add(new AgentBaseline(
                        id("agents", String.valueOf(id), name),
                        created,
                        null,
                        name,
                        null,
                        null,
                        "import",
                        Map.of("source", "sqlite-memory")));
            } catch (InvalidRecordException e) {
                refuse("agents", r.get("id"), e.getMessage());
            }
        }
        record("agents", facts);
        return names;
    }

    private void jobs(Connection c) throws SQLException {
        List<JobTransition> facts = new ArrayList<>();
        List<Map<String, Object>> rows = rows(c, "jobs");
        read.put("jobs", (long) rows.size());
        for (Map<String, Object> r : rows) {
            String job = str(r, "id");
            try {
                Fields.required("id", job);
                Instant created = time(r, "created_at");
                if (created == null) {
                    throw new InvalidRecordException("created_at", null, "is required");
                }
                List<Object[]> events = new ArrayList<>();
                Instant paused = time(r, "paused_at");
                Instant resumed = time(r, "resumed_at");
                Instant completed = time(r, "completed_at");
                if (paused != null) {
                    events.add(new Object[] {paused, JobStatus.PAUSED, str(r, "pause_reason")});
                }
                if (resumed != null) {
                    if (paused == null || paused.isAfter(resumed)) {
                        // the original keeps only the latest pause: the one before this resumption is unknown
                        events.add(new Object[] {resumed, JobStatus.PAUSED, "imported: a pause before the resumption"});
                        notes.add("jobs#" + job
                                + ": a pause before resumed_at was added (the original keeps only the latest)");
                    }
                    events.add(new Object[] {resumed, JobStatus.RESUMED, null});
                }
                if (completed != null) {
                    events.add(new Object[] {completed, JobStatus.COMPLETED, null});
                }
                events.sort(Comparator.comparing(e -> (Instant) e[0]));
                facts.add(new JobTransition(
                        id("jobs", job, "active"),
                        created,
                        null,
                        job,
                        null,
                        null,
                        null,
                        JobStatus.ACTIVE,
                        null,
                        Map.of("source", "sqlite-memory")));
                for (Object[] e : events) {
                    JobStatus s = (JobStatus) e[1];
                    facts.add(new JobTransition(
                            id("jobs", job, s.id(), e[0].toString()),
                            (Instant) e[0],
                            null,
                            job,
                            null,
                            null,
                            null,
                            s,
                            (String) e[2],
                            Map.of("source", "sqlite-memory")));
                }
                String status = str(r, "status");
                if (status != null
                        && !status.equalsIgnoreCase(
                                facts.get(facts.size() - 1).status().id())) {
                    notes.add("jobs#" + job + ": status '" + status
                            + "' does not match its timestamps; the timestamps win");
                }
            } catch (InvalidRecordException e) {
                refuse("jobs", job, e.getMessage());
            }
        }
        record("jobs", facts);
    }

    private void sessions(Connection c) throws SQLException {
        List<FactRecord> facts = new ArrayList<>();
        List<Map<String, Object>> rows = rows(c, "sessions");
        read.put("sessions", (long) rows.size());
        java.util.Set<String> jobIds = new java.util.HashSet<>();
        for (Map<String, Object> j : rows(c, "jobs")) {
            jobIds.add(str(j, "id"));
        }
        for (Map<String, Object> r : rows) {
            String session = str(r, "id");
            String where = "sessions#" + session;
            try {
                Fields.required("id", session);
                String job = str(r, "job_id");
                if (job != null && !jobIds.contains(job)) {
                    notes.add(where + ": job '" + job + "' does not exist; imported without its job");
                    job = null;
                }
                Long score = num(r, "quality_score");
                if (score != null && (score < 0 || score > 10)) {
                    notes.add(where + ": quality_score " + score + " is outside 0..10; dropped");
                    score = null;
                }
                Instant started = time(r, "created_at");
                Instant ended = time(r, "ended_at");
                if (started != null && ended != null && ended.isBefore(started)) {
                    notes.add(where + ": ended_at is before created_at; dropped");
                    ended = null;
                }
                SessionSummary s = new SessionSummary(
                        id(
                                "sessions",
                                session,
                                String.valueOf(r.get("title")),
                                String.valueOf(r.get("ended_at")),
                                String.valueOf(r.get("pending"))),
                        ended != null ? ended : started,
                        null,
                        session,
                        job,
                        null,
                        "import",
                        str(r, "title"),
                        jsonList(r, "accomplishments", where),
                        jsonList(r, "decisions", where),
                        jsonList(r, "pending", where),
                        jsonList(r, "bugs_fixed", where),
                        jsonList(r, "errors_encountered", where),
                        str(r, "breakthrough_moment"),
                        str(r, "next_session_priority"),
                        score == null ? null : score.intValue(),
                        started,
                        ended,
                        Map.of("source", "sqlite-memory"));
                facts.add(s);
            } catch (InvalidRecordException e) {
                refuse("sessions", session, e.getMessage());
            }
        }
        record("sessions", facts);
    }

    private void messages(Connection c) throws SQLException {
        List<SessionMessages> facts = new ArrayList<>();
        List<Map<String, Object>> rows = rows(c, "messages");
        read.put("messages", (long) rows.size());
        for (Map<String, Object> r : rows) {
            try {
                Long minutes = num(r, "duration_minutes");
                facts.add(new SessionMessages(
                        id("messages", String.valueOf(r.get("id"))),
                        time(r, "created_at"),
                        null,
                        str(r, "session_id"),
                        str(r, "conversation_flow"),
                        num(r, "total_exchanges"),
                        minutes == null ? null : minutes * 60_000,
                        Map.of("source", "sqlite-memory")));
            } catch (InvalidRecordException e) {
                refuse("messages", r.get("id"), e.getMessage());
            }
        }
        record("messages", facts);
    }

    private void memories(Connection c, Map<Long, String> agents) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>(rows(c, "agent_memory"));
        read.put("agent_memory", (long) rows.size());
        rows.sort(Comparator.comparing((Map<String, Object> r) -> String.valueOf(r.get("updated_at")))
                .thenComparing(r -> String.valueOf(r.get("id"))));
        Map<String, Long> next = new HashMap<>();
        List<MemoryVersion> facts = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            Object rowId = r.get("id");
            try {
                Long agentId = num(r, "agent_id");
                String agent = agents.get(agentId);
                if (agent == null) {
                    throw new InvalidRecordException("agent_id", agentId, "names no row of agents");
                }
                MemoryType type = MemoryType.of("memory_type", str(r, "memory_type"));
                String text = Fields.required("content", str(r, "content"));
                Map<String, Object> content = Fields.jsonObject("content", Fields.parseObject("content", text));
                Instant updated = time(r, "updated_at");
                Instant at = updated != null ? updated : time(r, "created_at");
                if (at == null) {
                    throw new InvalidRecordException("updated_at", null, "and created_at are both missing");
                }
                UUID eventId = id(
                        "agent_memory",
                        String.valueOf(rowId),
                        String.valueOf(r.get("updated_at")),
                        Fields.jsonHash(content));
                if (!store.sql("SELECT 1 FROM fact_memory_version WHERE event_id = ?", eventId)
                        .rows()
                        .isEmpty()) {
                    present.merge("agent_memory", 1L, Long::sum);
                    continue;
                }
                String key = agent + "/" + type.id();
                long version = next.computeIfAbsent(
                                key,
                                k -> store.sql(
                                                "SELECT coalesce(max(f.version), 0) AS v"
                                                        + " FROM fact_memory_version f JOIN dim_agent a ON a.agent_key = f.agent_key"
                                                        + " WHERE a.agent_name = ? AND f.memory_type = ?",
                                                agent,
                                                type.id())
                                        .rows()
                                        .get(0)
                                        .int64("v"))
                        + 1;
                next.put(key, version);
                facts.add(new MemoryVersion(
                        eventId,
                        at,
                        null,
                        agent,
                        null,
                        type,
                        version,
                        at,
                        "import",
                        content,
                        AuthorKind.SYSTEM,
                        "sqlite-memory import",
                        "imported from " + file.getFileName(),
                        null,
                        Map.of("source", "sqlite-memory", "source_id", String.valueOf(rowId))));
            } catch (InvalidRecordException e) {
                refuse("agent_memory", rowId, e.getMessage());
            }
        }
        // one version per transaction: versions of the same memory must not share a recorded_at
        for (MemoryVersion v : facts) {
            record("agent_memory", List.of(v));
        }
        imported.putIfAbsent("agent_memory", 0L);
    }

    private void health(Connection c, Map<Long, String> agents) throws SQLException {
        List<HealthCheck> facts = new ArrayList<>();
        List<Map<String, Object>> rows = rows(c, "agent_health");
        read.put("agent_health", (long) rows.size());
        for (Map<String, Object> r : rows) {
            Object rowId = r.get("id");
            try {
                Long agentId = num(r, "agent_id");
                String agent = agents.get(agentId);
                if (agent == null) {
                    throw new InvalidRecordException("agent_id", agentId, "names no row of agents");
                }
                String status = str(r, "status");
                HealthStatus level;
                try {
                    level = HealthStatus.of(Fields.required("status", status));
                } catch (IllegalArgumentException e) {
                    throw new InvalidRecordException(
                            "status", status, "must be healthy, degraded, critical or oversized");
                }
                Long drift = num(r, "drift_score");
                Long confidence = num(r, "confidence_score");
                Long kb = num(r, "memory_size_kb");
                String where = "agent_health#" + rowId;
                facts.add(new HealthCheck(
                        id("agent_health", String.valueOf(rowId)),
                        time(r, "checked_at"),
                        null,
                        agent,
                        str(r, "session_id"),
                        null,
                        num(r, "file_count_current"),
                        num(r, "file_count_baseline"),
                        null,
                        drift == null ? 0 : drift,
                        confidence == null ? 0 : confidence,
                        level,
                        kb == null ? 0 : kb * 1024,
                        str(r, "memory_size_warning"),
                        str(r, "largest_memory_type"),
                        bool(r, "needs_compaction"),
                        str(r, "patterns_changed"),
                        str(r, "dependencies_changed"),
                        jsonList(r, "issues", where),
                        str(r, "recommendations"),
                        bool(r, "auto_upgrade_eligible"),
                        time(r, "last_upgrade_at"),
                        str(r, "upgraded_by"),
                        Map.of("source", "sqlite-memory")));
            } catch (InvalidRecordException e) {
                refuse("agent_health", rowId, e.getMessage());
            }
        }
        record("agent_health", facts);
    }

    private void toolLogs(Connection c) throws SQLException {
        List<ToolCall> facts = new ArrayList<>();
        List<Map<String, Object>> rows = rows(c, "tool_logs");
        read.put("tool_logs", (long) rows.size());
        for (Map<String, Object> r : rows) {
            Object rowId = r.get("id");
            try {
                Map<String, Object> attributes = new LinkedHashMap<>();
                attributes.put("source", "sqlite-memory");
                for (String col : List.of(
                        "tool_category",
                        "parameters",
                        "lines_changed",
                        "bytes_processed",
                        "result_summary",
                        "error_message",
                        "hook_message")) {
                    if (str(r, col) != null) {
                        attributes.put(col, str(r, col));
                    }
                }
                ToolCall.Builder b = ToolCall.builder()
                        .eventId(id("tool_logs", String.valueOf(rowId)))
                        .occurredAt(time(r, "timestamp"))
                        .sessionId(str(r, "session_id"))
                        .tool(Fields.required("tool_name", str(r, "tool_name")))
                        .targetPath(str(r, "file_affected"))
                        .durationMs(num(r, "duration_ms"))
                        .attributes(attributes);
                if (bool(r, "blocked_by_hook")) {
                    b.failed("blocked_by_hook");
                } else if (r.get("success") != null && !bool(r, "success")) {
                    b.failed("error");
                } else {
                    b.success(true);
                }
                facts.add(b.build());
            } catch (InvalidRecordException e) {
                refuse("tool_logs", rowId, e.getMessage());
            }
        }
        record("tool_logs", facts);
    }
}
