package io.agentstore.mcp;

import io.agentstore.AgentStore;
import io.agentstore.spi.ToolArgumentException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The one place that knows how a store is opened for reading or writing and how a read query from an agent runs:
 * tools that only read open the file read-only ({@code AgentStore.Builder#readOnly()}); the {@code sql} tool's
 * statement is decided by the library's read-statement check (the one the CLI's {@code query} uses) and runs on a
 * connection opened read-only with external access off and the configuration locked.
 */
final class StoreOpening {

    private StoreOpening() {}

    /** Opens a store for tools that only read. */
    static AgentStore forReading(AgentStore.Builder builder) {
        return builder.readOnly().build();
    }

    /** Opens a store for the {@code sql} tool: read-only, no external access, configuration locked. */
    static AgentStore forAgentSql(AgentStore.Builder builder) {
        return builder.readOnly().sandboxed().build();
    }

    /** Opens a store for tools that write. */
    static AgentStore forWriting(AgentStore.Builder builder) {
        return builder.build();
    }

    /** Runs a checked read on an open store (owner process or embedding system), bounded in rows and time. */
    static SqlAnswer readQuery(AgentStore store, String sql, List<Object> params, int maxRows, Duration timeout) {
        io.agentstore.spi.QueryResult result;
        try {
            result = store.readQuery(sql, params.toArray());
        } catch (io.agentstore.StatementNotAllowedException e) {
            throw new ToolArgumentException("query", "query must be a read statement: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new ToolArgumentException(
                    "query", "query is not valid SQL: " + firstLine(String.valueOf(e.getMessage())));
        }
        var future = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            List<List<Object>> rows = new ArrayList<>();
            List<String> columns = new ArrayList<>();
            boolean[] truncated = {false};
            // rows(), not stream(): streaming sets jdbc_stream_results, which a sandboxed store's locked
            // configuration refuses; the time limit bounds what is read
            for (io.agentstore.spi.Row r : result.rows()) {
                if (columns.isEmpty()) {
                    columns.addAll(r.columns());
                }
                if (rows.size() == maxRows) {
                    truncated[0] = true;
                    break;
                }
                rows.add(jsonRow(r.values()));
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

    private static List<Object> jsonRow(List<Object> values) {
        List<Object> out = new ArrayList<>(values.size());
        values.forEach(v -> out.add(io.agentstore.spi.ToolValues.json(v)));
        return out;
    }

    static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
