package io.agentstore.agents;

import io.agentstore.core.AgentRef;
import io.agentstore.spi.AgentStoreException;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Json;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Reads the {@code flags} and {@code todos} tables of a database of the SQLite memory system (the reference's
 * columns; missing columns are null) into the agents module's facts. Event ids are derived from the table and the
 * row id, so importing again stores nothing twice. A row with a value the facts refuse is reported, not stored;
 * the other rows are. Needs the SQLite JDBC driver ({@code org.xerial:sqlite-jdbc}) at run time.
 */
final class SqliteFlagsTodos {
    private static final String NS = "agent-store/sqlite-memory/agents/";
    private static final DateTimeFormatter SQLITE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss][.SSS]");

    private final StoreContext context;
    private final Map<String, Long> read = new TreeMap<>();
    private final Map<String, Long> imported = new TreeMap<>();
    private final Map<String, Long> present = new TreeMap<>();
    private final List<String> refused = new ArrayList<>();

    SqliteFlagsTodos(StoreContext context) {
        this.context = context;
    }

    static UUID id(String... parts) {
        return UUID.nameUUIDFromBytes((NS + String.join("/", parts)).getBytes(StandardCharsets.UTF_8));
    }

    FlagsTodosImport run(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new AgentStoreException("the SQLite memory database " + file + " does not exist or is not a file");
        }
        Properties p = new Properties();
        p.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), p)) {
            Map<Long, String> agents = new HashMap<>();
            for (Map<String, Object> a : rows(c, "agents")) {
                Long id = num(a, "id");
                if (id != null && str(a, "name") != null) {
                    agents.put(id, str(a, "name"));
                }
            }
            flags(rows(c, "flags"));
            todos(rows(c, "todos"), agents);
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains("No suitable driver")) {
                throw new AgentStoreException(
                        "reading " + file + " needs the SQLite JDBC driver (org.xerial:sqlite-jdbc) on the class path",
                        e);
            }
            throw new AgentStoreException("cannot read the SQLite memory database " + file + ": " + e.getMessage(), e);
        }
        return new FlagsTodosImport(file.toString(), read, imported, present, refused);
    }

    private void flags(List<Map<String, Object>> rows) {
        read.put("flags", (long) rows.size());
        List<FactRecord> facts = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            String rowId = str(r, "id");
            try {
                Instant created = createdAt(r);
                UUID flagId = id("flags", rowId);
                Flag.Builder b = Flag.builder()
                        .eventId(flagId)
                        .occurredAt(created)
                        .sessionId(str(r, "session_id"))
                        .source(str(r, "source_module"), str(r, "source_agent"))
                        .type(str(r, "flag_type"))
                        .change(str(r, "change_description"), str(r, "action_required"))
                        .impact(str(r, "impact_level"))
                        .codeLocation(str(r, "code_location"))
                        .exampleUsage(str(r, "example_usage"))
                        .notes(str(r, "notes"))
                        .attribute("imported_from", "sqlite-memory")
                        .attribute("sqlite_id", rowId);
                List<String> modules = commaList(str(r, "affected_modules"));
                b.affects(modules.toArray(new String[0]));
                b.relatedFiles(commaList(str(r, "related_files")).toArray(new String[0]));
                jsonObject(r, "context").forEach(b::context);
                List<FactRecord> one = new ArrayList<>();
                Flag flag = b.build();
                one.add(flag);
                String status = str(r, "status");
                Instant acknowledged = time(r, "acknowledged_at");
                Instant completed = time(r, "completed_at");
                AgentRef by = str(r, "completed_by") == null ? null : AgentRef.of(str(r, "completed_by"));
                for (String module : flag.affectedModules()) {
                    if (acknowledged != null) {
                        one.add(new FlagStatus(
                                id("flags", rowId, module, "acknowledged"),
                                acknowledged,
                                null,
                                flagId,
                                module,
                                null,
                                "acknowledged",
                                null,
                                Map.of()));
                    }
                    if (status != null && !status.equals("pending") && !status.equals("acknowledged")) {
                        Instant at = completed != null ? completed : acknowledged != null ? acknowledged : created;
                        one.add(new FlagStatus(
                                id("flags", rowId, module, status),
                                at,
                                null,
                                flagId,
                                module,
                                by,
                                status,
                                str(r, "notes"),
                                Map.of()));
                    } else if ("acknowledged".equals(status) && acknowledged == null) {
                        one.add(new FlagStatus(
                                id("flags", rowId, module, "acknowledged"),
                                created,
                                null,
                                flagId,
                                module,
                                null,
                                "acknowledged",
                                null,
                                Map.of()));
                    }
                }
                facts.addAll(one);
            } catch (InvalidRecordException e) {
                refused.add("flags id " + rowId + ": " + e.getMessage());
            }
        }
        record("flags", facts);
    }

    private void todos(List<Map<String, Object>> rows, Map<Long, String> agents) {
        read.put("todos", (long) rows.size());
        List<FactRecord> facts = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            String rowId = str(r, "id");
            try {
                Instant created = createdAt(r);
                UUID todoId = id("todos", rowId);
                Map<String, Object> ctx = jsonObject(r, "context");
                Long agentId = num(r, "agent_id");
                String agentName = agentId == null ? null : agents.get(agentId);
                Todo.Builder b = Todo.builder()
                        .eventId(todoId)
                        .todoId(todoId)
                        .occurredAt(created)
                        .sessionId(str(r, "session_id"))
                        .agent(agentName == null ? null : AgentRef.of(agentName))
                        .task(str(r, "task"))
                        .priority(str(r, "priority"))
                        .category(str(r, "category"))
                        .module(str(r, "module"))
                        .due(time(r, "due_date"))
                        .start(time(r, "start_date"))
                        .reminder(time(r, "reminder_at"))
                        .estimatedHours(dbl(r, "estimated_hours"))
                        .createdBy(str(r, "created_by"))
                        .flags(bool(r, "auto_created"), bool(r, "ai_suggested"))
                        .attribute("imported_from", "sqlite-memory")
                        .attribute("sqlite_id", rowId);
                if (ctx.get("parent_id") != null) {
                    b.parent(id("todos", String.valueOf(ctx.get("parent_id"))));
                }
                ctx.forEach(b::context);
                b.tags(jsonList(r, "tags").toArray(new String[0]));
                b.relatedFiles(jsonList(r, "related_files").toArray(new String[0]));
                List<FactRecord> one = new ArrayList<>();
                one.add(b.build());
                one.add(new TodoStatus(
                        id("todos", rowId, "created"), created, null, todoId, null, "pending", null, null, Map.of()));
                String status = str(r, "status");
                if (status != null && !status.equals("pending")) {
                    Instant at = status.equals("completed") && time(r, "completed_at") != null
                            ? time(r, "completed_at")
                            : time(r, "updated_at") != null ? time(r, "updated_at") : created;
                    if (!at.isAfter(created)) {
                        // the original keeps no time for the change: it is ordered after the creation
                        at = created.plusNanos(1_000);
                    }
                    String who = status.equals("completed") && str(r, "completed_by") != null
                            ? str(r, "completed_by")
                            : str(r, "updated_by");
                    one.add(new TodoStatus(
                            id("todos", rowId, "status"),
                            at,
                            null,
                            todoId,
                            who == null ? null : AgentRef.of(who),
                            status,
                            dbl(r, "actual_hours"),
                            str(r, "blocked_reason"),
                            Map.of()));
                }
                if (str(r, "assigned_to") != null) {
                    one.add(new TodoAssignment(
                            id("todos", rowId, "assigned"),
                            created,
                            null,
                            todoId,
                            AgentRef.of(str(r, "assigned_to")),
                            null,
                            "sqlite-memory",
                            Map.of()));
                }
                for (String dep : jsonList(r, "dependencies")) {
                    one.add(new TodoDependency(
                            id("todos", rowId, "blocked-by", dep),
                            created,
                            null,
                            todoId,
                            id("todos", dep),
                            false,
                            Map.of()));
                }
                facts.addAll(one);
            } catch (InvalidRecordException e) {
                refused.add("todos id " + rowId + ": " + e.getMessage());
            }
        }
        record("todos", facts);
    }

    /** The row's {@code created_at}, or the import's time when the original has none. */
    private Instant createdAt(Map<String, Object> row) {
        Instant t = time(row, "created_at");
        return t != null ? t : context.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    private void record(String table, List<FactRecord> facts) {
        long added = facts.isEmpty() ? 0 : context.importAll(facts);
        imported.put(table, added);
        present.put(table, facts.size() - added);
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
                ResultSet rs = st.executeQuery("SELECT * FROM " + table + " ORDER BY rowid")) {
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
        Double d = dbl(row, column);
        return d == null ? null : Math.round(d);
    }

    private static Double dbl(Map<String, Object> row, String column) {
        Object v = row.get(column);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        String s = str(row, column);
        if (s == null) {
            return null;
        }
        try {
            return Double.parseDouble(s.trim());
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
    private static Instant time(Map<String, Object> row, String column) {
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

    private static List<String> commaList(String s) {
        List<String> out = new ArrayList<>();
        if (s != null) {
            for (String part : s.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }

    /** A JSON array column as strings; anything else (or bad JSON) is refused naming the column. */
    private static List<String> jsonList(Map<String, Object> row, String column) {
        String s = str(row, column);
        if (s == null) {
            return List.of();
        }
        Object parsed;
        try {
            parsed = Json.parse(s);
        } catch (RuntimeException e) {
            throw new InvalidRecordException(column, s, "is not a JSON array");
        }
        if (!(parsed instanceof List<?> list)) {
            throw new InvalidRecordException(column, s, "is not a JSON array");
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            out.add(o instanceof String str ? str : Json.write(o));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> jsonObject(Map<String, Object> row, String column) {
        String s = str(row, column);
        if (s == null) {
            return Map.of();
        }
        Object parsed;
        try {
            parsed = Json.parse(s);
        } catch (RuntimeException e) {
            throw new InvalidRecordException(column, s, "is not a JSON object");
        }
        if (!(parsed instanceof Map<?, ?> m)) {
            throw new InvalidRecordException(column, s, "is not a JSON object");
        }
        return new LinkedHashMap<>((Map<String, Object>) m);
    }
}
