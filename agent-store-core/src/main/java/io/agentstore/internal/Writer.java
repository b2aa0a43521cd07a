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
    /** Journaled rows loaded into DuckDB in one transaction at the latest. */
    private static final int LOAD_ROWS = 16_384;
    /** How long the writer waits for more work before it loads what the journal holds. */
    private static final long LOAD_IDLE_MILLIS = 50;

    /** A fact ready to write: the record with its resolved envelope. */
    public record Pending(FactRecord record, FactType<FactRecord> type, UUID eventId, Instant occurredAt) {}

    private sealed interface Item permits Facts, Task, Journaled {}

    /**
     * One unit made durable by the journal before DuckDB sees it: the rows captured on the caller's thread and
     * their frame. {@code done} is completed once the frame is forced to disk (null for a unit replayed at open);
     * {@code replayed} units skip the event ids already stored.
     */
    private record Journaled(List<Journal.Row> rows, byte[] payload, CompletableFuture<Long> done, boolean replayed)
            implements Item {}

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

    /** The write journal (null in memory, read-only, or when it could not be opened). */
    private final Journal journal;
    /** Acknowledged journaled units not in DuckDB yet, in journal order (writer thread only). */
    private final List<Journaled> unloaded = new ArrayList<>();
    /** Rows of {@link #unloaded}, for {@link #flush()}'s fast path. */
    private volatile int unloadedRows;
    /** Why the last load of the journal stopped (a full disk, a fatal DuckDB error); null after a good load. */
    private volatile Throwable loadFailure;
    /** A fatal DuckDB error met by a load: nothing more is acknowledged until the store is opened again. */
    private volatile Throwable fatal;
    /** The rows the journal may hold before the writer loads them (raised after a failed load). */
    private int nextLoadRows = LOAD_ROWS;
    /** An item taken from the queue while gathering a batch, handled next. */
    private Item carried;
    /** The items being written, failed by the watchdog when the thread ends abnormally. */
    private volatile List<? extends Item> current = List.of();
    /** Why the writer thread ended, when it ended abnormally. */
    private volatile AgentStoreException died;

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
        this(
                connection,
                file,
                false,
                durability,
                clock,
                queueCapacity,
                offerTimeout,
                keyCacheSize,
                lastRecordedAt,
                name,
                redaction,
                afterWrite);
    }

    /**
     * A writer on its own connection; with {@code journaled} (a writable file store), the write journal beside
     * {@code file} is opened, and what it holds from a crash is loaded before the writer starts.
     *
     * @throws AgentStoreException when the journal cannot be opened or what it holds cannot be loaded (the
     *                             connection is closed then)
     */
    public Writer(
            DuckDBConnection connection,
            Path file,
            boolean journaled,
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
        this.journal = journaled && file != null ? openJournal(file) : null;
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
        if (journal != null && durability != Durability.ASYNC && !skipExisting) {
            // captured here, on the caller's thread: a record its fact type refuses fails before it is journaled
            List<Journal.Row> rows = new ArrayList<>(facts.size());
            byte[] payload;
            try {
                Redaction r = redaction.get();
                for (Pending p : facts) {
                    rows.add(Journal.capture(p, r));
                }
                payload = Journal.encode(rows);
            } catch (Throwable e) {
                done.completeExceptionally(error(facts, e));
                return done;
            }
            enqueue(new Journaled(rows, payload, done, false));
            return done;
        }
        enqueue(new Facts(facts, skipExisting, done));
        return done;
    }

    /** Opens the journal and loads what it holds (left by a crash) in one transaction, before the thread starts. */
    private Journal openJournal(Path file) {
        List<Journal.Frame> frames = new ArrayList<>();
        Journal opened = null;
        try {
            opened = Journal.open(file, frames);
            if (!frames.isEmpty()) {
                List<Journaled> units = new ArrayList<>(frames.size());
                long rows = 0;
                for (Journal.Frame f : frames) {
                    units.add(new Journaled(f.rows(), f.bytes(), null, true));
                    rows += f.rows().size();
                }
                long loaded = java.util.Arrays.stream(writeJournaled(units)).sum();
                opened.truncate();
                LOG.info(
                        "replayed the write journal {}: {} acknowledged record(s), {} not in the database yet",
                        opened.path(),
                        rows,
                        loaded);
            }
            return opened;
        } catch (Throwable e) {
            try {
                if (opened != null) {
                    opened.close();
                }
            } catch (java.io.IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            keys.close();
            try {
                connection.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new AgentStoreException(
                    "cannot load the write journal " + Journal.pathOf(file) + " (" + frames.size() + " unit(s) of"
                            + " acknowledged records a crash left there): " + e.getMessage()
                            + StorageErrors.advice(e, file)
                            + " The journal is kept: open the store again with the modules that wrote these records"
                            + " once the cause is fixed.",
                    e);
        }
    }

    /** Waits until every fact submitted before this call is committed (or failed). */
    public void flush() {
        AgentStoreException dead = died;
        if (dead != null) {
            throw new AgentStoreException(dead.getMessage(), dead);
        }
        if (completed.get() == submitted.get() && unloadedRows == 0) {
            rethrowAsyncFailure();
            return;
        }
        call(() -> null);
        rethrowAsyncFailure();
        rethrowLoadFailure();
    }

    /** Acknowledged records that the journal holds and DuckDB does not yet (0 without a journal). */
    public long journalPending() {
        return unloadedRows;
    }

    private void rethrowLoadFailure() {
        Throwable failure = loadFailure;
        if (failure != null && unloadedRows > 0) {
            throw new AgentStoreException(
                    unloadedRows + " acknowledged record(s) are safe in the write journal "
                            + (journal == null ? "" : journal.path())
                            + " but could not be loaded into the database: " + failure.getMessage()
                            + StorageErrors.advice(failure, file),
                    failure);
        }
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
            if (died != null) {
                throw new AgentStoreException(died.getMessage(), died);
            }
            if (stopped) {
                throw new IllegalStateException("the store is closed");
            }
            offer(item);
        } finally {
            stopGate.readLock().unlock();
        }
    }

    private void offer(Item item) {
        boolean facts = !(item instanceof Task);
        if (facts) {
            submitted.incrementAndGet();
        }
        try {
            if (!queue.offer(item, offerTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                if (facts) {
                    completed.incrementAndGet();
                }
                throw new AgentStoreException("the write queue stayed full for " + offerTimeout
                        + " (capacity " + (queue.size() + queue.remainingCapacity()) + "): the writer cannot keep up or"
                        + " is blocked; "
                        + (facts
                                ? "nothing of this call was recorded"
                                : "gave up waiting for the pending facts to be written"));
            }
        } catch (InterruptedException e) {
            if (facts) {
                completed.incrementAndGet();
            }
            Thread.currentThread().interrupt();
            throw new AgentStoreException(
                    facts
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
        Throwable cause = null;
        try {
            loop();
            return;
        } catch (Throwable t) {
            cause = t;
        }
        die(cause);
    }

    /**
     * The watchdog: the thread ends outside the catch of a write (an error in the loop itself). Every queued or
     * half-written item fails with a clear error, and later calls fail at once, instead of waiting forever.
     */
    private void die(Throwable cause) {
        AgentStoreException error = new AgentStoreException(
                "the writer thread of " + (file == null ? "the in-memory store" : file.toString())
                        + " ended unexpectedly (" + cause + "): nothing more can be recorded; close the store and"
                        + " open it again"
                        + (journal == null
                                ? ""
                                : " (acknowledged records kept in the write journal " + journal.path()
                                        + " are loaded then)"),
                cause);
        LOG.error("{}", error.getMessage(), cause);
        stopGate.writeLock().lock();
        try {
            died = error;
            stopped = true;
        } finally {
            stopGate.writeLock().unlock();
        }
        List<Item> rest = new ArrayList<>(current);
        if (carried != null) {
            rest.add(carried);
        }
        queue.drainTo(rest);
        for (Item item : rest) {
            if (item instanceof Facts f) {
                if (!f.done().isDone()) {
                    completed.incrementAndGet();
                }
                f.done().completeExceptionally(error);
            } else if (item instanceof Journaled j && j.done() != null) {
                if (!j.done().isDone()) {
                    completed.incrementAndGet();
                }
                j.done().completeExceptionally(error);
            } else if (item instanceof Task t) {
                t.done().completeExceptionally(error);
            }
        }
        if (journal != null) {
            try {
                journal.close(false);
            } catch (java.io.IOException | RuntimeException e) {
                LOG.warn("cannot close the write journal: {}", e.toString());
            }
        }
    }

    private void loop() {
        List<Facts> batch = new ArrayList<>();
        while (true) {
            Item first = carried;
            carried = null;
            if (first == null) {
                try {
                    // after a failed load, only work (a query's flush, close) or a full batch tries again
                    if (unloaded.isEmpty() || fatal != null || loadFailure != null) {
                        first = queue.take();
                    } else {
                        first = queue.poll(LOAD_IDLE_MILLIS, TimeUnit.MILLISECONDS);
                        if (first == null) {
                            load();
                            continue;
                        }
                    }
                } catch (InterruptedException e) {
                    continue;
                }
            }
            if (first instanceof Task task) {
                // what a task does (a query's flush, a decision, an export, the stop) sees every acknowledged record
                load();
                current = List.of(task);
                runTask(task);
                current = List.of();
                if (task.stop()) {
                    return;
                }
                continue;
            }
            if (first instanceof Journaled j) {
                journalGroup(j);
                continue;
            }
            // a unit written directly (ASYNC, importAll): whatever the journal holds goes first
            load();
            batch.clear();
            batch.add((Facts) first);
            int rows = ((Facts) first).facts().size();
            if (durability != Durability.SYNC) {
                Item next;
                while (rows < MAX_BATCH && (next = queue.poll()) != null) {
                    if (!(next instanceof Facts f)) {
                        carried = next;
                        break;
                    }
                    batch.add(f);
                    rows += f.facts().size();
                }
            }
            current = batch;
            writeBatch(batch);
            current = List.of();
        }
    }

    /**
     * Appends {@code first} and, in GROUP_COMMIT, the journaled units queued behind it to the journal with one
     * forced write, acknowledges them, and loads the journal into DuckDB once it holds enough rows.
     */
    private void journalGroup(Journaled first) {
        List<Journaled> group = new ArrayList<>();
        group.add(first);
        int rows = first.rows().size();
        if (durability == Durability.GROUP_COMMIT) {
            Item next;
            while (rows < MAX_BATCH && (next = queue.poll()) != null) {
                if (!(next instanceof Journaled j)) {
                    carried = next;
                    break;
                }
                group.add(j);
                rows += j.rows().size();
            }
        }
        current = group;
        Throwable stop = fatal;
        if (stop == null) {
            List<byte[]> payloads = new ArrayList<>(group.size());
            for (Journaled j : group) {
                payloads.add(j.payload());
            }
            try {
                journal.append(payloads);
            } catch (java.io.IOException | RuntimeException e) {
                stop = e;
            }
        }
        if (stop != null) {
            for (Journaled j : group) {
                completed.incrementAndGet();
                j.done().completeExceptionally(error(j, stop));
            }
            current = List.of();
            return;
        }
        for (Journaled j : group) {
            unloaded.add(j);
            unloadedRows += j.rows().size();
        }
        for (Journaled j : group) {
            completed.incrementAndGet();
            j.done().complete((long) j.rows().size());
        }
        current = List.of();
        if (unloadedRows >= nextLoadRows) {
            load();
        }
    }

    /**
     * Loads what the journal holds into DuckDB, in transactions of up to {@link #LOAD_ROWS} rows, and empties
     * the journal once all of it is committed. A unit DuckDB refuses for a reason of its own is dropped and
     * reported (logged, and thrown by the next flush); a storage failure (a full disk, a fatal error) stops the
     * load and keeps the journal, which the next load, or the next open, loads again.
     */
    private void load() {
        if (unloaded.isEmpty() || fatal != null) {
            return;
        }
        while (!unloaded.isEmpty()) {
            int n = 0;
            int rows = 0;
            while (n < unloaded.size()
                    && (n == 0 || rows + unloaded.get(n).rows().size() <= LOAD_ROWS)) {
                rows += unloaded.get(n).rows().size();
                n++;
            }
            List<Journaled> chunk = unloaded.subList(0, n);
            int[] done = {0};
            Throwable failure = loadUnits(chunk, done);
            List<Journaled> finished = unloaded.subList(0, done[0]);
            int finishedRows = 0;
            for (Journaled j : finished) {
                finishedRows += j.rows().size();
            }
            finished.clear();
            unloadedRows -= finishedRows;
            if (failure != null) {
                loadFailure = failure;
                nextLoadRows = unloadedRows + LOAD_ROWS;
                if (StorageErrors.isFatal(failure)) {
                    fatal = failure;
                }
                LOG.error(
                        "cannot load {} acknowledged record(s) from the write journal into {}; they stay in the"
                                + " journal: {}{}",
                        unloadedRows,
                        file,
                        failure.getMessage(),
                        StorageErrors.advice(failure, file));
                return;
            }
        }
        loadFailure = null;
        nextLoadRows = LOAD_ROWS;
        try {
            journal.truncate();
        } catch (java.io.IOException e) {
            // harmless: what the journal still holds is committed, and a replay skips stored event ids
            LOG.warn("cannot truncate the write journal {}: {}", journal.path(), e.toString());
        }
    }

    /**
     * Loads {@code units} in one transaction or, when that fails, in halves; {@code done[0]} counts the units
     * (a prefix) committed or dropped. Returns the storage failure that stopped it, or null.
     */
    private Throwable loadUnits(List<Journaled> units, int[] done) {
        try {
            writeJournaled(units);
            done[0] += units.size();
            return null;
        } catch (Throwable e) {
            if (StorageErrors.isFatal(e) || StorageErrors.isFull(e) || StorageErrors.isDamaged(e)) {
                return e;
            }
            if (units.size() == 1) {
                Journaled j = units.get(0);
                Journal.Row r = j.rows().get(0);
                String what = j.rows().size() == 1
                        ? r.table() + " event " + r.eventId()
                        : j.rows().size() + " facts (first: " + r.table() + " event " + r.eventId() + ")";
                LOG.error("dropping {} from the write journal: DuckDB refused it: {}", what, e.getMessage());
                asyncFailure.compareAndSet(
                        null,
                        new AgentStoreException(
                                "the acknowledged " + what + " could not be loaded from the write journal: "
                                        + e.getMessage(),
                                e));
                asyncFailed.addAndGet(j.rows().size());
                done[0] += 1;
                return null;
            }
            int half = units.size() / 2;
            Throwable first = loadUnits(units.subList(0, half), done);
            return first != null ? first : loadUnits(units.subList(half, units.size()), done);
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

    private AgentStoreException error(Journaled j, Throwable e) {
        Journal.Row r = j.rows().get(0);
        String what = j.rows().size() == 1
                ? r.table() + " event " + r.eventId()
                : j.rows().size() + " facts (first: " + r.table() + " event " + r.eventId() + ")";
        return new AgentStoreException(
                "could not write " + what + ": " + e.getMessage() + StorageErrors.advice(e, file), e);
    }

    private AgentStoreException error(List<Pending> facts, Throwable e) {
        String advice = StorageErrors.advice(e, file);
        return e instanceof AgentStoreException ae && advice.isEmpty()
                ? ae
                : new AgentStoreException(
                        "could not write " + describe(new Facts(facts, false, null)) + ": " + e.getMessage() + advice,
                        e);
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
     * Loads journaled units in one transaction, with a {@code recorded_at} assigned now (strictly later than any
     * before): never the time of the journal append. Replayed units skip the event ids already stored (the crash
     * may have come after their commit and before the journal was emptied). Returns the rows written per unit.
     */
    private long[] writeJournaled(List<Journaled> units) throws Throwable {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant recordedAt = now.isAfter(lastRecordedAt) ? now : lastRecordedAt.plus(1, ChronoUnit.MICROS);
        try (Statement st = connection.createStatement()) {
            st.execute("BEGIN TRANSACTION");
            try {
                long[] written = new long[units.size()];
                Set<UUID> appendedNew = null;
                Set<String> tables = new HashSet<>();
                for (int i = 0; i < units.size(); i++) {
                    Journaled j = units.get(i);
                    List<Journal.Row> rows = j.rows();
                    if (j.replayed()) {
                        appendedNew = appendedNew == null ? new HashSet<>() : appendedNew;
                        rows = absent(rows, Journal.Row::table, Journal.Row::eventId, appendedNew);
                    }
                    for (Journal.Row r : rows) {
                        appendRow(r, recordedAt);
                        tables.add(r.table());
                    }
                    written[i] = rows.size();
                }
                keys.flush();
                for (DuckDBAppender a : appenders.values()) {
                    a.flush();
                }
                runAfterWrite(tables, recordedAt);
                if (Journal.kill("mid-load")) {
                    Journal.halt();
                }
                commit(st);
                keys.commit();
                lastRecordedAt = recordedAt;
                return written;
            } catch (Throwable e) {
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

    /** Appends one journaled row: its dimension keys are resolved now, in the loading transaction. */
    private void appendRow(Journal.Row r, Instant recordedAt) throws SQLException {
        Long[] resolved = new Long[r.keys().size()];
        for (int i = 0; i < resolved.length; i++) {
            Journal.KeyLookup k = r.keys().get(i);
            resolved[i] = keys.key(
                    k.dimension(), refs(k.naturalKey(), resolved), refs(k.attributes(), resolved), r.occurredAt());
        }
        DuckDBAppender appender = appender(r.table());
        RowWriter row = new RowWriter(appender, redaction.get());
        appender.beginRow();
        row.uuid(r.eventId()).timestamp(r.occurredAt()).timestamp(recordedAt).uuid(r.supersedes());
        for (Object v : r.values()) {
            if (v == null) {
                row.nul();
            } else if (v instanceof String str) {
                row.text(str);
            } else if (v instanceof Long l) {
                row.int64(l);
            } else if (v instanceof Journal.KeyRef ref) {
                row.int64(resolved[ref.index()]);
            } else if (v instanceof Double d) {
                row.float64(d);
            } else if (v instanceof Boolean b) {
                row.bool(b);
            } else if (v instanceof Journal.Scaled dec) {
                row.decimal(dec.value(), dec.value().scale());
            } else if (v instanceof Instant t) {
                row.timestamp(t);
            } else if (v instanceof UUID u) {
                row.uuid(u);
            } else if (v instanceof float[] f) {
                row.floats(f);
            } else {
                throw new AgentStoreException(
                        "a journaled row holds a " + v.getClass().getName());
            }
        }
        row.text(r.attributes());
        appender.endRow();
    }

    /** {@code values} with each reference to an earlier lookup replaced by the key it resolved to. */
    private static List<Object> refs(List<Object> values, Long[] resolved) {
        List<Object> out = null;
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) instanceof Journal.KeyRef ref) {
                if (out == null) {
                    out = new ArrayList<>(values);
                }
                out.set(i, resolved[ref.index()]);
            } else if (values.get(i) instanceof Journal.Scaled dec) {
                if (out == null) {
                    out = new ArrayList<>(values);
                }
                out.set(i, dec.value());
            }
        }
        return out == null ? values : out;
    }

    private DuckDBAppender appender(String table) throws SQLException {
        DuckDBAppender appender = appenders.get(table);
        if (appender == null) {
            appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, table);
            appenders.put(table, appender);
        }
        return appender;
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
        return absent(facts, p -> p.type().table(), Pending::eventId, appended);
    }

    private <F> List<F> absent(
            List<F> facts,
            java.util.function.Function<F, String> tableOf,
            java.util.function.Function<F, UUID> idOf,
            Set<UUID> appended)
            throws SQLException {
        Map<String, List<F>> byTable = new LinkedHashMap<>();
        for (F p : facts) {
            byTable.computeIfAbsent(tableOf.apply(p), t -> new ArrayList<>()).add(p);
        }
        Set<UUID> stored = new HashSet<>();
        try (Statement st = connection.createStatement()) {
            for (Map.Entry<String, List<F>> e : byTable.entrySet()) {
                List<F> list = e.getValue();
                // each query scans the table's event ids once, however many ids it asks about: few, large ones
                for (int from = 0; from < list.size(); from += KNOWN_ID_CHUNK) {
                    StringBuilder in = new StringBuilder();
                    for (F p : list.subList(from, Math.min(list.size(), from + KNOWN_ID_CHUNK))) {
                        // UUID.toString() is hex digits and dashes only: safe to inline as a literal
                        in.append(in.length() == 0 ? "'" : ", '")
                                .append(idOf.apply(p))
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
        List<F> result = new ArrayList<>(facts.size());
        for (F p : facts) {
            if (!stored.contains(idOf.apply(p)) && appended.add(idOf.apply(p))) {
                result.add(p);
            }
        }
        return result;
    }

    private void append(Pending p, Instant recordedAt) throws SQLException {
        DuckDBAppender appender = appender(p.type().table());
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

    /** Closes the journal: removed when everything it held is in DuckDB, else kept for the next open. */
    private void closeJournal() {
        if (journal == null) {
            return;
        }
        try {
            boolean empty = unloaded.isEmpty();
            journal.close(empty);
            if (!empty) {
                LOG.error(
                        "closing with {} acknowledged record(s) in the write journal {} that DuckDB could not load:"
                                + " they are loaded when the store is opened again",
                        unloadedRows,
                        journal.path());
            }
        } catch (java.io.IOException e) {
            LOG.warn("cannot close the write journal {}: {}", journal.path(), e.toString());
        }
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
                    closeJournal();
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
