package io.agentstore.mcp;

import io.agentstore.AgentStore;
import io.agentstore.spi.AgentStoreException;
import io.agentstore.spi.ToolArgumentException;
import io.agentstore.spi.ToolResult;
import io.agentstore.spi.ToolSpec;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one way commands, hooks and the MCP server reach a store. For a database file: when an owner process
 * ({@code agent-store serve}) is running for it, every call (reads and writes) is forwarded to it over the
 * loopback interface with the owner's token; otherwise each call opens the file, works and closes it (reads
 * read-only, writes read-write, both waiting at most the lock wait), so the file is never held between calls.
 * For a store already open in this process (an embedding system, the owner itself) calls go straight to it.
 */
public final class StoreAccess {
    /** The default row limit of {@link #sql}. */
    public static final int DEFAULT_MAX_ROWS = 200;
    /** The largest row limit of {@link #sql}. */
    public static final int MAX_ROWS = 10_000;
    /** The default time limit of {@link #sql}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);

    private final Path database;
    private final Supplier<AgentStore.Builder> modules;
    private final Duration lockWait;
    private final AgentStore store;
    private final Object perCall = new Object();
    private final HttpClient http;
    private volatile List<ToolInfo> tools;

    private StoreAccess(Path database, Supplier<AgentStore.Builder> modules, Duration lockWait, AgentStore store) {
        this.database = database;
        this.modules = modules;
        this.lockWait = lockWait;
        this.store = store;
        this.http = store != null
                ? null
                : HttpClient.newBuilder()
                        .connectTimeout(CONNECT_TIMEOUT)
                        .version(HttpClient.Version.HTTP_1_1)
                        .build();
    }

    /** Calls go to this store, open in this process. */
    public static StoreAccess of(AgentStore store) {
        return new StoreAccess(null, null, Duration.ZERO, Objects.requireNonNull(store, "store must not be null"));
    }

    /**
     * Calls go to the owner of {@code database} when one is running, else open it per call.
     *
     * @param database the database file
     * @param modules  a builder with the modules to install (no path: it is set here)
     * @param lockWait how long a per-call open waits while another process holds the file
     */
    public static StoreAccess forDatabase(Path database, Supplier<AgentStore.Builder> modules, Duration lockWait) {
        Objects.requireNonNull(database, "database must not be null");
        Objects.requireNonNull(modules, "modules must not be null");
        Objects.requireNonNull(lockWait, "lockWait must not be null");
        if (lockWait.isNegative()) {
            throw new IllegalArgumentException("lockWait must be >= 0, was " + lockWait);
        }
        return new StoreAccess(database.toAbsolutePath().normalize(), modules, lockWait, null);
    }

    /** The database file, or empty for a store open in this process. */
    public Optional<Path> database() {
        return Optional.ofNullable(database);
    }

    /** The running owner of the database file, when one answers. */
    public Optional<OwnerFile> owner() {
        if (database == null) {
            return Optional.empty();
        }
        Optional<OwnerFile> owner = OwnerFile.read(database);
        if (owner.isEmpty()) {
            return owner;
        }
        try {
            post(owner.get(), "/ping", Map.of());
            return owner;
        } catch (OwnerUnreachableException e) {
            return Optional.empty();
        }
    }

    /** The tools of the installed modules. */
    public List<ToolInfo> tools() {
        List<ToolInfo> t = tools;
        if (t == null) {
            Optional<OwnerFile> owner = store != null ? Optional.empty() : OwnerFile.read(database);
            if (store != null) {
                t = store.tools().stream().map(ToolInfo::of).toList();
            } else if (owner.isPresent() && (t = ownerTools(owner.get())) != null) {
                tools = t;
                return t;
            } else {
                try (AgentStore memory = modules.get().inMemory().build()) {
                    t = memory.tools().stream().map(ToolInfo::of).toList();
                }
            }
            tools = t;
        }
        return t;
    }

