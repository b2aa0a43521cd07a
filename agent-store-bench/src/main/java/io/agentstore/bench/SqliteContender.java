package io.agentstore.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SQLite through sqlite-jdbc, as a typical agent log keeps it: a {@code tool_logs} and an {@code api_calls}
 * table with the names denormalised into each row, text timestamps, an autoincrement id and indexes on time,
 * tool, file, agent and session; a {@code model_prices} table for cost. WAL mode, with {@code synchronous} FULL
 * or NORMAL, and either one transaction per event (autocommit) or batches of {@code batch} events.
 */
final class SqliteContender extends Contender {
    private static final String[] SCHEMA = {
        "CREATE TABLE tool_logs (id INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL, session_id TEXT,"
                + " agent_name TEXT, task_id TEXT, task_type TEXT, tool_name TEXT NOT NULL, file_affected TEXT,"
                + " success INTEGER NOT NULL, error_type TEXT, duration_ms INTEGER, input_tokens INTEGER,"
                + " output_tokens INTEGER, timestamp TEXT NOT NULL)",
        "CREATE INDEX idx_tool_logs_timestamp ON tool_logs (timestamp)",
        "CREATE INDEX idx_tool_logs_tool ON tool_logs (tool_name, timestamp)",
        "CREATE INDEX idx_tool_logs_file ON tool_logs (file_affected, timestamp)",
        "CREATE INDEX idx_tool_logs_session ON tool_logs (session_id)",
        "CREATE TABLE api_calls (id INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL, session_id TEXT,"
                + " agent_name TEXT, task_id TEXT, model TEXT NOT NULL, provider TEXT, input_tokens INTEGER NOT NULL,"
                + " output_tokens INTEGER NOT NULL, cache_read_tokens INTEGER NOT NULL,"
                + " cache_write_5m_tokens INTEGER NOT NULL, cache_write_1h_tokens INTEGER NOT NULL,"
                + " timestamp TEXT NOT NULL)",
        "CREATE INDEX idx_api_calls_timestamp ON api_calls (timestamp)",
        "CREATE INDEX idx_api_calls_agent ON api_calls (agent_name, timestamp)",
        "CREATE INDEX idx_api_calls_session ON api_calls (session_id)",
        "CREATE TABLE model_prices (model TEXT PRIMARY KEY, input REAL NOT NULL, output REAL NOT NULL,"
                + " cache_read REAL NOT NULL, cache_write_5m REAL NOT NULL, cache_write_1h REAL NOT NULL)",
    };
    private static final String INSERT_TOOL = "INSERT INTO tool_logs (event_id, session_id, agent_name, task_id,"
            + " task_type, tool_name, file_affected, success, error_type, duration_ms, input_tokens, output_tokens,"
            + " timestamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_API = "INSERT INTO api_calls (event_id, session_id, agent_name, task_id,"
            + " model, provider, input_tokens, output_tokens, cache_read_tokens, cache_write_5m_tokens,"
            + " cache_write_1h_tokens, timestamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final String synchronous;
    private final int batch;
    private final Prices prices;

    SqliteContender(String name, String synchronous, int batch, Prices prices) {
        super(
                name,
                "SQLite WAL, synchronous=" + synchronous + ", "
                        + (batch <= 1
                                ? "one transaction per event"
                                : String.format(Locale.ROOT, "batches of %,d events", batch)),
                batch <= 1);
        this.synchronous = synchronous;
        this.batch = batch;
        this.prices = prices;
    }

    private Connection open(Path file) throws Exception {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA journal_mode=WAL");
            st.execute("PRAGMA synchronous=" + synchronous);
        }
        return c;
    }

    @Override
    Load load(Workload w, Path dir, long deadline) throws Exception {
        Path file = dir.resolve("sqlite.db");
        try (Connection c = open(file)) {
            try (Statement st = c.createStatement()) {
                for (String ddl : SCHEMA) {
                    st.execute(ddl);
                }
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO model_prices VALUES (?, ?, ?, ?, ?, ?)")) {
                for (int m = 0; m < Workload.MODELS.length; m++) {
                    p.setString(1, Workload.MODELS[m]);
                    for (int k = 0; k < 5; k++) {
                        p.setDouble(2 + k, prices.perToken[m][k].doubleValue());
                    }
                    p.executeUpdate();
                }
            }
            long events = 0;
            long started = System.nanoTime();
            boolean batched = batch > 1;
            c.setAutoCommit(!batched);
            try (PreparedStatement tool = c.prepareStatement(INSERT_TOOL);
                    PreparedStatement api = c.prepareStatement(INSERT_API)) {
                int pending = 0;
                for (int s = 0; s < w.sessions() && System.nanoTime() < deadline; s++) {
                    int from = Workload.firstEvent(s);
                    for (int e = from; e < from + Workload.EVENTS_PER_SESSION; e++) {
                        PreparedStatement ps = bind(w, e, tool, api);
                        if (batched) {
                            ps.addBatch();
                            if (++pending == batch) {
                                tool.executeBatch();
                                api.executeBatch();
                                c.commit();
                                pending = 0;
                            }
                        } else {
                            ps.executeUpdate();
                        }
                        events++;
                    }
                }
                if (batched) {
                    tool.executeBatch();
                    api.executeBatch();
                    c.commit();
                }
            }
            long nanos = System.nanoTime() - started;
            c.setAutoCommit(true);
            return new Load(events, nanos);
        }
    }

