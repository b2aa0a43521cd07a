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
 * The one place that knows how a store is opened for reading or writing and how a read query from an agent runs:
 * tools that only read open the file read-only ({@code AgentStore.Builder#readOnly()}); the {@code sql} tool's
 * statement is decided by the library's read-statement check (the one the CLI's {@code query} uses) and runs on a
 * connection opened read-only with external access off and the configuration locked.
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
        return builder.readOnly().build();
    }

    /** Opens a store for tools that write. */
    static AgentStore forWriting(AgentStore.Builder builder) {
        return builder.build();
    }

    /**
     * Refuses anything but one read statement, by the library's check (DuckDB's own statement types).
     *
     * @throws ToolArgumentException naming {@code query} when the statement is not a single read
     */
    static void checkRead(Connection connection, String sql) {
        try {
            io.agentstore.internal.ReadStatements.check(connection, sql);
        } catch (io.agentstore.StatementNotAllowedException e) {
            throw new ToolArgumentException("query", "query must be a read statement: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new ToolArgumentException("query", "query is not valid SQL: " + firstLine(String.valueOf(e.getMessage())));
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
                checkRead(c, sql);
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
        io.agentstore.spi.QueryResult result;
        try {
            result = store.readQuery(sql, params.toArray());
        } catch (io.agentstore.StatementNotAllowedException e) {
            throw new ToolArgumentException("query", "query must be a read statement: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new ToolArgumentException("query", "query is not valid SQL: " + firstLine(String.valueOf(e.getMessage())));
        }
        var future = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            List<List<Object>> rows = new ArrayList<>();
            List<String> columns = new ArrayList<>();
            boolean[] truncated = {false};
            try (var stream = result.stream()) {
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
