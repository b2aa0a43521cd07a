package io.agentstore.mcp;

import io.agentstore.AgentStore;
import io.agentstore.spi.Row;
import io.agentstore.StoreLockedException;
import io.agentstore.spi.ToolArgumentException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The one place that knows how a store is opened for reading or writing and how a read-only, sandboxed query
 * runs. While the library's {@code AgentStore.Builder#readOnly()}, {@code #sandboxed()} and
 * {@code AgentStore#readQuery} are not on this branch, reads open the store as writes do, and the {@code sql}
 * tool checks the statement with DuckDB's own parser ({@code json_serialize_sql}, which serializes only
 * {@code SELECT} statements) and runs it on its own JDBC connection opened read-only with external access off
 * and the configuration locked.
 */
final class StoreOpening {
    private static final ScheduledExecutorService CANCELLER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "agent-store-sql-timeout");
        t.setDaemon(true);
        return t;
    });

    private StoreOpening() {
    }

    /** Opens a store for tools that only read. */
    static AgentStore forReading(AgentStore.Builder builder) {
        return builder.build();
    }

    /** Opens a store for tools that write. */
    static AgentStore forWriting(AgentStore.Builder builder) {
        return builder.build();
    }

    /**
     * Refuses anything but one read statement.
     *
     * @throws ToolArgumentException naming {@code query} when the statement is not a single read
     */
    static void checkRead(AgentStore store, String sql) {
        Row r = store.sql("SELECT CAST(json_serialize_sql(CAST(? AS VARCHAR)) AS VARCHAR) AS parsed", sql).rows().get(0);
        checkParsed(r.string("parsed"));
    }

    private static void checkParsed(String parsed) {
        Object tree = io.agentstore.core.internal.ToolValues.json(parseJson(parsed));
        if (!(tree instanceof java.util.Map<?, ?> m)) {
            throw new ToolArgumentException("query", "query could not be parsed");
        }
        if (Boolean.TRUE.equals(m.get("error"))) {
            String why = String.valueOf(m.get("error_message"));
            if (why.contains("Only SELECT")) {
                throw new ToolArgumentException("query", "query must be a read statement (SELECT, WITH ... SELECT,"
                        + " VALUES, FROM ...): writes, DDL, SET, COPY, ATTACH, PRAGMA and the like are refused");
            }
            throw new ToolArgumentException("query", "query is not valid SQL: " + why);
        }
        Object statements = m.get("statements");
        if (!(statements instanceof List<?> l) || l.size() != 1) {
            throw new ToolArgumentException("query", "query must be exactly one statement");
        }
    }

    private static Object parseJson(String text) {
        try {
            return Jsons.MAPPER.readValue(text, Object.class);
        } catch (java.io.IOException e) {
            throw new ToolArgumentException("query", "query could not be parsed");
        }
    }

    /**
     * Runs a read on the database file through its own connection: read-only, external access off, configuration
     * locked; waits up to {@code lockWait} while a writer holds the file; cancelled after {@code timeout}.
     */
    static SqlAnswer readQuery(Path database, String sql, List<Object> params, int maxRows, Duration timeout,
                               Duration lockWait) {
        Properties props = new Properties();
        props.setProperty("duckdb.read_only", "true");
        props.setProperty("access_mode", "READ_ONLY");
        props.setProperty("enable_external_access", "false");
        props.setProperty("lock_configuration", "true");
        long deadline = System.nanoTime() + lockWait.toNanos();
        while (true) {
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + database, props)) {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT CAST(json_serialize_sql(CAST(? AS VARCHAR)) AS VARCHAR)")) {
                    ps.setString(1, sql);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        checkParsed(rs.getString(1));
                    }
                }
                return run(c, sql, params, maxRows, timeout);
            } catch (SQLException e) {
                String msg = String.valueOf(e.getMessage());
                boolean locked = msg.contains("lock") || msg.contains("Conflicting");
                if (!locked) {
                    throw new ToolArgumentException("query", "query failed: " + firstLine(msg));
                }
                if (System.nanoTime() > deadline) {
                    throw new StoreLockedException(database, -1, "the database " + database + " is held by another"
                            + " process; waited " + lockWait.toSeconds() + " s", e);
                }
                pause();
            }
        }
    }

    /** Runs a checked read on an open store (owner process or embedding system), bounded in rows and time. */
    static SqlAnswer readQuery(AgentStore store, String sql, List<Object> params, int maxRows, Duration timeout) {
        checkRead(store, sql);
        var future = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            List<List<Object>> rows = new ArrayList<>();
            List<String> columns = new ArrayList<>();
            boolean[] truncated = {false};
            try (var stream = store.sql(sql, params.toArray()).stream()) {
                stream.limit(maxRows + 1L).forEach(r -> {
                    if (columns.isEmpty()) {
                        columns.addAll(r.columns());
                    }
                    if (rows.size() == maxRows) {
                        truncated[0] = true;
                    } else {
                        rows.add(jsonRow(r.values()));
                    }
                });
            }
            return new SqlAnswer(columns, rows, truncated[0]);
        });
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            future.cancel(true);
            throw new ToolArgumentException("query", "query ran longer than " + timeout.toMillis() + " ms; narrow it");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                if (re instanceof ToolArgumentException) {
                    throw re;
                }
                throw new ToolArgumentException("query", "query failed: " + firstLine(String.valueOf(re.getMessage())));
            }
            throw new IllegalStateException(c);
        }
    }

    private static SqlAnswer run(Connection c, String sql, List<Object> params, int maxRows, Duration timeout)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                Object p = params.get(i);
                ps.setObject(i + 1, p instanceof Instant in ? OffsetDateTime.ofInstant(in, ZoneOffset.UTC) : p);
            }
            ScheduledFuture<?> cancel = CANCELLER.schedule(() -> {
                try {
                    ps.cancel();
                } catch (SQLException ignored) {
                    // the statement ended meanwhile
                }
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            long started = System.nanoTime();
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                List<String> columns = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    columns.add(md.getColumnLabel(i));
                }
                List<List<Object>> rows = new ArrayList<>();
                boolean truncated = false;
                while (rs.next()) {
                    if (rows.size() == maxRows) {
                        truncated = true;
                        break;
                    }
                    List<Object> row = new ArrayList<>(columns.size());
                    for (int i = 1; i <= columns.size(); i++) {
                        row.add(value(rs.getObject(i)));
                    }
                    rows.add(row);
                }
                return new SqlAnswer(columns, rows, truncated);
            } catch (SQLException e) {
                if (System.nanoTime() - started >= timeout.toNanos() || String.valueOf(e.getMessage()).contains("nterrupt")) {
                    throw new ToolArgumentException("query", "query ran longer than " + timeout.toMillis() + " ms; narrow it");
                }
                throw e;
            } finally {
                cancel.cancel(false);
            }
        }
    }

    private static List<Object> jsonRow(List<Object> values) {
        List<Object> out = new ArrayList<>(values.size());
        values.forEach(v -> out.add(io.agentstore.core.internal.ToolValues.json(v)));
        return out;
    }

    private static Object value(Object v) throws SQLException {
        if (v instanceof OffsetDateTime odt) {
            return odt.toInstant().toString();
        }
        if (v instanceof java.sql.Timestamp ts) {
            return ts.toLocalDateTime().toString();
        }
        if (v instanceof java.sql.Array a) {
            List<Object> out = new ArrayList<>();
            for (Object o : (Object[]) a.getArray()) {
                out.add(value(o));
            }
            return out;
        }
        if (v instanceof org.duckdb.DuckDBStruct s) {
            java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
            for (var e : s.getMap().entrySet()) {
                out.put(e.getKey(), value(e.getValue()));
            }
            return out;
        }
        if (v instanceof org.duckdb.JsonNode j) {
            return j.toString();
        }
        return io.agentstore.core.internal.ToolValues.json(v);
    }

    static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the database", e);
        }
    }
}
