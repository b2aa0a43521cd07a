package io.agentstore;

import io.agentstore.core.CoreFacade;
import io.agentstore.core.CoreModule;
import io.agentstore.internal.MigrationRunner;
import io.agentstore.internal.StorageErrors;
import io.agentstore.internal.Writer;
import io.agentstore.spi.AgentStoreException;
import io.agentstore.spi.Checks;
import io.agentstore.spi.EventMapping;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.FactType;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.ModuleBinder;
import io.agentstore.spi.QueryResult;
import io.agentstore.spi.SchemaModule;
import io.agentstore.spi.SourceEvent;
import io.agentstore.spi.SqlResources;
import io.agentstore.spi.StoreContext;
import io.agentstore.spi.ToolArgumentException;
import io.agentstore.spi.ToolArguments;
import io.agentstore.spi.ToolResult;
import io.agentstore.spi.ToolSpec;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.duckdb.DuckDBConnection;

/**
 * One agent-store database: a DuckDB file (or an in-memory database) with the schemas of the installed
 * modules, a single writer thread, and queries.
 *
 * <pre>{@code
 * try (AgentStore store = AgentStore.builder().path(Path.of("agent.duckdb")).build()) {
 *     store.core().recordToolCall(ToolCall.builder().tool("Edit").targetPath("src/Foo.java").build());
 *     store.sql("SELECT * FROM v_tool_usage_30d").print();
 * }
 * }</pre>
 *
 * <p>Immutable once built and safe to share between threads. Within one JVM one store per file; across
 * processes DuckDB allows one writer per file, so another process waits up to its lock wait and then gets
 * a {@link StoreLockedException}. Every method throws {@link IllegalStateException} after {@link #close()}.
 */
public final class AgentStore implements AutoCloseable {
    /**
     * The storage format new files are created in: DuckDB 1.4 and later open it (the bundled DuckDB's own
     * newest format could only be opened by the same major release).
     */
    public static final String DEFAULT_STORAGE_VERSION = "v1.4.0";

    private static final Set<Path> OPEN_IN_THIS_JVM = ConcurrentHashMap.newKeySet();
    private static final Pattern LOCK_PID = Pattern.compile("PID (\\d+)");
    /** DuckDB's file starts with a 4 KiB main header and two 4 KiB database headers, then the blocks. */
    private static final long DUCKDB_HEADER_BYTES = 3 * 4096;

    private final Path path;
    private final DuckDBConnection connection;
    private final Clock clock;
    private final Writer writer;
    private final List<SchemaModule> modules;
    private final List<String> moduleIds;
    private final Map<Class<?>, FactType<FactRecord>> factTypes;
    private final Map<Class<?>, Object> facades = new ConcurrentHashMap<>();
    private final Map<String, ToolSpec> tools = new LinkedHashMap<>();
    private final Map<String, StoreContext> toolContexts = new LinkedHashMap<>();
    /** The modules' query listeners, each with its module's context. */
    private final List<Map.Entry<StoreContext, io.agentstore.spi.QueryListener>> queryListeners = new ArrayList<>();
    /** Who runs the queries of this thread (see {@link #withOrigin}), else the builder's origin. */
    private final ThreadLocal<String> origin = new ThreadLocal<>();
    /** Set while the listeners run: their own queries are not reported. */
    private final ThreadLocal<Boolean> listening = new ThreadLocal<>();

    private final String defaultOrigin;
    /** The modules' export checkpoints by name, each with the context it is computed from. */
    private final Map<String, Map.Entry<StoreContext, Function<StoreContext, Map<String, Object>>>> checkpoints =
            new LinkedHashMap<>();

    private final List<Mapping<?>> mappings = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Whether the modules' {@link SchemaModule#onClose} ran (once, before the store closes). */
    private final AtomicBoolean closing = new AtomicBoolean();
    /** Each module's own context, by module id, once the store is open (for {@link SchemaModule#onClose}). */
    private volatile Map<String, StoreContext> moduleContexts;

    private final boolean readOnly;
    /** The store's redaction, keyed for a file store; made on first use (the key file is created then). */
    private volatile io.agentstore.spi.Redaction redaction;

    /** Registers the modules' fact types and starts the writer; {@link #open} then builds the facades. */
    private AgentStore(Builder b, Path file, DuckDBConnection connection, List<SchemaModule> modules) {
        this.path = file;
        this.readOnly = b.readOnly;
        this.connection = connection;
        this.clock = b.clock;
        this.defaultOrigin = b.origin;
        this.modules = List.copyOf(modules);
        this.moduleIds = modules.stream().map(SchemaModule::id).toList();
        Map<Class<?>, FactType<FactRecord>> types = new LinkedHashMap<>();
        Map<String, List<String>> afterWrite = new LinkedHashMap<>();
        for (SchemaModule m : modules) {
            m.bind(new FactsOnly(types, afterWrite));
        }
        this.factTypes = Map.copyOf(types);
        try {
            Instant last = lastRecordedAt(connection, types.values());
            this.writer = new Writer(
                    connection.duplicate(),
                    file,
                    file != null && !b.readOnly,
                    b.durability,
                    b.clock,
                    b.queueCapacity,
                    b.queueTimeout,
                    100_000,
                    last,
                    "agent-store-writer" + (file == null ? "" : "-" + file.getFileName()),
                    this::redaction,
                    afterWrite);
        } catch (SQLException e) {
            throw new StoreAccessException("cannot start the writer", e, file);
        }
    }

