package io.agentstore.bench;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Locale;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The engine's limit: DuckDB's appender writing the same star-schema rows as agent-store (same file layout,
 * dimensions included) with every surrogate key precomputed before the clock starts, no validation, no queue,
 * no key look-ups. It commits every {@code commitEvery} events, or once at the end ({@code commitEvery} 0).
 * Its answers are read through agent-store's queries on its file, which also checks that the rows are the
 * same as agent-store's.
 */
final class RawAppenderContender extends Contender {
    private final int commitEvery;
    private final Path template;

    RawAppenderContender(String name, int commitEvery, Path template) {
        super(
                name,
                commitEvery > 0
                        ? String.format(
                                Locale.ROOT,
                                "DuckDB appender, keys precomputed, commit every %,d event%s",
                                commitEvery,
                                commitEvery == 1 ? "" : "s")
                        : "DuckDB appender, keys precomputed, one flush and commit at the end",
                commitEvery == 1);
        this.commitEvery = commitEvery;
        this.template = template;
    }

    @Override
    Load load(Workload w, Path dir, long deadline) throws Exception {
        Path file = dir.resolve("appender.duckdb");
        StoreQueries.copyTemplate(template, file);
        // keys precomputed: tasks and files that occur, numbered 1..n; sessions, agents, tools and models by index
        long[] taskKey = new long[w.taskIds.length];
        long[] fileKey = new long[Workload.FILES];
        long tasks = 0;
        long files = 0;
        for (int e = 0; e < w.events(); e++) {
            if (taskKey[w.task[e]] == 0) {
                taskKey[w.task[e]] = ++tasks;
            }
            if (w.kind[e] == Workload.TOOL && w.file[e] >= 0 && fileKey[w.file[e]] == 0) {
                fileKey[w.file[e]] = ++files;
            }
        }
        long firstSeen = (Workload.END.getEpochSecond() - Workload.DAYS * 86_400L) * 1_000_000L;
        long recordedAt = Workload.END.getEpochSecond() * 1_000_000L;
        try (DuckDBConnection c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file);
                Statement st = c.createStatement()) {
            st.execute("SET TimeZone = 'UTC'");
            int end = w.events();
            long started = System.nanoTime();
            st.execute("BEGIN TRANSACTION");
            try (DuckDBAppender sessions = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "dim_session");
                    DuckDBAppender agents = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "dim_agent");
                    DuckDBAppender taskDim = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "dim_task");
                    DuckDBAppender models = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "dim_model");
                    DuckDBAppender tools = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "dim_tool");
                    DuckDBAppender fileDim = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "dim_file");
                    DuckDBAppender toolCalls = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "fact_tool_call");
                    DuckDBAppender apiCalls = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "fact_api_call")) {
                for (int s = 0; s < w.sessions(); s++) {
                    sessions.beginRow()
                            .append((long) s + 1)
                            .append(w.sessionIds[s])
                            .appendNull()
                            .appendNull()
                            .appendNull()
                            .appendNull()
                            .appendEpochMicros(firstSeen)
                            .appendNull() // user_key (core V4)
                            .endRow();
                }
                for (int a = 0; a < w.agents.length; a++) {
                    agents.beginRow()
                            .append((long) a + 1)
                            .append(w.agents[a])
                            .appendNull()
                            .appendNull()
                            .appendEpochMicros(firstSeen)
                            .appendNull()
                            .append(true)
                            .endRow();
                }
                for (int t = 0; t < w.taskIds.length; t++) {
                    if (taskKey[t] > 0) {
                        taskDim.beginRow()
                                .append(taskKey[t])
                                .append(w.taskIds[t])
                                .appendNull()
                                .append(Workload.TASK_TYPES[w.taskType[t]])
                                .appendEpochMicros(firstSeen)
                                .endRow();
                    }
                }
                for (int m = 0; m < Workload.MODELS.length; m++) {
                    models.beginRow()
                            .append((long) m + 1)
                            .append(Workload.MODELS[m])
                            .append(Workload.PROVIDER)
                            .appendEpochMicros(firstSeen)
                            .endRow();
                }
                for (int t = 0; t < Workload.TOOLS.length; t++) {
                    tools.beginRow().append((long) t + 1).append(Workload.TOOLS[t]);
                    if (Workload.isMcp(t)) {
                        String rest = Workload.TOOLS[t].substring(5);
                        tools.append("mcp").append(rest.substring(0, rest.indexOf("__")));
                    } else {
                        tools.append("builtin").appendNull();
                    }
                    tools.appendEpochMicros(firstSeen).endRow();
                }
                for (int f = 0; f < Workload.FILES; f++) {
                    if (fileKey[f] > 0) {
                        String p = w.files[f];
                        fileDim.beginRow()
                                .append(fileKey[f])
                                .append(p)
                                .append(p.substring(p.lastIndexOf('.') + 1))
                                .appendEpochMicros(firstSeen)
                                .endRow();
                    }
                }
                int inTransaction = 0;
                long batches = 0;
                for (int e = 0; e < end; e++) {
                    if (e % Workload.EVENTS_PER_SESSION == 0 && System.nanoTime() >= deadline) {
                        end = e;
                        break;
                    }
                    if (w.kind[e] == Workload.TOOL) {
                        toolCalls
                                .beginRow()
                                .appendUUID(w.idHi[e], w.idLo[e])
                                .appendEpochMicros(w.atMicros[e])
                                .appendEpochMicros(recordedAt + batches)
                                .appendNull()
                                .append((long) w.session[e] + 1)
                                .append((long) w.agent[e] + 1)
                                .append(taskKey[w.task[e]])
                                .append((long) w.what[e] + 1);
                        if (w.file[e] >= 0) {
                            toolCalls.append(fileKey[w.file[e]]);
                        } else {
                            toolCalls.appendNull();
                        }
                        toolCalls.append("tool_call").append(w.error[e] < 0);
                        if (w.error[e] >= 0) {
                            toolCalls.append(Workload.ERRORS[w.error[e]]);
                        } else {
                            toolCalls.appendNull();
                        }
                        toolCalls
                                .append((long) w.v0[e])
                                .appendNull()
                                .appendNull()
                                .append((long) w.v1[e])
                                .append((long) w.v2[e])
                                .appendNull()
                                .endRow();
                    } else {
                        apiCalls.beginRow()
                                .appendUUID(w.idHi[e], w.idLo[e])
                                .appendEpochMicros(w.atMicros[e])
                                .appendEpochMicros(recordedAt + batches)
                                .appendNull()
                                .append((long) w.session[e] + 1)
                                .append((long) w.agent[e] + 1)
                                .append(taskKey[w.task[e]])
                                .append((long) w.what[e] + 1)
                                .appendNull()
                                .append((long) w.v0[e])
                                .append((long) w.v1[e])
                                .append((long) w.v2[e])
                                .append((long) w.v3[e])
                                .append((long) w.v4[e])
                                .appendNull()
                                .appendNull()
                                .append(true)
                                .appendNull()
                                .appendNull()
                                .endRow();
                    }
                    if (commitEvery > 0 && ++inTransaction == commitEvery) {
                        commit(st, sessions, agents, taskDim, models, tools, fileDim, toolCalls, apiCalls);
                        st.execute("BEGIN TRANSACTION");
                        inTransaction = 0;
                        batches++;
                    }
                }
                commit(st, sessions, agents, taskDim, models, tools, fileDim, toolCalls, apiCalls);
            }
            return new Load(end, System.nanoTime() - started);
        }
    }

    private static void commit(Statement st, DuckDBAppender... appenders) throws Exception {
        for (DuckDBAppender a : appenders) {
            a.flush();
        }
        st.execute("COMMIT");
    }

    @Override
    Queries queries(Path dir, Expected expected) {
        return new StoreQueries(dir.resolve("appender.duckdb"), expected);
    }
}