    /**
     * Answers one call of a module tool.
     *
     * @throws ToolArgumentException when an argument is bad (its name is given) or no tool has this name
     */
    public ToolResult callTool(String name, Map<String, ?> arguments) {
        Objects.requireNonNull(name, "name must not be null");
        if (store != null) {
            return callOn(store, name, arguments);
        }
        Optional<OwnerFile> owner = OwnerFile.read(database);
        if (owner.isPresent()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("tool", name);
            body.put("arguments", arguments == null ? Map.of() : arguments);
            try {
                Map<String, Object> answer = post(owner.get(), "/call", body);
                return new ToolResult(answer.get("structured"), String.valueOf(answer.get("text")));
            } catch (OwnerUnreachableException e) {
                // a stale owner file: open the file ourselves
            }
        }
        ToolInfo tool =
                tools().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow(() -> unknownTool(name));
        requireDatabase();
        synchronized (perCall) {
            AgentStore.Builder b = modules.get().path(database).lockWait(lockWait);
            try (AgentStore s = tool.readOnly() ? StoreOpening.forReading(b) : StoreOpening.forWriting(b)) {
                return callOn(s, name, arguments);
            }
        }
    }

    /**
     * Answers several read-only tool calls with one opening of the file (or forwarded one by one to the owner),
     * in order; for a hook that needs more than one answer.
     *
     * @param calls tool names with their arguments
     * @throws ToolArgumentException when an argument is bad or a tool is unknown or writes
     */
    public List<ToolResult> callTools(List<Map.Entry<String, Map<String, ?>>> calls) {
        List<ToolResult> out = new ArrayList<>(calls.size());
        if (store != null || OwnerFile.read(database).isPresent()) {
            calls.forEach(c -> out.add(callTool(c.getKey(), c.getValue())));
            return out;
        }
        for (Map.Entry<String, Map<String, ?>> c : calls) {
            ToolInfo tool = tools().stream()
                    .filter(t -> t.name().equals(c.getKey()))
                    .findFirst()
                    .orElseThrow(() -> unknownTool(c.getKey()));
            if (!tool.readOnly()) {
                throw new ToolArgumentException(
                        "name", "callTools answers read-only tools only; " + tool.name() + " writes");
            }
        }
        requireDatabase();
        synchronized (perCall) {
            try (AgentStore s =
                    StoreOpening.forReading(modules.get().path(database).lockWait(lockWait))) {
                calls.forEach(c -> out.add(callOn(s, c.getKey(), c.getValue())));
            }
        }
        return out;
    }

    /**
     * Runs one read statement, at most {@code maxRows} rows and {@code timeout} long, on a read-only connection
     * with external access off.
     *
     * @throws ToolArgumentException naming {@code query} when it is not a single read or fails
     */
    public SqlAnswer sql(String query, List<Object> params, int maxRows, Duration timeout) {
        if (query == null || query.isBlank()) {
            throw new ToolArgumentException("query", "query is required");
        }
        if (maxRows < 1 || maxRows > MAX_ROWS) {
            throw new ToolArgumentException(
                    "max_rows", "max_rows must be between 1 and " + MAX_ROWS + ", was " + maxRows);
        }
        List<Object> ps = params == null ? List.of() : params;
        if (store != null) {
            return StoreOpening.readQuery(store, query, ps, maxRows, timeout);
        }
        Optional<OwnerFile> owner = OwnerFile.read(database);
        if (owner.isPresent()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("query", query);
            body.put("params", ps);
            body.put("max_rows", maxRows);
            body.put("timeout_ms", timeout.toMillis());
            try {
                return fromJson(post(owner.get(), "/sql", body));
            } catch (OwnerUnreachableException e) {
                // stale: read the file ourselves
            }
        }
        requireDatabase();
        synchronized (perCall) {
            try (AgentStore s =
                    StoreOpening.forAgentSql(modules.get().path(database).lockWait(lockWait))) {
                return StoreOpening.readQuery(s, query, ps, maxRows, timeout);
            }
        }
    }

