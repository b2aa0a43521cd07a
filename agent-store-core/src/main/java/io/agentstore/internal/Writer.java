package io.agentstore.internal;

import io.agentstore.Durability;
import io.agentstore.spi.AgentStoreException;
import io.agentstore.spi.Dimension;
import io.agentstore.spi.FactContext;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.FactRow;
import io.agentstore.spi.FactType;
import io.agentstore.spi.Json;
import io.agentstore.spi.Redaction;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes. It owns a DuckDB connection and every appender on it, drains the bounded
 * queue in batches, resolves dimension keys, appends facts, flushes the appenders explicitly (so that
 * constraint errors surface) and commits. A failed batch is rolled back and retried in halves, down to single
 * units, so exactly the records that cannot be written fail.
 */
public final class Writer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Writer.class);
    private static final int MAX_BATCH = 8_192;
    /** Event ids asked about per query when facts already stored are skipped. */
    private static final int KNOWN_ID_CHUNK = 50_000;

    /** A fact ready to write: the record with its resolved envelope. */
    public record Pending(FactRecord record, FactType<FactRecord> type, UUID eventId, Instant occurredAt) {}

    private sealed interface Item permits Facts, Task {}

    /**
     * One or more facts written in one transaction; all succeed or all fail. With {@code skipExisting},
     * facts whose event id is already stored (or earlier in the same unit) are left out.
     */
    private record Facts(List<Pending> facts, boolean skipExisting, CompletableFuture<Long> done) implements Item {}

    /** Work that runs on the writer thread between transactions (flush markers, exports, stop). */
    private record Task(Callable<?> work, CompletableFuture<Object> done, boolean stop) implements Item {}

    private final DuckDBConnection connection;
    private final Path file;
    private final Durability durability;
    private final Clock clock;
    private final Duration offerTimeout;
    private final BlockingQueue<Item> queue;
    private final KeyResolver keys;
    private final Map<String, List<String>> afterWrite;
    private final Map<String, DuckDBAppender> appenders = new HashMap<>();
    private final Thread thread;
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicReference<Throwable> asyncFailure = new AtomicReference<>();
    private final AtomicLong asyncFailed = new AtomicLong();
    /**
     * Submitters hold the read side while they check {@link #stopped} and queue; {@link #close()} takes the
     * write side to set it. So every item queued by a call that did not throw lies ahead of the stop task
     * and is written (or failed) before the thread ends: none is stranded behind it, unanswered.
     */
    private final ReadWriteLock stopGate = new ReentrantReadWriteLock(true);

    private final java.util.function.Supplier<Redaction> redaction;
    private Instant lastRecordedAt;
    private volatile boolean stopped;

    /**
     * A writer on its own connection.
     *
     * @param file           the database file (null in memory), named in the advice of storage failures
     * @param lastRecordedAt the latest {@code recorded_at} already in the store: new ones are strictly later
     * @param redaction      the store's redaction, applied to {@code attributes} and {@link FactRow#freeText}
     * @param afterWrite     per fact table, the statements run in the transaction of every batch that wrote to it
     *                       (see {@code ModuleBinder.afterWrite}), with the batch's {@code recorded_at} as parameter
     */
    public Writer(
            DuckDBConnection connection,
            Path file,
            Durability durability,
            Clock clock,
            int queueCapacity,
            Duration offerTimeout,
            long keyCacheSize,
            Instant lastRecordedAt,
            String name,
            java.util.function.Supplier<Redaction> redaction,
            Map<String, List<String>> afterWrite) {
        this.redaction = redaction;
        this.connection = connection;
        this.file = file;
        this.durability = durability;
        this.clock = clock;
        this.offerTimeout = offerTimeout;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.keys = new KeyResolver(connection, keyCacheSize);
        this.lastRecordedAt = lastRecordedAt;
        Map<String, List<String>> hooks = new HashMap<>();
        afterWrite.forEach((table, sqls) -> hooks.put(table, List.copyOf(sqls)));
        this.afterWrite = Map.copyOf(hooks);
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Queues facts to be written in one transaction and returns the future of that commit. Blocks while
     * the queue is full, up to the offer timeout.
     */
    public CompletableFuture<Long> submit(List<Pending> facts) {
        return submit(facts, false);
    }

    /**
     * Queues facts like {@link #submit(List)}; with {@code skipExisting} those whose event id is already in
     * the store are skipped. The future gives the number of facts written.
     */
    public CompletableFuture<Long> submit(List<Pending> facts, boolean skipExisting) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        enqueue(new Facts(facts, skipExisting, done));
        return done;
    }

    /** Waits until every fact submitted before this call is committed (or failed). */
    public void flush() {
        if (completed.get() == submitted.get()) {
            rethrowAsyncFailure();
            return;
        }
        call(() -> null);
        rethrowAsyncFailure();
    }

    /** Runs {@code work} on the writer thread, after everything queued before it, and returns its result. */
    @SuppressWarnings("unchecked")
    public <T> T call(Callable<T> work) {
        if (Thread.currentThread() == thread) {
            throw new IllegalStateException("cannot wait for the writer on the writer's own thread (a decision run"
                    + " by inTransaction must read through its Transaction, not through the store)");
        }
        CompletableFuture<Object> done = new CompletableFuture<>();
        enqueue(new Task(work, done, false));
        return (T) await(done);
    }

    /** The answer of a decision and the facts it records. */
    public record Decided<T>(T answer, List<Pending> facts) {
        /** Copies the facts. */
        public Decided {
            facts = List.copyOf(facts);
        }
    }

    /**
     * Runs {@code decision} on the writer thread in a transaction of its own, after everything queued before
     * it: the decision reads through the connection and returns its answer with the facts to append, which are
     * committed in the same transaction before the answer is returned. Nothing else is written in between.
     * When the decision or the write fails, the transaction is rolled back and the failure thrown.
     */
    public <T> T decide(java.util.function.Function<DuckDBConnection, Decided<T>> decision) {
        return call(() -> decideNow(decision));
    }

    private <T> T decideNow(java.util.function.Function<DuckDBConnection, Decided<T>> decision) throws Exception {
        try (Statement st = connection.createStatement()) {
            st.execute("BEGIN TRANSACTION");
            try {
                Decided<T> decided = decision.apply(connection);
                if (decided.facts().isEmpty()) {
                    st.execute("ROLLBACK");
                    return decided.answer();
                }
                Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
                Instant recordedAt = now.isAfter(lastRecordedAt) ? now : lastRecordedAt.plus(1, ChronoUnit.MICROS);
                Set<String> tables = new HashSet<>();
                for (Pending p : decided.facts()) {
                    append(p, recordedAt);
                    tables.add(p.type().table());
                }
                keys.flush();
                for (DuckDBAppender a : appenders.values()) {
                    a.flush();
                }
                runAfterWrite(tables, recordedAt);
                commit(st);
                keys.commit();
                lastRecordedAt = recordedAt;
                return decided.answer();
            } catch (Throwable e) {
                closeAppenders();
                keys.closeAppenders();
                try {
                    st.execute("ROLLBACK");
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                keys.rollback();
                if (e instanceof Exception ex) {
                    throw ex;
                }
                throw (Error) e;
            }
        }
    }

    /** The connection the writer owns; use it only from work passed to {@link #call}. */
    public DuckDBConnection connection() {
        return connection;
    }

    /** Whether the caller of a record method waits for the commit. */
    public boolean waitsForCommit() {
        return durability != Durability.ASYNC;
    }

    /** Waits for {@code future}, turning failures into the exception that caused them. */
    public static Object await(CompletableFuture<?> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgentStoreException("interrupted while waiting for the writer", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new AgentStoreException(cause.getMessage(), cause);
        }
    }

    private void enqueue(Item item) {
        stopGate.readLock().lock();
        try {
            if (stopped) {
                throw new IllegalStateException("the store is closed");
            }
            offer(item);
        } finally {
            stopGate.readLock().unlock();
        }
    }

    private void offer(Item item) {
        if (item instanceof Facts) {
            submitted.incrementAndGet();
        }
        try {
            if (!queue.offer(item, offerTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                if (item instanceof Facts) {
                    completed.incrementAndGet();
                }
                throw new AgentStoreException("the write queue stayed full for " + offerTimeout
                        + " (capacity " + (queue.size() + queue.remainingCapacity()) + "): the writer cannot keep up or"
                        + " is blocked; "
                        + (item instanceof Facts
                                ? "nothing of this call was recorded"
                                : "gave up waiting for the pending facts to be written"));
            }
        } catch (InterruptedException e) {
            if (item instanceof Facts) {
                completed.incrementAndGet();
            }
            Thread.currentThread().interrupt();
            throw new AgentStoreException(
                    item instanceof Facts
                            ? "interrupted while queueing a record; it was not recorded"
                            : "interrupted while waiting for the writer",
                    e);
        }
    }

    private void rethrowAsyncFailure() {
        Throwable failure = asyncFailure.getAndSet(null);
        if (failure != null) {
            long count = asyncFailed.getAndSet(0);
            throw new AgentStoreException(
                    count + " asynchronously recorded fact(s) could not be written; first cause: "
                            + failure.getMessage(),
                    failure);
        }
    }

    private void run() {
        List<Facts> batch = new ArrayList<>();
        while (true) {
            Item first;
            try {
                first = queue.take();
            } catch (InterruptedException e) {
                continue;
            }
            if (first instanceof Task task) {
                runTask(task);
                if (task.stop()) {
                    return;
                }
                continue;
            }
            batch.clear();
            batch.add((Facts) first);
            int rows = ((Facts) first).facts().size();
            Task after = null;
            if (durability != Durability.SYNC) {
                Item next;
                while (rows < MAX_BATCH && (next = queue.poll()) != null) {
                    if (next instanceof Task task) {
                        after = task;
                        break;
                    }
                    batch.add((Facts) next);
                    rows += ((Facts) next).facts().size();
                }
            }
            writeBatch(batch);
            if (after != null) {
                runTask(after);
                if (after.stop()) {
                    return;
                }
            }
        }
    }

    private void runTask(Task task) {
        try {
            task.done().complete(task.work().call());
        } catch (Throwable t) {
            task.done().completeExceptionally(t);
        }
    }

    // Throwable, not Exception: an Error thrown by a module's FactType (an AssertionError, a
    // NoClassDefFoundError) must fail its records, not end the writer thread and leave every caller waiting.
    private void writeBatch(List<Facts> batch) {
        try {
            long[] written = writeInTransaction(batch);
            for (int i = 0; i < batch.size(); i++) {
                succeed(batch.get(i), written[i]);
            }
        } catch (Throwable batchFailure) {
            if (batch.size() == 1 || StorageErrors.isFatal(batchFailure)) {
                // after a fatal error DuckDB refuses every statement: halving would only fail each unit alone
                for (Facts f : batch) {
                    fail(f, batchFailure);
                }
                return;
            }
            // Find exactly the units that cannot be written by halving: a few commits for one bad record in a
            // batch of thousands, where retrying every unit alone would cost one commit (an fsync) per unit.
            int half = batch.size() / 2;
            writeBatch(batch.subList(0, half));
            writeBatch(batch.subList(half, batch.size()));
        }
    }

    private void succeed(Facts f, long written) {
        completed.incrementAndGet();
        f.done().complete(written);
    }

    private void fail(Facts f, Throwable e) {
        completed.incrementAndGet();
        String advice = StorageErrors.advice(e, file);
        AgentStoreException error = e instanceof AgentStoreException ae && advice.isEmpty()
                ? ae
                : new AgentStoreException("could not write " + describe(f) + ": " + e.getMessage() + advice, e);
        if (durability == Durability.ASYNC) {
            LOG.error("dropping {}: {}", describe(f), e.getMessage());
            asyncFailure.compareAndSet(null, error);
            asyncFailed.addAndGet(f.facts().size());
        }
        f.done().completeExceptionally(error);
    }

    private static String describe(Facts f) {
        Pending p = f.facts().get(0);
        return f.facts().size() == 1
                ? p.type().table() + " event " + p.eventId()
                : f.facts().size() + " facts (first: " + p.type().table() + " event " + p.eventId() + ")";
    }

    private long[] writeInTransaction(List<Facts> batch) throws Throwable {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant recordedAt = now.isAfter(lastRecordedAt) ? now : lastRecordedAt.plus(1, ChronoUnit.MICROS);
        try (Statement st = connection.createStatement()) {
            st.execute("BEGIN TRANSACTION");
            try {
                long[] written = new long[batch.size()];
                Set<UUID> appendedNew = null;
                Set<String> tables = new HashSet<>();
                for (int i = 0; i < batch.size(); i++) {
                    Facts f = batch.get(i);
                    List<Pending> facts = f.facts();
                    if (f.skipExisting()) {
                        appendedNew = appendedNew == null ? new HashSet<>() : appendedNew;
                        facts = absent(facts, appendedNew);
                    }
                    for (Pending p : facts) {
                        append(p, recordedAt);
                        tables.add(p.type().table());
                    }
                    written[i] = facts.size();
                }
                keys.flush();
                for (DuckDBAppender a : appenders.values()) {
                    a.flush();
                }
                runAfterWrite(tables, recordedAt);
                commit(st);
                keys.commit();
                lastRecordedAt = recordedAt;
                return written;
            } catch (Throwable e) {
                // Closing an appender flushes what it buffered: do it inside the doomed transaction.
                closeAppenders();
                keys.closeAppenders();
                try {
                    st.execute("ROLLBACK");
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                keys.rollback();
                throw e;
            }
        }
    }

    /**
     * Runs the after-write statements of {@code table} in a transaction of their own that writes no facts, on
     * the writer thread, and waits for the commit.
     */
    public void runAfterWrite(String table) {
        call(() -> {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            Instant at = now.isAfter(lastRecordedAt) ? now : lastRecordedAt.plus(1, ChronoUnit.MICROS);
            try (Statement st = connection.createStatement()) {
                st.execute("BEGIN TRANSACTION");
                try {
                    runAfterWrite(Set.of(table), at);
                    commit(st);
                } catch (Throwable e) {
                    try {
                        st.execute("ROLLBACK");
                    } catch (SQLException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                    throw e;
                }
            }
            lastRecordedAt = at;
            return null;
        });
    }

    /** Runs the after-write statements of the tables this batch wrote to, in the batch's transaction. */
    private void runAfterWrite(Set<String> tables, Instant recordedAt) throws SQLException {
        if (afterWrite.isEmpty() || tables.isEmpty()) {
            return;
        }
        for (Map.Entry<String, List<String>> e : afterWrite.entrySet()) {
            if (!tables.contains(e.getKey())) {
                continue;
            }
            for (String sql : e.getValue()) {
                try (java.sql.PreparedStatement ps = connection.prepareStatement(sql)) {
                    // every placeholder is the batch's recorded_at
                    int n = ps.getParameterMetaData().getParameterCount();
                    for (int i = 1; i <= n; i++) {
                        ps.setObject(i, java.time.OffsetDateTime.ofInstant(recordedAt, java.time.ZoneOffset.UTC));
                    }
                    ps.execute();
                }
            }
        }
    }

    /**
     * Commits. When DuckDB reports that the commit is durable but the automatic checkpoint after it failed
     * (a full disk), the facts are in the write-ahead log and will be there after a reopen: the callers are
     * told they were recorded, and the next batch meets the fatal state DuckDB is now in.
     */
    private void commit(Statement st) throws SQLException {
        try {
            st.execute("COMMIT");
        } catch (SQLException e) {
            if (!StorageErrors.isDurableCommit(e)) {
                throw e;
            }
            LOG.error(
                    "committed, but DuckDB's checkpoint after the commit failed: {}{}",
                    e.getMessage(),
                    StorageErrors.advice(e, file));
        }
    }

    /** The facts whose event id is neither stored nor in {@code appended}, which they are added to. */
    private List<Pending> absent(List<Pending> facts, Set<UUID> appended) throws SQLException {
        Map<String, List<Pending>> byTable = new LinkedHashMap<>();
        for (Pending p : facts) {
            byTable.computeIfAbsent(p.type().table(), t -> new ArrayList<>()).add(p);
        }
        Set<UUID> stored = new HashSet<>();
        try (Statement st = connection.createStatement()) {
            for (Map.Entry<String, List<Pending>> e : byTable.entrySet()) {
                List<Pending> list = e.getValue();
                // each query scans the table's event ids once, however many ids it asks about: few, large ones
                for (int from = 0; from < list.size(); from += KNOWN_ID_CHUNK) {
                    StringBuilder in = new StringBuilder();
                    for (Pending p : list.subList(from, Math.min(list.size(), from + KNOWN_ID_CHUNK))) {
                        // UUID.toString() is hex digits and dashes only: safe to inline as a literal
                        in.append(in.length() == 0 ? "'" : ", '")
                                .append(p.eventId())
                                .append('\'');
                    }
                    try (ResultSet rs =
                            st.executeQuery("SELECT event_id FROM " + e.getKey() + " WHERE event_id IN (" + in + ")")) {
                        while (rs.next()) {
                            stored.add(rs.getObject(1, UUID.class));
                        }
                    }
                }
            }
        }
        List<Pending> result = new ArrayList<>(facts.size());
        for (Pending p : facts) {
            if (!stored.contains(p.eventId()) && appended.add(p.eventId())) {
                result.add(p);
            }
        }
        return result;
    }

    private void append(Pending p, Instant recordedAt) throws SQLException {
        DuckDBAppender appender = appenders.get(p.type().table());
        if (appender == null) {
            appender = connection.createAppender(
                    DuckDBConnection.DEFAULT_SCHEMA, p.type().table());
            appenders.put(p.type().table(), appender);
        }
        RowWriter row = new RowWriter(appender, redaction.get());
        appender.beginRow();
        row.uuid(p.eventId())
                .timestamp(p.occurredAt())
                .timestamp(recordedAt)
                .uuid(p.record().supersedesEventId());
        p.type().write(p.record(), new Context(p), row);
        // the long tail where free text lands (tool inputs, results, commands): redacted before it is stored
        row.text(
                p.record().attributes().isEmpty()
                        ? null
                        : row.redaction.redact(Json.write(p.record().attributes())));
        appender.endRow();
    }

    private final class Context implements FactContext {
        private final Pending pending;

        Context(Pending pending) {
            this.pending = pending;
        }

        @Override
        public UUID eventId() {
            return pending.eventId();
        }

        @Override
        public Instant occurredAt() {
            return pending.occurredAt();
        }

        @Override
        public Redaction redaction() {
            return redaction.get();
        }

        @Override
        public Long key(Dimension dimension, List<?> naturalKey, List<?> attributes) {
            try {
                return keys.key(dimension, naturalKey, attributes, pending.occurredAt());
            } catch (SQLException e) {
                throw new AgentStoreException(
                        "cannot resolve " + dimension.table() + " " + naturalKey + ": " + e.getMessage(), e);
            }
        }
    }

    /** Appends typed values to one appender row. */
    private static final class RowWriter implements FactRow {
        private final DuckDBAppender appender;
        private final Redaction redaction;

        RowWriter(DuckDBAppender appender, Redaction redaction) {
            this.appender = appender;
            this.redaction = redaction;
        }

        @Override
        public FactRow freeText(String value) {
            return text(redaction.redact(value));
        }

        private RowWriter nul() {
            try {
                appender.appendNull();
            } catch (SQLException e) {
                throw new AgentStoreException("appender refused NULL: " + e.getMessage(), e);
            }
            return this;
        }

        @Override
        public FactRow text(String value) {
            if (value == null) {
                return nul();
            }
            try {
                appender.append(value);
            } catch (SQLException e) {
                throw new AgentStoreException("appender refused text: " + e.getMessage(), e);
            }
            return this;
        }

        @Override
        public FactRow int64(Long value) {
            if (value == null) {
                return nul();
            }
            try {
                appender.append(value.longValue());
            } catch (SQLException e) {
                throw new AgentStoreException("appender refused BIGINT: " + e.getMessage(), e);
            }
            return this;
        }

        @Override
        public FactRow float64(Double value) {
            if (value == null) {
                return nul();
            }
            try {
                appender.append(value.doubleValue());
            } catch (SQLException e) {
                throw new AgentStoreException("appender refused DOUBLE: " + e.getMessage(), e);
            }
            return this;
        }

        @Override
        public FactRow bool(Boolean value) {
            if (value == null) {
                return nul();
            }
            try {
                appender.append(value.booleanValue());
            } catch (SQLException e) {
                throw new AgentStoreException("appender refused BOOLEAN: " + e.getMessage(), e);
            }
            return this;
        }

        @Override
        public FactRow decimal(BigDecimal value, int scale) {
            if (value == null) {
                return nul();
            }
            try {
                appender.append(value.setScale(scale, RoundingMode.UNNECESSARY));
            } catch (SQLException | ArithmeticException e) {
                throw new AgentStoreException("appender refused DECIMAL " + value + ": " + e.getMessage(), e);
            }
            return this;
        }

        @Override
        public FactRow timestamp(Instant value) {
            if (value == null) {
                return nul();
            }
            try {
                // epoch microseconds: no OffsetDateTime (and no zone rules) per value
                appender.appendEpochMicros(
                        Math.addExact(Math.multiplyExact(value.getEpochSecond(), 1_000_000L), value.getNano() / 1_000));
            } catch (SQLException | ArithmeticException e) {
                throw new AgentStoreException("appender refused TIMESTAMPTZ: " + e.getMessage(), e);
            }
            return this;
        }

        @Override
        public FactRow uuid(UUID value) {
            if (value == null) {
                return nul();
            }
            try {
                appender.append(value);
            } catch (SQLException e) {
                throw new AgentStoreException("appender refused UUID: " + e.getMessage(), e);
            }
            return this;
        }

        @Override
        public FactRow json(Object value) {
            return text(value == null ? null : Json.write(value));
        }

        @Override
        public FactRow floats(float[] value) {
            if (value == null) {
                return nul();
            }
            try {
                appender.append(value);
            } catch (SQLException e) {
                throw new AgentStoreException("appender refused FLOAT[]: " + e.getMessage(), e);
            }
            return this;
        }
    }

    private void closeAppenders() {
        for (DuckDBAppender a : appenders.values()) {
            try {
                a.close();
            } catch (Exception ignored) {
                // the transaction was rolled back; the appender's buffered rows are void anyway
            }
        }
        appenders.clear();
    }

    /**
     * Writes what is queued, stops the thread and closes the appenders (not the connection). Calls that
     * are still queueing finish queueing first (at most the offer timeout); later ones get an
     * {@link IllegalStateException}.
     */
    @Override
    public void close() {
        stopGate.writeLock().lock();
        try {
            if (stopped) {
                return;
            }
            stopped = true;
        } finally {
            stopGate.writeLock().unlock();
        }
        CompletableFuture<Object> done = new CompletableFuture<>();
        Task stop = new Task(
                () -> {
                    closeAppenders();
                    keys.close();
                    return null;
                },
                done,
                true);
        boolean interrupted = false;
        while (true) {
            try {
                // the queue may be full: the writer is draining it; an interrupt must not skip the stop
                queue.put(stop);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        // Wait through interrupts as well: the caller closes the connection next, under a running writer.
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (true) {
            try {
                done.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                thread.join(TimeUnit.MINUTES.toMillis(1));
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("writer did not stop cleanly: {}", e.toString());
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
