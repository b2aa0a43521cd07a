package io.agentstore.mcp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.agentstore.AgentStore;
import io.agentstore.spi.AgentStoreException;
import io.agentstore.spi.ToolArgumentException;
import io.agentstore.spi.ToolResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;

/**
 * The loopback endpoint of the owner process: it answers the calls {@link StoreAccess} forwards (tool calls, read
 * queries, named write operations) on a store it holds open. It listens on 127.0.0.1 only, on a free port named
 * with a random token in the owner-only {@link OwnerFile} beside the database; a request without that token is
 * refused.
 */
public final class OwnerServer implements AutoCloseable {
    /** The request header that carries the token. */
    public static final String TOKEN_HEADER = "X-Agent-Store-Token";

    private static final int MAX_BODY = 16 * 1024 * 1024;

    private final AgentStore store;
    private final Path database;
    private final Map<String, BiFunction<AgentStore, Map<String, Object>, String>> operations;
    private final StoreAccess access;
    private final HttpServer server;
    private final ExecutorService executor;
    private final OwnerFile owner;

    private OwnerServer(
            AgentStore store,
            Path database,
            Map<String, BiFunction<AgentStore, Map<String, Object>, String>> operations)
            throws IOException {
        this.store = store;
        this.database = database;
        this.operations = Map.copyOf(operations);
        this.access = StoreAccess.of(store);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "agent-store-owner");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        this.owner = OwnerFile.fresh(server.getAddress().getPort());
    }

    /**
     * Starts answering for {@code store}, the open database {@code database}, and writes the owner file.
     *
     * @param operations the write operations clients may ask for by name, each given the store and its arguments
     * @throws AgentStoreException when another owner already answers for the database
     */
    public static OwnerServer start(
            AgentStore store,
            Path database,
            Map<String, BiFunction<AgentStore, Map<String, Object>, String>> operations) {
        Objects.requireNonNull(store, "store must not be null");
        Objects.requireNonNull(database, "database must not be null");
        Objects.requireNonNull(operations, "operations must not be null");
        Path db = database.toAbsolutePath().normalize();
        Optional<OwnerFile> running =
                StoreAccess.forDatabase(db, AgentStore::builder, Duration.ZERO).owner();
        if (running.isPresent()) {
            throw new AgentStoreException("process " + running.get().pid() + " already serves " + db);
        }
        try {
            OwnerServer s = new OwnerServer(store, db, operations);
            s.server.start();
            s.owner.write(db);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on the loopback interface", e);
        }
    }

    /** The port on 127.0.0.1. */
    public int port() {
        return owner.port();
    }

    /** Stops answering and removes the owner file; the store stays open. */
    @Override
    public void close() {
        owner.remove(database);
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String token = ex.getRequestHeaders().getFirst(TOKEN_HEADER);
            if (token == null
                    || !MessageDigest.isEqual(
                            token.getBytes(StandardCharsets.UTF_8),
                            owner.token().getBytes(StandardCharsets.UTF_8))) {
                reply(ex, 401, Map.of("message", "missing or wrong " + TOKEN_HEADER));
                return;
            }
            if (!"POST".equals(ex.getRequestMethod())) {
                reply(ex, 405, Map.of("message", "only POST is answered"));
                return;
            }
            Map<String, Object> body = readBody(ex.getRequestBody());
            try {
                reply(ex, 200, dispatch(ex.getRequestURI().getPath(), body));
            } catch (ToolArgumentException e) {
                reply(ex, 400, Map.of("argument", e.argument(), "message", String.valueOf(e.getMessage())));
            } catch (IllegalArgumentException e) {
                reply(ex, 400, Map.of("argument", "arguments", "message", String.valueOf(e.getMessage())));
            } catch (RuntimeException e) {
                reply(ex, 500, Map.of("message", e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> dispatch(String path, Map<String, Object> body) {
        switch (path) {
            case "/ping" -> {
                return Map.of("pid", ProcessHandle.current().pid(), "database", database.toString());
            }
            case "/tools" -> {
                List<Map<String, Object>> tools = new java.util.ArrayList<>();
                for (ToolInfo t : access.tools()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", t.name());
                    m.put("description", t.description());
                    m.put("input_schema", t.inputSchema());
                    m.put("read_only", t.readOnly());
                    tools.add(m);
                }
                return Map.of("tools", tools);
            }
            case "/call" -> {
                Object args = body.get("arguments");
                ToolResult r = access.callTool(
                        String.valueOf(body.get("tool")),
                        args instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of());
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("structured", r.structured());
                out.put("text", r.text());
                return out;
            }
            case "/sql" -> {
                Object params = body.get("params");
                int maxRows = ((Number) body.getOrDefault("max_rows", StoreAccess.DEFAULT_MAX_ROWS)).intValue();
                long timeout =
                        ((Number) body.getOrDefault("timeout_ms", StoreAccess.DEFAULT_TIMEOUT.toMillis())).longValue();
                SqlAnswer a = access.sql(
                        String.valueOf(body.get("query")),
                        params instanceof List<?> l ? (List<Object>) l : List.of(),
                        maxRows,
                        Duration.ofMillis(timeout));
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("columns", a.columns());
                out.put("rows", a.rows());
                out.put("truncated", a.truncated());
                return out;
            }
            case "/write" -> {
                String name = String.valueOf(body.get("operation"));
                BiFunction<AgentStore, Map<String, Object>, String> op = operations.get(name);
                if (op == null) {
                    throw new ToolArgumentException(
                            "operation",
                            "the owner knows no operation '" + name + "'; it knows " + operations.keySet());
                }
                Object args = body.get("arguments");
                return Map.of(
                        "text", op.apply(store, args instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of()));
            }
            default -> throw new ToolArgumentException("path", "no endpoint " + path);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readBody(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            throw new IOException("request body over " + MAX_BODY + " bytes");
        }
        if (bytes.length == 0) {
            return Map.of();
        }
        return Jsons.MAPPER.readValue(bytes, Map.class);
    }

    private static void reply(HttpExchange ex, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = Jsons.MAPPER.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