    /**
     * Runs {@code work} with the store open for writing: in the owner when one runs (by its name in the owner's
     * registry of operations), else here per call.
     *
     * @param operation the owner's name of the operation ({@code ingest-claude-code})
     * @param arguments its arguments, JSON-shaped
     * @param local     what to run when no owner runs
     * @return the operation's text answer
     */
    public String write(String operation, Map<String, Object> arguments, Function<AgentStore, String> local) {
        if (store != null) {
            return local.apply(store);
        }
        Optional<OwnerFile> owner = OwnerFile.read(database);
        if (owner.isPresent()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("operation", operation);
            body.put("arguments", arguments);
            try {
                return String.valueOf(post(owner.get(), "/write", body).get("text"));
            } catch (OwnerUnreachableException e) {
                // stale owner file
            }
        }
        synchronized (perCall) {
            try (AgentStore s =
                    StoreOpening.forWriting(modules.get().path(database).lockWait(lockWait))) {
                return local.apply(s);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ internals

    /** The owner's tools, or null when it does not answer. */
    @SuppressWarnings("unchecked")
    private List<ToolInfo> ownerTools(OwnerFile owner) {
        try {
            List<ToolInfo> out = new ArrayList<>();
            for (Object o : (List<Object>) post(owner, "/tools", Map.of()).get("tools")) {
                Map<String, Object> m = (Map<String, Object>) o;
                out.add(new ToolInfo(
                        (String) m.get("name"),
                        (String) m.get("description"),
                        (String) m.get("input_schema"),
                        Boolean.TRUE.equals(m.get("read_only"))));
            }
            return List.copyOf(out);
        } catch (OwnerUnreachableException e) {
            return null;
        }
    }

    static ToolResult callOn(AgentStore s, String name, Map<String, ?> arguments) {
        if (s.tools().stream().map(ToolSpec::name).noneMatch(name::equals)) {
            throw unknownTool(name);
        }
        // the origin of the tool's queries, for the optional query log
        return s.withOrigin("mcp " + name, () -> s.callTool(name, arguments == null ? Map.of() : arguments));
    }

    private static ToolArgumentException unknownTool(String name) {
        return new ToolArgumentException("name", "no installed module offers the tool '" + name + "'");
    }

    private void requireDatabase() {
        if (!Files.exists(database)) {
            throw new AgentStoreException("no database at " + database + "; create one with 'agent-store init' or"
                    + " 'agent-store ingest claude-code'");
        }
    }

    @SuppressWarnings("unchecked")
    private static SqlAnswer fromJson(Map<String, Object> m) {
        List<String> columns = (List<String>) m.get("columns");
        List<List<Object>> rows = new ArrayList<>();
        for (Object r : (List<Object>) m.get("rows")) {
            rows.add((List<Object>) r);
        }
        return new SqlAnswer(columns, rows, Boolean.TRUE.equals(m.get("truncated")));
    }

    /** Posts a request to the owner; turns its error answers back into the exceptions they stand for. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> post(OwnerFile owner, String path, Map<String, ?> body) {
        HttpResponse<byte[]> response;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + owner.port() + path))
                    .timeout(Duration.ofMinutes(10))
                    .header("Content-Type", "application/json")
                    .header(OwnerServer.TOKEN_HEADER, owner.token())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Jsons.MAPPER.writeValueAsBytes(body)))
                    .build();
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException | java.net.http.HttpConnectTimeoutException e) {
            throw new OwnerUnreachableException();
        } catch (IOException e) {
            throw new AgentStoreException(
                    "the owner process of " + database + " (PID " + owner.pid() + ") failed to" + " answer: "
                            + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgentStoreException("interrupted while waiting for the owner process", e);
        }
        Map<String, Object> answer;
        try {
            answer = Jsons.MAPPER.readValue(response.body(), Map.class);
        } catch (IOException e) {
            throw new AgentStoreException("the owner process of " + database + " answered " + response.statusCode()
                    + " with a body that is not JSON");
        }
        if (response.statusCode() == 200) {
            return answer;
        }
        String message = String.valueOf(answer.get("message"));
        if (response.statusCode() == 400 && answer.get("argument") != null) {
            throw new ToolArgumentException(String.valueOf(answer.get("argument")), message);
        }
        if (response.statusCode() == 401) {
            throw new AgentStoreException("the owner process of " + database + " refused the token: " + message);
        }
        throw new AgentStoreException(message);
    }

    /** The owner named in the owner file does not answer (it was killed, or the file is stale). */
    private static final class OwnerUnreachableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OwnerUnreachableException() {
            super(null, null, false, false);
        }
    }
}