    /**
     * Builds the facades and tools from each module's own {@link StoreContext}, then runs every module's
     * {@link SchemaModule#onOpen}, in module order. Runs once, after the constructor, so that no
     * reference to a half-built store escapes. On failure the store is closed and the failure rethrown.
     */
    private AgentStore open() {
        try {
            Map<String, StoreContext> contexts = new LinkedHashMap<>();
            Map<Class<?>, Function<StoreContext, ?>> facadeFactories = new LinkedHashMap<>();
            Map<Class<?>, StoreContext> facadeContexts = new LinkedHashMap<>();
            for (SchemaModule m : modules) {
                StoreContext own = new Context(m);
                contexts.put(m.id(), own);
                m.bind(new ModuleBinder() {
                    @Override
                    public <R extends FactRecord> void fact(Class<R> type, FactType<R> factType) {
                        // registered by the constructor
                    }

                    @Override
                    public <F> void facade(Class<F> type, Function<StoreContext, F> factory) {
                        Objects.requireNonNull(type, "facade type of module " + m.id() + " must not be null");
                        Objects.requireNonNull(factory, "facade factory of " + type.getName() + " must not be null");
                        if (facadeFactories.putIfAbsent(type, factory) != null) {
                            throw new AgentStoreException("two modules register the facade " + type.getName());
                        }
                        facadeContexts.put(type, own);
                    }

                    @Override
                    public void tool(ToolSpec tool) {
                        Objects.requireNonNull(tool, "tool of module " + m.id() + " must not be null");
                        if (tools.putIfAbsent(tool.name(), tool) != null) {
                            throw new AgentStoreException("two modules register the tool " + tool.name());
                        }
                        toolContexts.put(tool.name(), own);
                    }

                    @Override
                    public void queryListener(io.agentstore.spi.QueryListener listener) {
                        Objects.requireNonNull(listener, "query listener of module " + m.id() + " must not be null");
                        queryListeners.add(Map.entry(own, listener));
                    }

                    @Override
                    public void exportCheckpoint(String name, Function<StoreContext, Map<String, Object>> checkpoint) {
                        Checks.required("checkpoint name of module " + m.id(), name);
                        Objects.requireNonNull(checkpoint, "checkpoint " + name + " must not be null");
                        if (checkpoints.putIfAbsent(name, Map.entry(own, checkpoint)) != null) {
                            throw new AgentStoreException("two modules register the export checkpoint " + name);
                        }
                    }

                    @Override
                    public <E extends SourceEvent> void mapping(Class<E> type, EventMapping<? super E> mapping) {
                        Objects.requireNonNull(
                                type, "event type of a mapping of module " + m.id() + " must not be null");
                        Objects.requireNonNull(
                                mapping,
                                "mapping of " + type.getSimpleName() + " of module " + m.id() + " must not be null");
                        mappings.add(new Mapping<>(m.id(), type, mapping, own));
                    }
                });
            }
            facadeFactories.forEach((type, factory) -> {
                Object facade = factory.apply(facadeContexts.get(type));
                if (facade == null) {
                    throw new AgentStoreException("the facade factory of " + type.getName() + " returned null");
                }
                facades.put(type, facade);
            });
            // the modules' own work at open is not a query of whoever opened the store: no listener hears it
            listening.set(true);
            try {
                for (SchemaModule m : modules) {
                    m.onOpen(contexts.get(m.id()));
                }
            } finally {
                listening.remove();
            }
            moduleContexts = contexts;
            return this;
        } catch (RuntimeException | Error e) {
            // The writer runs on its own connection: left behind, it would keep the file open in this JVM.
            writer.close();
            closeQuietly(writer.connection());
            throw e;
        }
    }

    /** The binder the constructor uses: it takes the fact types and ignores the rest. */
    private static final class FactsOnly implements ModuleBinder {
        private final Map<Class<?>, FactType<FactRecord>> types;
        private final Map<String, List<String>> afterWrite;

        FactsOnly(Map<Class<?>, FactType<FactRecord>> types, Map<String, List<String>> afterWrite) {
            this.types = types;
            this.afterWrite = afterWrite;
        }

        @Override
        public void afterWrite(String factTable, String sql) {
            Objects.requireNonNull(factTable, "fact table of an after-write statement must not be null");
            Objects.requireNonNull(sql, "after-write statement for " + factTable + " must not be null");
            afterWrite.computeIfAbsent(factTable, t -> new ArrayList<>()).add(sql);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <R extends FactRecord> void fact(Class<R> type, FactType<R> factType) {
            Objects.requireNonNull(type, "fact record type must not be null");
            Objects.requireNonNull(factType, "fact type of " + type.getName() + " must not be null");
            if (types.putIfAbsent(type, (FactType<FactRecord>) (FactType<?>) factType) != null) {
                throw new AgentStoreException("two modules register a writer for " + type.getName());
            }
        }

        @Override
        public <F> void facade(Class<F> type, Function<StoreContext, F> factory) {
            // built by open()
        }

        @Override
        public void tool(ToolSpec tool) {
            // registered by open()
        }

        @Override
        public <E extends SourceEvent> void mapping(Class<E> type, EventMapping<? super E> mapping) {
            // registered by open()
        }
    }

    /** One module's mapping of one kind of source event, with the module's context. */
    private record Mapping<E extends SourceEvent>(
            String module, Class<E> type, EventMapping<? super E> mapping, StoreContext context) {
        List<? extends FactRecord> apply(SourceEvent event) {
            return type.isInstance(event) ? mapping.map(type.cast(event), context) : List.of();
        }
    }

    private static Instant lastRecordedAt(Connection connection, Collection<FactType<FactRecord>> types)
            throws SQLException {
        Instant last = Instant.EPOCH;
        try (Statement st = connection.createStatement()) {
            for (FactType<FactRecord> t : new java.util.HashSet<>(types)) {
                try (ResultSet rs = st.executeQuery("SELECT max(recorded_at) FROM " + t.table())) {
                    if (rs.next() && rs.getObject(1) != null) {
                        Instant i = rs.getObject(1, OffsetDateTime.class).toInstant();
                        last = i.isAfter(last) ? i : last;
                    }
                }
            }
        }
        return last;
    }

    /** A builder for a store; {@link Builder#build()} opens it. */
    public static Builder builder() {
        return new Builder();
    }

    /** The database file, or empty for an in-memory store. */
    public Optional<Path> path() {
        return Optional.ofNullable(path);
    }

    /** The ids of the installed modules, in migration order (core first). */
    public List<String> modules() {
        return moduleIds;
    }

    /** The clock that stamps {@code recorded_at} and fills a missing {@code occurred_at}. */
    public Clock clock() {
        return clock;
    }

    /** The typed facade of the core schema: recording and recall. */
    public CoreFacade core() {
        return module(CoreFacade.class);
    }

    /**
     * The typed facade of an installed module, for example {@code store.module(TokensFacade.class)}.
     *
     * @throws IllegalArgumentException when no installed module provides it
     */
    public <F> F module(Class<F> facadeType) {
        checkOpen();
        Object facade = facades.get(facadeType);
        if (facade == null) {
            throw new IllegalArgumentException("no installed module provides " + facadeType.getName()
                    + "; installed modules: " + moduleIds + " (install it with AgentStore.builder().install(...))");
        }
        return facadeType.cast(facade);
    }

    /**
     * Records one fact of any installed module. In {@link Durability#SYNC} and {@link Durability#GROUP_COMMIT}
     * it returns once the fact is durable (in a file store: in the write journal, see {@link Durability}); in
     * {@link Durability#ASYNC} once it is queued. Queries see it either way.
     *
     * @return the event id (the record's own, or a new random one)
     * @throws InvalidRecordException when {@code record} is null
     * @throws IllegalArgumentException when no installed module writes this record type
     */
    public UUID record(FactRecord record) {
        checkOpen();
        Writer.Pending pending = pending(record, -1);
        await(writer.submit(List.of(pending)));
        return pending.eventId();
    }

