package io.agentstore.cdc.diff;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Diffs two SQL DDL scripts with the {@code sql_ddl.*} rules. The scripts are parsed by DuckDB itself: each is
 * run in its own in-memory database (attached to one in-memory connection per diff) and its tables, views and columns are read back from
 * {@code information_schema.columns}, so types come back normalised ({@code INT} is {@code INTEGER}, {@code TEXT}
 * is {@code VARCHAR}). Subjects are {@code table} and {@code table.column}.
 */
public final class SqlDdlDiffer implements Differ {
    private static final List<String> INTEGERS = List.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT");
    private static final List<String> UNSIGNED = List.of("UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT");
    private static final List<String> FLOATS = List.of("FLOAT", "DOUBLE");
    private static final Pattern DECIMAL = Pattern.compile("DECIMAL\\((\\d+),(\\d+)\\)");

    /** A differ; each diff opens two in-memory DuckDB databases. */
    public SqlDdlDiffer() {}

    @Override
    public String id() {
        return "sql_ddl";
    }

    private record Column(String type, boolean nullable, String defaultValue) {}

    @Override
    public List<DetectedChange> diff(String oldText, String newText) {
        if (oldText == null || newText == null) {
            throw new IllegalArgumentException("a DDL script is missing");
        }
        Map<String, Map<String, Column>> a;
        Map<String, Map<String, Column>> b;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            a = tables(s, "old_ddl", "the old DDL", oldText);
            b = tables(s, "new_ddl", "the new DDL", newText);
        } catch (SQLException e) {
            throw new IllegalArgumentException("cannot open an in-memory DuckDB: " + e.getMessage(), e);
        }
        List<DetectedChange> out = new ArrayList<>();
        a.forEach((table, columns) -> {
            Map<String, Column> other = b.get(table);
            if (other == null) {
                emit(out, "table_dropped", table, null, null, "table " + table + " was dropped");
                return;
            }
            columns.forEach((name, c) -> {
                String subject = table + "." + name;
                Column d = other.get(name);
                if (d == null) {
                    emit(
                            out,
                            c.nullable ? "column_dropped" : "not_null_column_dropped",
                            subject,
                            c.type,
                            null,
                            "column " + subject + " (" + c.type + ") was dropped");
                    return;
                }
                if (!c.type.equals(d.type)) {
                    emit(
                            out,
                            typeKind(c.type, d.type),
                            subject,
                            c.type,
                            d.type,
                            "the type of " + subject + " went from " + c.type + " to " + d.type);
                }
                if (c.nullable && !d.nullable) {
                    emit(out, "became_not_null", subject, "NULL", "NOT NULL", subject + " became NOT NULL");
                } else if (!c.nullable && d.nullable) {
                    emit(out, "became_nullable", subject, "NOT NULL", "NULL", subject + " became nullable");
                }
                if (!Objects.equals(c.defaultValue, d.defaultValue)) {
                    emit(
                            out,
                            "default_changed",
                            subject,
                            c.defaultValue,
                            d.defaultValue,
                            "the default of " + subject + " changed");
                }
            });
            other.forEach((name, d) -> {
                if (!columns.containsKey(name)) {
                    String subject = table + "." + name;
                    emit(
                            out,
                            d.nullable ? "column_added" : "not_null_column_added",
                            subject,
                            null,
                            d.type,
                            "column " + subject + " (" + d.type + (d.nullable ? "" : " NOT NULL") + ") was added");
                }
            });
        });
        b.keySet().stream()
                .filter(t -> !a.containsKey(t))
                .forEach(t -> emit(out, "table_added", t, null, null, "table " + t + " was added"));
        return List.copyOf(out);
    }

    /** Whether {@code to} holds every value of {@code from} (widened), the reverse (narrowed), or neither. */
    static String typeKind(String from, String to) {
        for (List<String> ladder : List.of(INTEGERS, UNSIGNED, FLOATS)) {
            int i = ladder.indexOf(from);
            int j = ladder.indexOf(to);
            if (i >= 0 && j >= 0) {
                return j > i ? "type_widened" : "type_narrowed";
            }
        }
        Matcher f = DECIMAL.matcher(from);
        Matcher t = DECIMAL.matcher(to);
        if (f.matches() && t.matches()) {
            int pf = Integer.parseInt(f.group(1));
            int sf = Integer.parseInt(f.group(2));
            int pt = Integer.parseInt(t.group(1));
            int st = Integer.parseInt(t.group(2));
            if (st >= sf && pt - st >= pf - sf) {
                return "type_widened";
            }
            if (sf >= st && pf - sf >= pt - st) {
                return "type_narrowed";
            }
        }
        return "type_changed";
    }

    private static void emit(
            List<DetectedChange> out, String kind, String subject, String oldValue, String newValue, String summary) {
        out.add(new DetectedChange(Rules.get("sql_ddl." + kind), subject, null, oldValue, newValue, summary));
    }

    /** Runs {@code ddl} in a fresh in-memory database {@code name} attached to the connection, and reads it back. */
    private static Map<String, Map<String, Column>> tables(Statement s, String name, String what, String ddl) {
        Map<String, Map<String, Column>> tables = new LinkedHashMap<>();
        try {
            s.execute("ATTACH ':memory:' AS " + name);
            s.execute("USE " + name);
            if (!ddl.isBlank()) {
                s.execute(ddl);
            }
            try (ResultSet r = s.executeQuery("SELECT table_name, column_name, data_type, is_nullable, column_default"
                    + " FROM information_schema.columns WHERE table_catalog = '" + name + "'"
                    + " ORDER BY table_schema, table_name, ordinal_position")) {
                while (r.next()) {
                    tables.computeIfAbsent(r.getString(1).toLowerCase(Locale.ROOT), k -> new LinkedHashMap<>())
                            .put(
                                    r.getString(2).toLowerCase(Locale.ROOT),
                                    new Column(r.getString(3), "YES".equals(r.getString(4)), r.getString(5)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalArgumentException(what + " is not DDL DuckDB accepts: " + e.getMessage(), e);
        }
        return tables;
    }
}