    private static PreparedStatement bind(Workload w, int e, PreparedStatement tool, PreparedStatement api)
            throws Exception {
        int s = w.session[e];
        String at = Timestamps.format(w.atMicros[e]);
        String id = new java.util.UUID(w.idHi[e], w.idLo[e]).toString();
        if (w.kind[e] == Workload.TOOL) {
            tool.setString(1, id);
            tool.setString(2, w.sessionIds[s]);
            tool.setString(3, w.agents[w.agent[e]]);
            tool.setString(4, w.taskIds[w.task[e]]);
            tool.setString(5, w.taskTypeOf(e));
            tool.setString(6, w.toolName(e));
            tool.setString(7, w.filePath(e));
            tool.setInt(8, w.error[e] < 0 ? 1 : 0);
            tool.setString(9, w.errorType(e));
            tool.setLong(10, w.v0[e]);
            tool.setLong(11, w.v1[e]);
            tool.setLong(12, w.v2[e]);
            tool.setString(13, at);
            return tool;
        }
        api.setString(1, id);
        api.setString(2, w.sessionIds[s]);
        api.setString(3, w.agents[w.agent[e]]);
        api.setString(4, w.taskIds[w.task[e]]);
        api.setString(5, w.modelName(e));
        api.setString(6, Workload.PROVIDER);
        api.setLong(7, w.v0[e]);
        api.setLong(8, w.v1[e]);
        api.setLong(9, w.v2[e]);
        api.setLong(10, w.v3[e]);
        api.setLong(11, w.v4[e]);
        api.setString(12, at);
        return api;
    }

    @Override
    Queries queries(Path dir, Expected expected) throws Exception {
        Connection c = open(dir.resolve("sqlite.db"));
        String cutoff = Timestamps.format(Expected.CUTOFF_30D_MICROS);
        String firstDay = Expected.CUTOFF_DAY.plusDays(1).toString();
        return new Queries() {
            @Override
            public List<List<Object>> run(Query q) throws Exception {
                List<List<Object>> out = new ArrayList<>();
                switch (q) {
                    case TOOLS_30D ->
                        query(
                                c,
                                "SELECT tool_name, count(*), sum(1 - success), avg(duration_ms)"
                                        + " FROM tool_logs WHERE timestamp > ? GROUP BY tool_name",
                                rs -> out.add(List.of(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getDouble(4))),
                                cutoff);
                    case COST_PER_AGENT_30D ->
                        query(
                                c,
                                "SELECT a.agent_name, count(*), sum(a.input_tokens * p.input"
                                        + " + a.output_tokens * p.output + a.cache_read_tokens * p.cache_read"
                                        + " + a.cache_write_5m_tokens * p.cache_write_5m + a.cache_write_1h_tokens * p.cache_write_1h)"
                                        + " FROM api_calls a JOIN model_prices p ON p.model = a.model WHERE a.timestamp > ?"
                                        + " GROUP BY a.agent_name",
                                rs -> out.add(List.of(rs.getString(1), rs.getLong(2), rs.getDouble(3))),
                                cutoff);
                    case LAST10_HOT_FILE, LAST10_RARE_FILE ->
                        query(
                                c,
                                "SELECT timestamp, session_id, tool_name, success"
                                        + " FROM tool_logs WHERE file_affected = ? ORDER BY timestamp DESC LIMIT 10",
                                rs -> out.add(Expected.actionRow(
                                        Timestamps.parse(rs.getString(1)),
                                        rs.getString(2),
                                        rs.getString(3),
                                        rs.getInt(4) == 1)),
                                q == Query.LAST10_HOT_FILE ? expected.hotFile() : expected.rareFile());
                    case DAILY_TOKENS_CACHE_30D ->
                        query(
                                c,
                                "SELECT substr(timestamp, 1, 10) AS day, count(*),"
                                        + " sum(input_tokens + cache_read_tokens + cache_write_5m_tokens + cache_write_1h_tokens) AS total,"
                                        + " sum(cache_read_tokens) AS cache_read FROM api_calls WHERE timestamp >= ? GROUP BY day",
                                rs -> out.add(List.of(
                                        rs.getString(1),
                                        rs.getLong(2),
                                        rs.getLong(3),
                                        rs.getLong(4),
                                        rs.getLong(3) == 0 ? 0.0 : (double) rs.getLong(4) / rs.getLong(3))),
                                firstDay);
                    case FAILURES_30D ->
                        query(
                                c,
                                "SELECT tool_name, coalesce(error_type, '(unspecified)'), count(*),"
                                        + " max(timestamp) FROM tool_logs WHERE success = 0 AND timestamp > ?"
                                        + " GROUP BY tool_name, error_type",
                                rs -> out.add(List.of(
                                        rs.getString(1),
                                        rs.getString(2),
                                        rs.getLong(3),
                                        Timestamps.parse(rs.getString(4)))),
                                cutoff);
                    default -> throw new IllegalArgumentException(q.name());
                }
                return out;
            }

            @Override
            public void close() throws java.sql.SQLException {
                c.close();
            }
        };
    }

    private interface RowHandler {
        void row(ResultSet rs) throws Exception;
    }

    private static void query(Connection c, String sql, RowHandler handler, String param) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    handler.row(rs);
                }
            }
        }
    }
}