    /**
     * Records several facts in one transaction: all are written or, if one cannot be, none is (the
     * exception says why). The bulk form for importers.
     *
     * @return the event ids, in the order of {@code records}
     */
    public List<UUID> recordAll(List<? extends FactRecord> records) {
        checkOpen();
        if (records == null) {
            throw new InvalidRecordException("records", null, "is required");
        }
        if (records.isEmpty()) {
            return List.of();
        }
        List<Writer.Pending> pending = new ArrayList<>(records.size());
        List<UUID> ids = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            Writer.Pending p = pending(records.get(i), i);
            pending.add(p);
            ids.add(p.eventId());
        }
        await(writer.submit(pending));
        return Collections.unmodifiableList(ids);
    }

    /**
     * Records the facts whose event id is not in the store yet, in one transaction, and returns how many
     * that was. Facts with the same event id within {@code records} are recorded once. This is how
     * importers and merges stay idempotent: name-based event ids from the source, imported twice, change
     * nothing. A record without an event id is always new. It waits for the commit whatever the
     * durability.
     */
    public long importAll(List<? extends FactRecord> records) {
        checkOpen();
        if (records == null) {
            throw new InvalidRecordException("records", null, "is required");
        }
        if (records.isEmpty()) {
            return 0;
        }
        List<Writer.Pending> pending = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            pending.add(pending(records.get(i), i));
        }
        java.util.concurrent.CompletableFuture<Long> done = writer.submit(pending, true);
        return (Long) Writer.await(done);
    }

    /**
     * Hands source events (from an importer, the hook drain, a receiver) to the installed modules: each
     * module's {@linkplain ModuleBinder#mapping mappings} turn them into its facts, which are stored like
     * {@link #importAll} stores them, in one transaction. Facts already stored (same event id) are skipped, so
     * applying the same events again, for example on a rescan, changes nothing. Events no installed module
     * maps are dropped.
     *
     * @return how many facts were new
     * @throws InvalidRecordException when {@code events} or one of them is null, or a mapping gives a fact
     *                                without an event id (the message names the module)
     */
    public long apply(List<? extends SourceEvent> events) {
        checkOpen();
        if (events == null) {
            throw new InvalidRecordException("events", null, "is required");
        }
        if (events.isEmpty() || mappings.isEmpty()) {
            return 0;
        }
        List<FactRecord> facts = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            SourceEvent event = events.get(i);
            if (event == null) {
                throw new InvalidRecordException("events[" + i + "]", null, "is required");
            }
            for (Mapping<?> m : mappings) {
                List<? extends FactRecord> mapped = m.apply(event);
                for (FactRecord fact : mapped == null ? List.<FactRecord>of() : mapped) {
                    if (fact == null || fact.eventId() == null) {
                        throw new InvalidRecordException(
                                "eventId",
                                null,
                                "must be set by the mapping of "
                                        + event.getClass().getSimpleName() + " of module '" + m.module()
                                        + "' (derive it with"
                                        + " EventIds.of(event.source(), kind, event.seed()) so that replays change nothing)");
                    }
                    facts.add(fact);
                }
            }
        }
        return facts.isEmpty() ? 0 : importAll(facts);
    }

    /**
     * Whether an installed module maps source events of {@code type} (see {@link #apply}); a source may skip
     * making events nobody maps.
     */
    public boolean maps(Class<? extends SourceEvent> type) {
        checkOpen();
        Objects.requireNonNull(type, "type must not be null");
        for (Mapping<?> m : mappings) {
            if (m.type().isAssignableFrom(type)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs {@code decision} as one transaction of the writer; see {@link StoreContext#inTransaction}. Its
     * queries run on the writer's connection with the store clock's instant as {@code agent_store_now}.
     */
    <T> T inTransaction(Function<io.agentstore.spi.Transaction, T> decision) {
        checkOpen();
        checkWritable();
        Objects.requireNonNull(decision, "decision must not be null");
        return writer.decide(conn -> {
            List<Writer.Pending> facts = new ArrayList<>();
            AtomicBoolean open = new AtomicBoolean(true);
            Connection reader = TransactionConnection.of(conn, open);
            QueryResult.Readers readers = new QueryResult.Readers() {
                @Override
                public Connection openReader() {
                    if (!open.get()) {
                        throw new IllegalStateException("a Transaction's query was read after its decision returned;"
                                + " read the rows inside the decision");
                    }
                    return reader;
                }

                @Override
                public RuntimeException failure(String what, SQLException cause) {
                    return new StoreAccessException(what, cause, path);
                }
            };
            try {
                try (PreparedStatement ps = conn.prepareStatement("SET VARIABLE agent_store_now = ?::TIMESTAMPTZ")) {
                    ps.setObject(1, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
                    ps.execute();
                }
                T answer = decision.apply(new io.agentstore.spi.Transaction() {
                    @Override
                    public QueryResult sql(String sql, Object... params) {
                        if (sql == null || sql.isBlank()) {
                            throw new IllegalArgumentException("sql must not be empty");
                        }
                        return QueryResult.of(readers, sql, params);
                    }

                    @Override
                    public void record(FactRecord record) {
                        if (!open.get()) {
                            throw new IllegalStateException("a Transaction was used after its decision returned");
                        }
                        facts.add(pending(record, facts.size()));
                    }

                    @Override
                    public boolean replaceRedacted(String table, UUID eventId, Map<String, String> values) {
                        if (!open.get()) {
                            throw new IllegalStateException("a Transaction was used after its decision returned");
                        }
                        try {
                            return io.agentstore.internal.RedactInPlace.apply(conn, table, eventId, values);
                        } catch (SQLException e) {
                            throw new StoreAccessException(
                                    "cannot rewrite " + table + " " + eventId + " with its redaction", e, path);
                        }
                    }
                });
                return new Writer.Decided<>(answer, facts);
            } catch (SQLException e) {
                throw new StoreAccessException("cannot set the clock of a decision", e, path);
            } finally {
                open.set(false);
            }
        });
    }

    /** The record with its envelope; {@code index} is its place in a bulk call, or -1 for a single record. */
    private Writer.Pending pending(FactRecord record, int index) {
        checkWritable();
        if (record == null) {
            throw new InvalidRecordException(index < 0 ? "record" : "records[" + index + "]", null, "is required");
        }
        FactType<FactRecord> type = factTypes.get(record.getClass());
        if (type == null) {
            throw new IllegalArgumentException(
                    "no installed module records " + record.getClass().getName() + "; installed modules: " + moduleIds);
        }
        UUID id = record.eventId() != null ? record.eventId() : UUID.randomUUID();
        Instant at = record.occurredAt() != null
                ? record.occurredAt()
                : Checks.instant("occurredAt", clock.instant().truncatedTo(ChronoUnit.MICROS));
        return new Writer.Pending(record, type, id, at);
    }

    private void await(java.util.concurrent.CompletableFuture<?> future) {
        if (writer.waitsForCommit()) {
            Writer.await(future);
        }
    }

    /**
     * Waits until everything recorded before this call is committed.
     *
     * @throws AgentStoreException when facts recorded asynchronously since the last flush could not be written
     */
    public void flush() {
        checkOpen();
        writer.flush();
    }

    /**
     * A query, with {@code params} bound to its {@code ?} placeholders (never concatenated). It sees every
     * fact recorded before the call. Instants may be passed as parameters.
     */
    public QueryResult sql(String sql, Object... params) {
        checkOpen();
        if (sql == null || sql.isBlank()) {
            throw new IllegalArgumentException("sql must not be empty");
        }
        tellListeners(sql);
        return QueryResult.of(readers, sql, params);
    }

    /**
     * Runs {@code work} with {@code origin} (the CLI command or MCP tool, for example {@code mcp search_prompts}) as
     * the origin of the queries it runs on this thread: what a query listener (an optional query log) records.
     */
    public <T> T withOrigin(String origin, java.util.function.Supplier<T> work) {
        Checks.required("origin", origin);
        Objects.requireNonNull(work, "work must not be null");
        String before = this.origin.get();
        this.origin.set(origin);
        try {
            return work.get();
        } finally {
            if (before == null) {
                this.origin.remove();
            } else {
                this.origin.set(before);
            }
        }
    }

    private void tellListeners(String sql) {
        if (queryListeners.isEmpty() || Boolean.TRUE.equals(listening.get())) {
            return;
        }
        String who = origin.get() != null ? origin.get() : defaultOrigin;
        if (who == null) {
            return;
        }
        listening.set(true);
        try {
            for (Map.Entry<StoreContext, io.agentstore.spi.QueryListener> l : queryListeners) {
                try {
                    l.getValue().onQuery(l.getKey(), who, sql);
                } catch (RuntimeException e) {
                    org.slf4j.LoggerFactory.getLogger(AgentStore.class)
                            .warn("a query listener failed: {}", e.toString());
                }
            }
        } finally {
            listening.remove();
        }
    }

    /**
     * A query that may only read, with {@code params} bound to its {@code ?} placeholders. DuckDB's parser
     * decides: one {@code SELECT} statement (also {@code WITH}, {@code VALUES}, {@code FROM t},
     * {@code DESCRIBE}, {@code SHOW}, {@code SUMMARIZE}), an {@code EXPLAIN} of one, or a {@code PRAGMA} that
     * only reads ({@code table_info}, {@code storage_info}, ...) passes; anything else, and more than one
     * statement, is refused before it runs. For SQL from people or agents; combine it with
     * {@link Builder#readOnly()} and {@link Builder#sandboxed()} for defence in depth.
     *
     * @throws StatementNotAllowedException naming the statement type when it is not a read
     */
    public QueryResult readQuery(String sql, Object... params) {
        checkOpen();
        if (sql == null || sql.isBlank()) {
            throw new IllegalArgumentException("sql must not be empty");
        }
        try (Connection reader = openReader()) {
            io.agentstore.internal.ReadStatements.check(reader, sql);
        } catch (SQLException e) {
            throw new StoreAccessException("cannot close a reader connection", e, path);
        }
        tellListeners(sql);
        return QueryResult.of(readers, sql, params);
    }

    /**
     * The ids of the modules recorded in the schema history of the database at {@code file} (installed
     * there), read through a read-only open that creates and changes nothing; empty for a file that is no
     * agent-store database. Tools use it to open a file with exactly its modules.
     *
     * @throws AgentStoreException  when there is no file at {@code file}
     * @throws StoreLockedException when a writer holds the file beyond {@code lockWait}
     */
    public static List<String> installedModules(Path file, Duration lockWait) {
        Builder b = builder().path(file).lockWait(lockWait).readOnly();
        return b.readInstalledModules();
    }

    /**
     * Acknowledged records that the write journal beside the file ({@code <file>.journal}) holds and the
     * database does not yet. For the owner they are loaded before its next query, so this is 0 after one; for
     * a {@link Builder#readOnly() read-only} open of a file whose writer crashed (or still runs), they are the
     * records its queries do not see until the file is opened for writing. Always 0 in memory.
     */
    public long journalPending() {
        checkOpen();
        if (path == null) {
            return 0;
        }
        return readOnly ? io.agentstore.internal.Journal.pending(path) : writer.journalPending();
    }

    /** Whether this store was opened {@link Builder#readOnly() read-only}: record calls then throw. */
    public boolean isReadOnly() {
        return readOnly;
    }

    private void checkWritable() {
        if (readOnly) {
            throw new IllegalStateException("this AgentStore (" + path + ") was opened read-only: it records"
                    + " nothing; open it without readOnly() to record");
        }
    }

    /** The fact of type {@code type} with this event id, as it was recorded. */
    public <R extends FactRecord> Optional<R> find(Class<R> type, UUID eventId) {
        checkOpen();
        Objects.requireNonNull(eventId, "eventId");
        FactType<FactRecord> ft = factTypes.get(type);
        if (ft == null) {
            throw new IllegalArgumentException("no installed module records " + type.getName());
        }
        return sql("SELECT * FROM " + ft.view() + " WHERE event_id = ?", eventId).rows().stream()
                .findFirst()
                .map(r -> type.cast(ft.read(r)));
    }

    /**
     * The fact tables the installed modules write, each with the view that reads its rows back (for example
     * {@code fact_tool_call} to {@code v_tool_calls}), sorted by table name: one entry per registered writer.
     * For tools and tests that check that every fact table has a writer and a view.
     */
    public Map<String, String> factTables() {
        checkOpen();
        Map<String, String> tables = new java.util.TreeMap<>();
        factTypes.values().forEach(t -> tables.put(t.table(), t.view()));
        return Collections.unmodifiableMap(tables);
    }

    /** The tools the installed modules offer to agents, in module order. */
    public List<ToolSpec> tools() {
        checkOpen();
        return List.copyOf(tools.values());
    }

    /**
     * Answers one call of a tool of an installed module.
     *
     * @throws IllegalArgumentException when no installed module offers a tool of this name
     * @throws ToolArgumentException    when an argument is missing or bad
     */
    public ToolResult callTool(String name, Map<String, ?> arguments) {
        checkOpen();
        ToolSpec tool = tools.get(Objects.requireNonNull(name, "name must not be null"));
        if (tool == null) {
            throw new IllegalArgumentException(
                    "no installed module offers the tool '" + name + "'; tools: " + tools.keySet());
        }
        if (origin.get() == null) {
            return withOrigin(
                    "tool " + name, () -> tool.handler().call(ToolArguments.of(arguments), toolContexts.get(name)));
        }
        return tool.handler().call(ToolArguments.of(arguments), toolContexts.get(name));
    }

    /** Exports tables to Parquet, CSV or JSON; see {@link Exporter}. */
    public Exporter export() {
        checkOpen();
        return new Exporter(this);
    }

    /** Runs work on the writer thread, between transactions: nothing is written while it runs. */
    <T> T onWriter(java.util.concurrent.Callable<T> work) {
        checkOpen();
        return writer.call(work);
    }

    /** The writer's connection; only for work passed to {@link #onWriter}. */
    DuckDBConnection writerConnection() {
        return writer.connection();
    }

    /** The fact types of the installed modules. */
    Collection<FactType<FactRecord>> factTypes() {
        return factTypes.values();
    }

    /**
     * A new connection for one query, after pending records are committed. The store clock's instant is
     * set as the {@code agent_store_now} variable, which views use instead of {@code current_timestamp}.
     */
    Connection openReader() {
        checkOpen();
        writer.flush();
        Connection reader = null;
        try {
            reader = connection.duplicate();
            try (PreparedStatement ps = reader.prepareStatement("SET VARIABLE agent_store_now = ?::TIMESTAMPTZ")) {
                ps.setObject(1, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
                ps.execute();
            }
            return reader;
        } catch (SQLException e) {
            // a connection left open keeps DuckDB's database instance (and its fatal state) alive in this JVM:
            // the store could then never be opened again in this process
            closeQuietly(reader);
            throw new StoreAccessException("cannot open a reader connection", e, path);
        }
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("this AgentStore (" + (path == null ? "in memory" : path) + ") is closed");
        }
    }

    /** Writes what is pending and closes the file. Idempotent. */
    @Override
    public void close() {
        if (closed.get()) {
            return;
        }
        runOnClose();
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            writer.close();
        } finally {
            closeQuietly(writer.connection());
            closeQuietly(connection);
            if (path != null && !readOnly) {
                OPEN_IN_THIS_JVM.remove(path);
            }
        }
    }

    /** Runs every module's {@link SchemaModule#onClose}, in reverse module order, once; a failure is logged. */
    private void runOnClose() {
        Map<String, StoreContext> contexts = moduleContexts;
        if (contexts == null || !closing.compareAndSet(false, true)) {
            return;
        }
        listening.set(true);
        try {
            List<SchemaModule> reversed = new ArrayList<>(modules);
            Collections.reverse(reversed);
            for (SchemaModule m : reversed) {
                try {
                    m.onClose(contexts.get(m.id()));
                } catch (RuntimeException e) {
                    org.slf4j.LoggerFactory.getLogger(AgentStore.class)
                            .warn("module {} failed at close: {}", m.id(), e.toString());
                }
            }
        } finally {
            listening.remove();
        }
    }

    static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // closing after use: nothing useful to do with the failure
        }
    }

    /** How query results of this store get their connections and report failures. */
    private final QueryResult.Readers readers = new QueryResult.Readers() {
        @Override
        public Connection openReader() {
            return AgentStore.this.openReader();
        }

        @Override
        public RuntimeException failure(String what, SQLException cause) {
            return new StoreAccessException(what, cause, path);
        }
    };

    /** The installed modules' export checkpoints, computed now, by name (see {@link ModuleBinder#exportCheckpoint}). */
    Map<String, Map<String, Object>> exportCheckpoints() {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        checkpoints.forEach((name, e) -> out.put(name, e.getValue().apply(e.getKey())));
        return out;
    }

    /** The store's redaction: keyed under the key beside the file, plain in memory. */
    io.agentstore.spi.Redaction redaction() {
        io.agentstore.spi.Redaction r = redaction;
        if (r == null) {
            synchronized (this) {
                r = redaction;
                if (r == null) {
                    r = path == null
                            ? io.agentstore.spi.Redaction.defaults()
                            : io.agentstore.spi.Redaction.forDatabase(path);
                    redaction = r;
                }
            }
        }
        return r;
    }

    /**
     * The narrow view of this store that one module's facade, tools, mappings and {@code onOpen} get:
     * recording, queries, the clock, installed modules, and the module's own reference queries, loaded once
     * per context.
     */
    private final class Context implements StoreContext {
        private final SchemaModule module;
        private final Map<String, String> resources = new ConcurrentHashMap<>();

        Context(SchemaModule module) {
            this.module = Objects.requireNonNull(module, "module");
        }

        @Override
        public UUID record(FactRecord record) {
            return AgentStore.this.record(record);
        }

        @Override
        public List<UUID> recordAll(List<? extends FactRecord> records) {
            return AgentStore.this.recordAll(records);
        }

        @Override
        public long importAll(List<? extends FactRecord> records) {
            return AgentStore.this.importAll(records);
        }

        @Override
        public QueryResult sql(String sql, Object... params) {
            return AgentStore.this.sql(sql, params);
        }

        @Override
        public boolean isReadOnly() {
            return readOnly;
        }

        @Override
        public io.agentstore.spi.Redaction redaction() {
            return AgentStore.this.redaction();
        }

        @Override
        public ToolResult callTool(String name, Map<String, ?> arguments) {
            return AgentStore.this.callTool(name, arguments);
        }

        @Override
        public Clock clock() {
            return clock;
        }

        @Override
        public boolean isInstalled(String moduleId) {
            return moduleIds.contains(moduleId);
        }

        @Override
        public Optional<Path> path() {
            return AgentStore.this.path();
        }

        @Override
        public <F> F facade(Class<F> facadeType) {
            return module(facadeType);
        }

        @Override
        public <T> T inTransaction(Function<io.agentstore.spi.Transaction, T> decision) {
            return AgentStore.this.inTransaction(decision);
        }

        @Override
        public void runAfterWrite(String factTable) {
            checkOpen();
            if (readOnly) {
                throw new IllegalStateException("the store was opened read-only: it runs no after-write statements");
            }
            writer.runAfterWrite(Objects.requireNonNull(factTable, "factTable must not be null"));
        }

        @Override
        public String sqlResource(String name) {
            if (name == null || name.isBlank() || name.contains("..")) {
                throw new IllegalArgumentException("name must be a file name under sql/queries/<module id>/, was "
                        + (name == null ? "null" : "'" + name + "'"));
            }
            return resources.computeIfAbsent(
                    name, n -> SqlResources.load(module.getClass(), "agent-store/queries/" + module.id() + "/" + n));
        }

        @Override
        public String toString() {
            return "StoreContext[" + module.id() + " of " + AgentStore.this + "]";
        }
    }

    @Override
    public String toString() {
        return "AgentStore[" + (path == null ? "in memory" : path) + ", modules=" + moduleIds + "]";
    }

    /** Configures and opens an {@link AgentStore}. Every setter checks its argument. */
    public static final class Builder {
        private Path path;
        private boolean inMemory;
        private final Map<String, SchemaModule> modules = new LinkedHashMap<>();
        private Durability durability = Durability.GROUP_COMMIT;
        private Clock clock = Clock.systemUTC();
        private Duration lockWait = Duration.ofSeconds(10);
        private String memoryLimit;
        private Integer threads;
        private int queueCapacity = 65_536;
        private Duration queueTimeout = Duration.ofSeconds(30);
        private boolean readOnly;
        private String origin;
        private boolean sandboxed;
        private String storageVersion = DEFAULT_STORAGE_VERSION;
        private boolean repairViews;

        private Builder() {
            modules.put("core", CoreModule.create());
        }

        /** The database file; created, with its folders, when missing (readable by its owner only). */
        public Builder path(Path path) {
            this.path = Objects.requireNonNull(path, "path must not be null");
            this.inMemory = false;
            return this;
        }

        /** An in-memory database, gone when the store closes. */
        public Builder inMemory() {
            this.inMemory = true;
            this.path = null;
            return this;
        }

        /** Installs schema modules besides core (always installed). Their migrations run at build. */
        public Builder install(SchemaModule... modules) {
            Objects.requireNonNull(modules, "modules must not be null");
            for (SchemaModule m : modules) {
                Objects.requireNonNull(m, "modules must not contain null");
                Objects.requireNonNull(m.id(), "module id of " + m.getClass().getName());
                this.modules.put(m.id(), m);
            }
            return this;
        }

        /** When record calls return; default {@link Durability#GROUP_COMMIT}. */
        public Builder durability(Durability durability) {
            this.durability = Objects.requireNonNull(durability, "durability must not be null");
            return this;
        }

        /**
         * The origin of every query run through the store (for example {@code cli report}), unless
         * {@link AgentStore#withOrigin} says otherwise: what a query listener (an optional query log) records.
         */
        public Builder origin(String origin) {
            this.origin = Checks.required("origin", origin);
            return this;
        }

        /** The clock for {@code recorded_at}, missing {@code occurred_at} and views' "now"; default UTC system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /** How long {@link #build()} waits for another holder of the file; default 10 s. */
        public Builder lockWait(Duration lockWait) {
            Objects.requireNonNull(lockWait, "lockWait must not be null");
            if (lockWait.isNegative()) {
                throw new IllegalArgumentException("lockWait must not be negative, was " + lockWait);
            }
            this.lockWait = lockWait;
            return this;
        }

        /** DuckDB's memory limit, for example {@code "1GB"}; default DuckDB's (80% of RAM). */
        public Builder memoryLimit(String memoryLimit) {
            Objects.requireNonNull(memoryLimit, "memoryLimit must not be null");
            if (!memoryLimit.matches("(?i)\\s*\\d+(\\.\\d+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)\\s*")) {
                throw new IllegalArgumentException(
                        "memoryLimit must look like '512MB' or '2GB', was '" + memoryLimit + "'");
            }
            this.memoryLimit = memoryLimit.trim();
            return this;
        }

        /** DuckDB's worker threads; default the number of cores. */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, was " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** How many record calls may wait for the writer before callers block; default 65,536. */
        public Builder queueCapacity(int queueCapacity) {
            if (queueCapacity < 1) {
                throw new IllegalArgumentException("queueCapacity must be >= 1, was " + queueCapacity);
            }
            this.queueCapacity = queueCapacity;
            return this;
        }

        /** How long a record call blocks on a full queue before it fails; default 30 s. */
        public Builder queueTimeout(Duration queueTimeout) {
            Objects.requireNonNull(queueTimeout, "queueTimeout must not be null");
            if (queueTimeout.isNegative()) {
                throw new IllegalArgumentException("queueTimeout must not be negative, was " + queueTimeout);
            }
            this.queueTimeout = queueTimeout;
            return this;
        }

        /**
         * Opens the file read-only (DuckDB's {@code access_mode=READ_ONLY}): nothing is migrated, installed or
         * written, record calls throw {@link IllegalStateException}, and no writer lock is taken, so several
         * read-only processes may open the file while no writer holds it (a writer holding it makes this open
         * wait up to the lock wait, as DuckDB allows readers or one writer). The file must exist (nothing is
         * created, not even its folder) and be up to date: when a module given to {@link #install} is not
         * recorded in the file's schema history, or a migration or view script of one is pending,
         * {@link #build()} throws a {@link SchemaBehindException} that names it and the command that fixes it.
         * Modules do not load data at open (the tokens module's bundled prices are loaded by writing opens).
         */
        public Builder readOnly() {
            this.readOnly = true;
            return this;
        }

        /**
         * The DuckDB storage format a new file is created in; default {@value AgentStore#DEFAULT_STORAGE_VERSION},
         * which DuckDB 1.4 and later (CLI, Python, JDBC) open, so any current SQL tool can read the store.
         * {@code "latest"} uses the newest format of the bundled DuckDB, which older releases cannot open. An
         * existing file keeps the format it has ({@code agent-store migrate-storage} rewrites one).
         */
        public Builder storageVersion(String storageVersion) {
            Objects.requireNonNull(storageVersion, "storageVersion must not be null");
            if (!storageVersion.matches("latest|v\\d+\\.\\d+\\.\\d+")) {
                throw new IllegalArgumentException(
                        "storageVersion must be 'latest' or look like 'v1.4.0', was '" + storageVersion + "'");
            }
            this.storageVersion = storageVersion;
            return this;
        }

        /**
         * Applies every module's repeatable scripts (views, macros) again at {@link #build()}, even those whose
         * checksum says they are applied: repairs a view that was dropped or replaced by hand. Not with
         * {@link #readOnly()}.
         */
        public Builder repairViews() {
            this.repairViews = true;
            return this;
        }

        /**
         * Shuts DuckDB off from the rest of the machine once the store's own settings are made: no file
         * outside the database can be read or written ({@code enable_external_access=false}: no
         * {@code read_text('~/.ssh/id_rsa')}, {@code COPY ... TO}, {@code ATTACH}, {@code INSTALL}), and the
         * configuration is locked ({@code lock_configuration=true}: no {@code SET}). For stores that answer SQL
         * written by people or agents. Exports write files and need an open without it.
         */
        public Builder sandboxed() {
            this.sandboxed = true;
            return this;
        }

        /**
         * Opens the database, applies pending migrations and starts the writer.
         *
         * @throws StoreLockedException     when another holder keeps the file beyond the lock wait
         * @throws SchemaMigrationException when a migration fails or an applied script was edited
         */
        public AgentStore build() {
            if (path == null && !inMemory) {
                throw new IllegalStateException("set path(Path) or inMemory() before build()");
            }
            List<SchemaModule> ordered = MigrationRunner.order(modules.values());
            if (readOnly) {
                if (repairViews) {
                    throw new IllegalStateException(
                            "repairViews() writes views: it cannot be combined with readOnly()");
                }
                loadJournalLeftBehind();
                return buildReadOnly(ordered);
            }
            // One deadline for both waits: lockWait bounds the whole build, not each of its steps.
            long deadline = System.nanoTime() + lockWait.toNanos();
            Path file = null;
            if (path != null) {
                file = path.toAbsolutePath().normalize();
                prepareFolder(file);
                file = canonical(file);
                waitForThisJvm(file, deadline);
            }
            DuckDBConnection connection = null;
            try {
                boolean existed = file != null && Files.exists(file);
                connection = connect(file, deadline, file != null && !existed);
                settings(connection, file);
                if (file != null && !existed) {
                    ownerOnly(file);
                }
                if (file != null && existed) {
                    checkNotCutShort(connection, file);
                }
                new MigrationRunner(connection, clock).migrate(ordered, repairViews);
                if (sandboxed) {
                    sandbox(connection, file);
                }
                // the builder is left as it was: build() may be called again, for example for another path
                return new AgentStore(this, file, connection, ordered).open();
            } catch (RuntimeException e) {
                closeQuietly(connection);
                if (file != null) {
                    OPEN_IN_THIS_JVM.remove(file);
                }
                throw e;
            }
        }

        private List<String> readInstalledModules() {
            Path file = existingFile();
            DuckDBConnection connection = connect(file, System.nanoTime() + lockWait.toNanos(), false);
            try {
                return new MigrationRunner(connection, clock).installedModules();
            } finally {
                closeQuietly(connection);
            }
        }

        private Path existingFile() {
            Path file = path.toAbsolutePath().normalize();
            if (!Files.exists(file)) {
                throw new AgentStoreException("no database at " + file + ": a read-only open creates nothing;"
                        + " create it first (agent-store init --db " + file + ")");
            }
            if (Files.isDirectory(file)) {
                throw new AgentStoreException(file + " is a folder; path(...) must name the .duckdb file");
            }
            return canonical(file);
        }

        /** A read-only open: no folder or file created, no migration, no writer lock. */
        /**
         * A write journal left behind by a writer that ended without loading it (killed): when no process holds the
         * file, one writable open loads it, so that a read-only open sees every acknowledged record. When the file is
         * held (its writer is alive and loads it itself) or cannot be opened for writing, the read-only open goes on
         * and warns how many records are pending.
         */
        private void loadJournalLeftBehind() {
            if (path == null) {
                return;
            }
            Path file = path.toAbsolutePath().normalize();
            if (!Files.exists(file) || io.agentstore.internal.Journal.pending(file) == 0) {
                return;
            }
            boolean wasSandboxed = sandboxed;
            Duration wait = lockWait;
            readOnly = false;
            sandboxed = false;
            lockWait = Duration.ZERO;
            try {
                build().close();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(AgentStore.class)
                        .debug(
                                "the write journal of {} was not loaded before a read-only open: {}",
                                file,
                                e.toString());
            } finally {
                readOnly = true;
                sandboxed = wasSandboxed;
                lockWait = wait;
            }
        }

        private AgentStore buildReadOnly(List<SchemaModule> ordered) {
            if (path == null) {
                throw new IllegalStateException("readOnly() needs path(Path): an in-memory store cannot be read-only");
            }
            Path file = existingFile();
            long deadline = System.nanoTime() + lockWait.toNanos();
            DuckDBConnection connection = null;
            try {
                connection = connect(file, deadline, false);
                settings(connection, file);
                checkNotCutShort(connection, file);
                MigrationRunner runner = new MigrationRunner(connection, clock);
                List<String> pending = runner.pending(ordered);
                if (!pending.isEmpty()) {
                    List<String> missingModules = new ArrayList<>();
                    for (SchemaModule m : ordered) {
                        if (pending.contains("module '" + m.id() + "' is not installed in this file")) {
                            missingModules.add(m.id());
                        }
                    }
                    String fix = missingModules.isEmpty()
                            ? "agent-store init --db " + file
                            : "agent-store init --db " + file + " --install " + String.join(",", missingModules);
                    throw new SchemaBehindException(
                            file,
                            pending,
                            file + " is behind this version and a read-only"
                                    + " open never migrates: " + String.join("; ", pending)
                                    + ". Bring it up to date with: "
                                    + fix + " (or open it for writing)");
                }
                if (sandboxed) {
                    sandbox(connection, file);
                }
                long journaled = io.agentstore.internal.Journal.pending(file);
                if (journaled > 0) {
                    org.slf4j.LoggerFactory.getLogger(AgentStore.class)
                            .warn(
                                    "{} acknowledged record(s) in the write journal {} are not in the database yet:"
                                            + " this read-only open does not see them; opening {} for writing"
                                            + " loads them",
                                    journaled,
                                    io.agentstore.internal.Journal.pathOf(file),
                                    file);
                }
                // the builder is left as it was: build() may be called again, for example for another path
                return new AgentStore(this, file, connection, ordered).open();
            } catch (RuntimeException e) {
                closeQuietly(connection);
                throw e;
            }
        }

        private static void settings(DuckDBConnection connection, Path file) {
            try (Statement st = connection.createStatement()) {
                // every *_at column is a UTC instant: show and export them in UTC, whatever the JVM's zone
                st.execute("SET GLOBAL TimeZone = 'UTC'");
            } catch (SQLException e) {
                throw new StoreAccessException("cannot set the time zone to UTC", e, file);
            }
        }

        private static void sandbox(DuckDBConnection connection, Path file) {
            try (Statement st = connection.createStatement()) {
                st.execute("SET enable_external_access = false");
                st.execute("SET lock_configuration = true");
            } catch (SQLException e) {
                throw new StoreAccessException("cannot sandbox the database", e, file);
            }
        }

        private static void prepareFolder(Path file) {
            try {
                Path parent = file.getParent();
                if (parent != null && !Files.isDirectory(parent)) {
                    Files.createDirectories(parent);
                }
            } catch (IOException e) {
                throw new AgentStoreException("cannot create the folder of " + file + ": " + e.getMessage(), e);
            }
            if (Files.isDirectory(file)) {
                throw new AgentStoreException(file + " is a folder; path(...) must name the .duckdb file");
            }
        }

        /**
         * The file's real path, symbolic links resolved (also in its folders and for a file not created yet),
         * so that two names of one file are one entry of {@link #OPEN_IN_THIS_JVM}: DuckDB shares one database
         * between them, and two stores on it would run two writers that hand out the same surrogate keys.
         */
        private static Path canonical(Path file) {
            try {
                Path current = file;
                for (int hops = 0; hops < 40; hops++) {
                    if (Files.exists(current)) {
                        return current.toRealPath();
                    }
                    if (!Files.isSymbolicLink(current)) {
                        Path parent = current.getParent();
                        return parent == null ? current : parent.toRealPath().resolve(current.getFileName());
                    }
                    // a link to a file not created yet: DuckDB will create the target
                    current = current.resolveSibling(Files.readSymbolicLink(current))
                            .toAbsolutePath()
                            .normalize();
                }
                throw new AgentStoreException(file + " is a chain of more than 40 symbolic links");
            } catch (IOException e) {
                throw new AgentStoreException("cannot resolve the real path of " + file + ": " + e.getMessage(), e);
            }
        }

        private void waitForThisJvm(Path file, long deadline) {
            while (!OPEN_IN_THIS_JVM.add(file)) {
                if (System.nanoTime() >= deadline) {
                    throw new StoreLockedException(
                            file,
                            ProcessHandle.current().pid(),
                            file
                                    + " is already open by another AgentStore in this JVM (PID "
                                    + ProcessHandle.current().pid()
                                    + "); share that store, or close it first",
                            null);
                }
                pause();
            }
        }

        private DuckDBConnection connect(Path file, long deadline, boolean creates) {
            Properties props = new Properties();
            if (creates) {
                props.setProperty("storage_compatibility_version", storageVersion);
            }
            if (memoryLimit != null) {
                props.setProperty("memory_limit", memoryLimit);
            }
            if (threads != null) {
                props.setProperty("threads", threads.toString());
            }
            if (readOnly) {
                props.setProperty("access_mode", "READ_ONLY");
            }
            String url = "jdbc:duckdb:" + (file == null ? "" : file.toString());
            while (true) {
                try {
                    return (DuckDBConnection) DriverManager.getConnection(url, props);
                } catch (SQLException e) {
                    String message = String.valueOf(e.getMessage());
                    boolean locked = message.contains("Could not set lock") || message.contains("Conflicting lock");
                    if (!locked) {
                        String advice = StorageErrors.advice(e, file);
                        throw new AgentStoreException(
                                "cannot open " + (file == null ? "an in-memory database" : file)
                                        + ": " + message
                                        + (!advice.isEmpty()
                                                ? advice
                                                : file == null
                                                        ? ""
                                                        : " If the file is damaged, move it away and restore it from a backup or from a"
                                                                + " Parquet export (load the Parquet files into a new store by hand, or run agent-store ingest again)."),
                                e);
                    }
                    if (System.nanoTime() >= deadline) {
                        Matcher m = LOCK_PID.matcher(message);
                        long pid = m.find() ? Long.parseLong(m.group(1)) : -1;
                        throw new StoreLockedException(
                                file,
                                pid,
                                file + " is locked by "
                                        + (pid < 0 ? "another process" : "process " + pid)
                                        + " and was not released within "
                                        + lockWait + " (DuckDB allows one writing process per file): " + message,
                                e);
                    }
                    pause();
                }
            }
        }

        /**
         * Refuses a file that ends before a block it uses (copied while it was written, or cut short on a
         * full disk): DuckDB opens such a file and fails only when a query reads a missing block. The blocks in
         * use are the catalog's metadata blocks and the column segments of every table, which DuckDB lists
         * without reading them. (The header's block count is no guide: after a crash it may count free blocks
         * past the end of the file.)
         */
        private static void checkNotCutShort(Connection connection, Path file) {
            long blockSize;
            long lastBlock = -1;
            try (Statement st = connection.createStatement()) {
                try (ResultSet rs = st.executeQuery("SELECT block_size FROM pragma_database_size()"
                        + " WHERE database_name = current_database()")) {
                    if (!rs.next()) {
                        return;
                    }
                    blockSize = rs.getLong(1);
                }
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("SELECT schema_name, table_name FROM duckdb_tables()"
                        + " WHERE database_name = current_database() AND NOT temporary")) {
                    while (rs.next()) {
                        tables.add(quoteIdentifier(rs.getString(1)) + "." + quoteIdentifier(rs.getString(2)));
                    }
                }
                StringBuilder sql =
                        new StringBuilder("SELECT max(block_id) FROM (SELECT block_id FROM pragma_metadata_info()");
                for (String t : tables) {
                    sql.append(" UNION ALL SELECT block_id FROM pragma_storage_info('")
                            .append(t.replace("'", "''"))
                            .append("')");
                }
                try (ResultSet rs = st.executeQuery(sql.append(")").toString())) {
                    if (rs.next() && rs.getObject(1) != null) {
                        lastBlock = rs.getLong(1);
                    }
                }
            } catch (SQLException e) {
                throw new StoreAccessException("cannot list the blocks of " + file, e, file);
            }
            long needed = DUCKDB_HEADER_BYTES + (lastBlock + 1) * blockSize;
            long actual;
            try {
                actual = Files.size(file);
            } catch (IOException e) {
                throw new AgentStoreException("cannot read the size of " + file + ": " + e.getMessage(), e);
            }
            if (actual < needed) {
                throw new AgentStoreException("cannot open " + file + ": it is " + actual + " bytes long, but it uses"
                        + " block " + lastBlock + " of " + blockSize + " bytes, which ends at byte " + needed
                        + ": the file was cut short (copied while it was written, or on a full disk). " + file
                        + " is damaged. Move it away and restore it from a backup, or build a new store"
                        + " (agent-store ingest again, or the Parquet export loaded by hand); agent-store does not repair"
                        + " database files.");
            }
        }

        private static String quoteIdentifier(String name) {
            return '"' + name.replace("\"", "\"\"") + '"';
        }

        private static void pause() {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AgentStoreException("interrupted while waiting for the database lock", e);
            }
        }

        private static void ownerOnly(Path file) {
            if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                return;
            }
            try {
                if (Files.exists(file)) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                }
            } catch (IOException | UnsupportedOperationException e) {
                // permissions are a courtesy on file systems that support them
            }
        }
    }
}
