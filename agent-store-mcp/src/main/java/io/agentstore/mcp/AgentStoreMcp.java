package io.agentstore.mcp;

import io.agentstore.AgentStore;
import io.agentstore.StoreLockedException;
import io.agentstore.spi.ToolArgumentException;
import io.agentstore.spi.ToolArguments;
import io.agentstore.spi.ToolResult;
import io.agentstore.spi.ToolValues;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The tools of a store as MCP tools (official MCP Java SDK): every tool the installed modules contribute, plus
 * {@code sql} (one read statement, bounded in rows and time, on a read-only connection with external access
 * off) and {@code describe_schema} (the views with their columns and comments). A Java system that holds an
 * {@link AgentStore} serves them from its own MCP server with {@link #tools(AgentStore)}; the
 * {@code agent-store mcp} command serves them over stdio with {@link #serveStdio}.
 *
 * <p>Every call answers: bad arguments and failures come back as tool errors ({@code isError}) whose text names
 * the argument or says what failed, never as a protocol error or a stack trace.
 */
public final class AgentStoreMcp {
    /** The name the server gives itself. */
    public static final String SERVER_NAME = "agent-store";

    static final String INSTRUCTIONS =
            "agent-store remembers what coding agents did in earlier sessions: the tool calls"
                    + " on each file and whether they worked, decisions and how they turned out, task outcomes, token use and"
                    + " cost. Call resume_context at the start of a session, recall_previous_attempts before editing a file,"
                    + " check_token_budget before expensive work; describe_schema and sql answer anything else.";

    private AgentStoreMcp() {}

    /** The MCP tools of a store open in this process. */
    public static List<SyncToolSpecification> tools(AgentStore store) {
        return tools(StoreAccess.of(store));
    }

    /** The MCP tools answered through {@code access}. */
    public static List<SyncToolSpecification> tools(StoreAccess access) {
        McpJsonMapper mapper = McpJsonDefaults.getMapper();
        List<SyncToolSpecification> out = new ArrayList<>();
        for (ToolInfo t : access.tools()) {
            out.add(spec(mapper, t, args -> access.callTool(t.name(), args.asMap())));
        }
        out.add(spec(mapper, SQL, args -> sql(access, args)));
        out.add(spec(mapper, DESCRIBE_SCHEMA, args -> describeSchema(access, args)));
        return out;
    }

    /**
     * Serves the tools over stdio until the client closes stdin.
     *
     * @param version the version the server reports
     */
    public static void serveStdio(StoreAccess access, String version, InputStream in, OutputStream out) {
        CountDownLatch closed = new CountDownLatch(1);
        InputStream watched = new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b < 0) {
                    closed.countDown();
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n < 0) {
                    closed.countDown();
                }
                return n;
            }
        };
        McpJsonMapper mapper = McpJsonDefaults.getMapper();
        StdioServerTransportProvider transport = new StdioServerTransportProvider(mapper, watched, out);
        McpSyncServer server = McpServer.sync(transport)
                .serverInfo(SERVER_NAME, version)
                .instructions(INSTRUCTIONS)
                .capabilities(
                        McpSchema.ServerCapabilities.builder().tools(false).build())
                .tools(tools(access))
                .build();
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.closeGracefully();
        }
    }

    // ------------------------------------------------------------------------------------------------ sql tools

    static final ToolInfo SQL = new ToolInfo(
            "sql",
            "Runs one read-only SQL statement (DuckDB dialect) on the store and returns its rows. Only reads: SELECT,"
                    + " WITH ... SELECT, VALUES; writes, DDL, SET, COPY, ATTACH and file access are refused. Call"
                    + " describe_schema first to see the views (v_*) and their columns.",
            """
            {"type":"object","properties":{
              "query":{"type":"string","description":"One read statement; ? placeholders take params in order."},
              "params":{"type":"array","description":"Values for the ? placeholders, in order (strings, numbers, booleans, null)."},
              "max_rows":{"type":"integer","minimum":1,"maximum":10000,"default":200,"description":"At most this many rows are returned; truncated says whether there were more."},
              "timeout_ms":{"type":"integer","minimum":100,"maximum":60000,"default":10000,"description":"The query is stopped after this many milliseconds."}},
             "required":["query"],"additionalProperties":false}""",
            true);

    static final ToolInfo DESCRIBE_SCHEMA = new ToolInfo(
            "describe_schema",
            "The views of the store (the stable SQL contract of the installed modules) with their columns, types and"
                    + " comments, so that queries for the sql tool use real names.",
            """
            {"type":"object","properties":{
              "name_like":{"type":"string","description":"Optional: only views whose name contains this text, for example cost or tool."},
              "include_tables":{"type":"boolean","default":false,"description":"Also list the fact_ and dim_ tables."}},
             "additionalProperties":false}""",
            true);

    private static final String DESCRIBE_SQL = """
            SELECT o.name, o.kind, o.comment,
                   list({'name': c.column_name, 'type': c.data_type, 'comment': c.comment} ORDER BY c.column_index) AS columns
            FROM (SELECT view_name AS name, 'view' AS kind, comment, schema_name, database_name FROM duckdb_views()
                  WHERE NOT internal
                  UNION ALL
                  SELECT table_name, 'table', comment, schema_name, database_name FROM duckdb_tables()
                  WHERE CAST(? AS BOOLEAN) AND NOT internal) o
            JOIN duckdb_columns() c ON c.table_name = o.name AND c.schema_name = o.schema_name
                 AND c.database_name = o.database_name
            WHERE o.schema_name = 'main' AND o.database_name = current_database()
              AND (CAST(? AS VARCHAR) IS NULL OR contains(o.name, ?))
            GROUP BY ALL
            ORDER BY o.kind DESC, o.name""";

    private static ToolResult sql(StoreAccess access, ToolArguments args) {
        String query = args.string("query");
        int maxRows = (int) args.integer("max_rows", StoreAccess.DEFAULT_MAX_ROWS, 1, StoreAccess.MAX_ROWS);
        long timeout = args.integer("timeout_ms", StoreAccess.DEFAULT_TIMEOUT.toMillis(), 100, 60_000);
        List<Object> params = new ArrayList<>(args.list("params"));
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof Map<?, ?> || p instanceof List<?>) {
                throw new ToolArgumentException(
                        "params", "params[" + i + "] must be a string, number, boolean or null");
            }
            if (p instanceof java.math.BigInteger bi) {
                params.set(i, bi.longValue());
            }
        }
        SqlAnswer a = access.sql(query, params, maxRows, Duration.ofMillis(timeout));
        return new ToolResult(a.structured(), a.text());
    }

    private static ToolResult describeSchema(StoreAccess access, ToolArguments args) {
        String like = args.optionalString("name_like").orElse(null);
        boolean tables = args.bool("include_tables", false);
        List<Object> params = new ArrayList<>();
        params.add(tables);
        params.add(like);
        params.add(like);
        SqlAnswer a = access.sql(DESCRIBE_SQL, params, StoreAccess.MAX_ROWS, Duration.ofSeconds(30));
        List<Map<String, Object>> objects = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (List<Object> r : a.rows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", r.get(0));
            m.put("kind", r.get(1));
            m.put("comment", r.get(2));
            m.put("columns", r.get(3));
            objects.add(m);
            text.append(r.get(0))
                    .append(r.get(2) == null ? "" : " -- " + r.get(2))
                    .append('\n');
            if (r.get(3) instanceof List<?> cols) {
                for (Object c : cols) {
                    if (c instanceof Map<?, ?> cm) {
                        text.append("  ")
                                .append(cm.get("name"))
                                .append(' ')
                                .append(cm.get("type"))
                                .append(cm.get("comment") == null ? "" : " -- " + cm.get("comment"))
                                .append('\n');
                    }
                }
            }
        }
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("objects", objects);
        return new ToolResult(
                structured,
                text.length() == 0 ? "No views match" : text.toString().stripTrailing());
    }

    // ------------------------------------------------------------------------------------------------ SDK glue

    /** The code behind one MCP tool. */
    @FunctionalInterface
    private interface Answer {
        ToolResult answer(ToolArguments args);
    }

    private static SyncToolSpecification spec(McpJsonMapper mapper, ToolInfo info, Answer answer) {
        McpSchema.Tool tool = McpSchema.Tool.builder(info.name(), mapper, info.inputSchema())
                .description(info.description())
                .annotations(new McpSchema.ToolAnnotations(
                        title(info.name()),
                        info.readOnly(),
                        !info.readOnly() ? false : null,
                        info.readOnly() ? true : null,
                        false,
                        null))
                .build();
        return SyncToolSpecification.builder()
                .tool(tool)
                .callHandler((exchange, request) -> call(answer, request.arguments()))
                .build();
    }

    static McpSchema.CallToolResult call(Answer answer, Map<String, Object> arguments) {
        try {
            ToolResult r = answer.answer(ToolArguments.of(arguments));
            return McpSchema.CallToolResult.builder()
                    .structuredContent(ToolValues.json(r.structured()))
                    .addTextContent(r.text())
                    .isError(false)
                    .build();
        } catch (ToolArgumentException e) {
            return error(e.argument(), e.getMessage());
        } catch (StoreLockedException e) {
            return error(null, "the store is busy: " + e.getMessage() + "; try again shortly");
        } catch (IllegalArgumentException e) {
            return error(null, String.valueOf(e.getMessage()));
        } catch (RuntimeException e) {
            return error(
                    null, e.getClass().getSimpleName() + ": " + StoreOpening.firstLine(String.valueOf(e.getMessage())));
        }
    }

    private static McpSchema.CallToolResult error(String argument, String message) {
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("error", message);
        if (argument != null) {
            structured.put("argument", argument);
        }
        return McpSchema.CallToolResult.builder()
                .structuredContent(structured)
                .addTextContent(argument == null ? message : "bad argument " + argument + ": " + message)
                .isError(true)
                .build();
    }

    private static String title(String name) {
        String s = name.replace('_', ' ');
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
