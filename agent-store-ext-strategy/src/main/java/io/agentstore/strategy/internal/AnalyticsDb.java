package io.agentstore.strategy.internal;

import io.agentstore.core.AgentRef;
import io.agentstore.core.ErrorEvent;
import io.agentstore.core.IngestError;
import io.agentstore.core.SessionEvent;
import io.agentstore.core.TaskOutcome;
import io.agentstore.core.TaskRef;
import io.agentstore.spi.AgentStoreException;
import io.agentstore.spi.EventIds;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.StoreContext;
import io.agentstore.strategy.AnalyticsImportSummary;
import io.agentstore.strategy.MetadataEntry;
import io.agentstore.strategy.PatternUsage;
import io.agentstore.strategy.WorkflowState;
import io.agentstore.tokens.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a database in the SQLite schema of the analytics system ({@code sessions}, {@code tasks},
 * {@code commands}, {@code errors}, {@code workflow_state}, {@code metadata}, {@code pattern_usage}) read-only
 * and turns each row into facts with name-based ids (table, row id and the row's own keys), so that importing
 * again changes nothing. A row that cannot be used is recorded as an ingest error and skipped.
 */
public final class AnalyticsDb {
    /** The {@code source} of facts' ids and ingest errors. */
    public static final String SOURCE = "analytics-db";

    static final List<String> TABLES =
            List.of("sessions", "tasks", "commands", "errors", "workflow_state", "metadata", "pattern_usage");
    private static final DateTimeFormatter SQLITE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS][.SS][.S]");

    private AnalyticsDb() {}

    /**
     * Imports {@code file} into {@code store}.
     *
     * @throws IllegalArgumentException when the file does not exist
     * @throws AgentStoreException      when it is not an SQLite database
     */
    public static AnalyticsImportSummary importFile(Path file, StoreContext store) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("analytics database " + file + " does not exist or is not a file");
        }
        String name = file.toAbsolutePath().toString();
        Map<String, Long> imported = new TreeMap<>();
        Map<String, Long> bad = new TreeMap<>();
        List<String> missing = new ArrayList<>();
        try (Connection c =
                DriverManager.getConnection("jdbc:sqlite:file:" + file.toAbsolutePath() + "?mode=ro", config())) {
            Set<String> present = new java.util.HashSet<>();
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
                while (rs.next()) {
                    present.add(rs.getString(1));
                }
            }
            for (String table : TABLES) {
                if (!present.contains(table)) {
                    missing.add(table);
                    continue;
                }
                List<FactRecord> facts = new ArrayList<>();
                List<FactRecord> errors = new ArrayList<>();
                try (Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("SELECT rowid AS _rowid, * FROM " + table)) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            row.put(md.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), rs.getObject(i));
                        }
                        long rowid = ((Number) row.get("_rowid")).longValue();
                        try {
                            facts.addAll(map(table, row));
                        } catch (RuntimeException e) {
                            errors.add(new IngestError(
                                    EventIds.of(SOURCE, "bad-row", name, table, Long.toString(rowid)),
                                    null,
                                    null,
                                    SOURCE,
                                    name,
                                    rowid,
                                    0,
                                    table + " row " + rowid + ": " + e.getMessage(),
                                    excerpt(row),
                                    Map.of("table", table)));
                        }
                    }
                }
                imported.put(table, facts.isEmpty() ? 0 : store.importAll(facts));
                bad.put(table, (long) errors.size());
                if (!errors.isEmpty()) {
                    store.importAll(errors);
                }
            }
        } catch (SQLException e) {
            throw new AgentStoreException(
                    "cannot read the analytics database " + file + ": " + e.getMessage() + " (is it an SQLite file?)",
                    e);
        }
        return new AnalyticsImportSummary(name, imported, bad, missing);
    }

    private static java.util.Properties config() {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY
        return p;
    }

    private static String excerpt(Map<String, Object> row) {
        String s = row.toString().replace("\u0000", "\\0");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 300; i++) {
            char ch = s.charAt(i);
            b.append(Character.isSurrogate(ch) ? '?' : ch);
        }
        return b.toString();
    }

    private static List<FactRecord> map(String table, Map<String, Object> r) {
        String rowid = String.valueOf(r.get("_rowid"));
        switch (table) {
            case "sessions" -> {
                String session = text(r, "session_id", true);
                List<FactRecord> out = new ArrayList<>();
                Instant start = time(r, "started_at", true);
                out.add(SessionEvent.builder()
                        .eventId(EventIds.of(SOURCE, "session-start", session))
                        .sessionId(session)
                        .eventType("start")
                        .occurredAt(start)
                        .attribute("tasks_completed", r.get("tasks_completed"))
                        .attribute("commands_run", r.get("commands_run"))
                        .build());
                Instant end = time(r, "ended_at", false);
                if (end != null) {
                    out.add(SessionEvent.builder()
                            .eventId(EventIds.of(SOURCE, "session-end", session))
                            .sessionId(session)
                            .eventType("end")
                            .occurredAt(end)
                            .build());
                }
                return out;
            }
            case "tasks" -> {
                String taskId = text(r, "task_id", true);
                Instant completed = time(r, "completed_at", false);
                Instant started = time(r, "started_at", false);
                String specialist = text(r, "specialist", false);
                return List.of(TaskOutcome.builder()
                        .eventId(EventIds.of(SOURCE, "task", rowid, taskId))
                        .task(new TaskRef("analytics-" + taskId, null, text(r, "type", false)))
                        .agent(specialist == null ? null : AgentRef.of(specialist))
                        .occurredAt(
                                completed != null ? completed : started != null ? started : time(r, "created_at", true))
                        .success(completed != null)
                        .finalStatus(completed != null ? "completed" : "open")
                        .elapsedMs(hoursMs(r, "duration_hours"))
                        .estimatedMs(hoursMs(r, "estimation_hours"))
                        .attribute("complexity", text(r, "complexity", false))
                        .build());
            }
            case "commands" -> {
                String command = text(r, "command", true);
                Instant at = time(r, "executed_at", true);
                String session = text(r, "session_id", false);
                CommandRun.Builder b = CommandRun.builder()
                        .eventId(EventIds.of(
                                SOURCE, "command", rowid, command, String.valueOf(r.get("executed_at")), session))
                        .command(command)
                        .occurredAt(at)
                        .sessionId(session)
                        .thinkingBudgetTokens(nonNegative(r, "thinking_budget"))
                        .durationMs(nonNegative(r, "duration_ms"))
                        .tokens(0, 0)
                        .attribute("tokens_known", false);
                String model = text(r, "model", false);
                if (model != null) {
                    b.model(model);
                }
                Object success = r.get("success");
                if (success != null && !truthy(success)) {
                    b.failed("failed");
                }
                return List.of(b.build());
            }
            case "errors" -> {
                String command = text(r, "command", true);
                Object sev = r.get("severity");
                if (!(sev instanceof Number n)) {
                    throw new IllegalArgumentException("severity must be a number, was " + sev);
                }
                int s = n.intValue();
                String severity = s >= 8 ? "critical" : s >= 5 ? "error" : s >= 3 ? "warning" : "info";
                return List.of(ErrorEvent.builder()
                        .eventId(EventIds.of(SOURCE, "error", rowid, command, String.valueOf(r.get("timestamp"))))
                        .occurredAt(time(r, "timestamp", true))
                        .sessionId(text(r, "session_id", false))
                        .severity(severity)
                        .errorType(command)
                        .message(text(r, "message", true))
                        .attribute("severity_level", s)
                        .attribute("context", text(r, "context", false))
                        .build());
            }
            case "workflow_state" -> {
                Map<String, Object> state = new LinkedHashMap<>(r);
                state.remove("_rowid");
                Instant at = firstTime(r, "updated_at", "created_at");
                return List.of(new WorkflowState(
                        EventIds.of(SOURCE, "workflow-state", rowid, String.valueOf(state)),
                        at,
                        null,
                        null,
                        state,
                        Map.of()));
            }
            case "metadata" -> {
                String key = text(r, "key", true);
                Object value = r.get("value");
                return List.of(new MetadataEntry(
                        EventIds.of(SOURCE, "metadata", key, String.valueOf(value)),
                        firstTime(r, "updated_at", "created_at"),
                        null,
                        key,
                        value == null ? null : value.toString(),
                        Map.of()));
            }
            case "pattern_usage" -> {
                String pattern = text(r, "pattern_name", true);
                Object task = r.get("task_id");
                Object confidence = r.get("confidence");
                return List.of(new PatternUsage(
                        EventIds.of(SOURCE, "pattern", rowid, pattern, String.valueOf(r.get("created_at"))),
                        time(r, "created_at", true),
                        null,
                        text(r, "session_id", false),
                        task == null ? null : new TaskRef("analytics-" + task, null, null),
                        pattern,
                        text(r, "source", false),
                        confidence == null ? null : number(confidence, "confidence"),
                        hoursMs(r, "time_saved_hours"),
                        Map.of()));
            }
            default -> throw new IllegalStateException("unknown table " + table);
        }
    }

    private static boolean truthy(Object v) {
        return v instanceof Number n
                ? n.intValue() != 0
                : Boolean.parseBoolean(v.toString()) || v.toString().equals("1");
    }

    private static String text(Map<String, Object> r, String column, boolean required) {
        Object v = r.get(column);
        if (v == null || v.toString().isBlank()) {
            if (required) {
                throw new IllegalArgumentException(column + " is required");
            }
            return null;
        }
        return v.toString();
    }

    private static double number(Object v, String column) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(v.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + " must be a number, was '" + v + "'");
        }
    }

    private static Long nonNegative(Map<String, Object> r, String column) {
        Object v = r.get(column);
        if (v == null) {
            return null;
        }
        double d = number(v, column);
        if (d < 0 || Double.isNaN(d)) {
            throw new IllegalArgumentException(column + " must be >= 0, was " + v);
        }
        return Math.round(d);
    }

    private static Long hoursMs(Map<String, Object> r, String column) {
        Object v = r.get(column);
        if (v == null) {
            return null;
        }
        double h = number(v, column);
        if (h < 0 || Double.isNaN(h) || Double.isInfinite(h) || h > 1e9) {
            throw new IllegalArgumentException(column + " must be between 0 and 10^9 hours, was " + v);
        }
        return Math.round(h * 3_600_000);
    }

    private static Instant firstTime(Map<String, Object> r, String... columns) {
        for (String c : columns) {
            if (r.get(c) != null) {
                return time(r, c, true);
            }
        }
        return Instant.EPOCH;
    }

    /** SQLite's CURRENT_TIMESTAMP text (UTC), ISO-8601 with or without an offset, or epoch milliseconds. */
    static Instant time(Map<String, Object> r, String column, boolean required) {
        Object v = r.get(column);
        if (v == null || v.toString().isBlank()) {
            if (required) {
                throw new IllegalArgumentException(column + " is required");
            }
            return null;
        }
        if (v instanceof Number n) {
            return Instant.ofEpochMilli(n.longValue());
        }
        String s = v.toString().strip();
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                try {
                    return LocalDateTime.parse(s, SQLITE).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e3) {
                    throw new IllegalArgumentException(column + " is not a time: '" + s + "'");
                }
            }
        }
    }
}
