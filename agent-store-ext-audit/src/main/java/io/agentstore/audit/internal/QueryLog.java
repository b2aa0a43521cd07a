package io.agentstore.audit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentstore.audit.QueryLogEntry;
import io.agentstore.audit.UserRef;
import io.agentstore.spi.AgentStoreException;
import io.agentstore.spi.FactContext;
import io.agentstore.spi.FactRow;
import io.agentstore.spi.FactType;
import io.agentstore.spi.Json;
import io.agentstore.spi.Row;
import io.agentstore.spi.StoreContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The optional query log: a query listener that records who ran which query ({@code fact_query_log}). Each query
 * becomes a line of the owner-only spool {@code <database>.query-log.jsonl} (a cheap append, on disk at once), which
 * a writable open records in batches ({@link #drain}): every {@value #BATCH} lines, when it closes, and when it opens
 * (the lines of read-only opens). A line holds the event id, instant, origin, OS user, host and the SQL text's hash,
 * never the text. An in-memory store, which has no spool, records each entry at once.
 *
 * <p>Appenders and drains of any process agree through an exclusive lock on {@code <database>.query-log.lock}
 * (never renamed or removed): an appender holds it while it opens, writes and closes the spool; a drain holds it
 * while it renames the spool to {@code <database>.query-log.jsonl.draining}, then reads that claimed file without
 * the lock. No appender can then still hold the renamed file open, so no line is written after it was read.
 */
public final class QueryLog {
    /** The environment variable that turns the query log on ({@code on}, {@code true} or {@code 1}). */
    public static final String ENV = "AGENT_STORE_QUERY_LOG";

    /** How many spooled lines a writable open records in one transaction. */
    public static final int BATCH = 500;

    /** The lines each writable store spooled since its last drain. */
    private static final Map<StoreContext, AtomicInteger> PENDING = new ConcurrentHashMap<>();

    /** Serialises the file locks of this JVM (two channels of one JVM cannot both lock a file: they would throw). */
    private static final Object FILES = new Object();

    /** Serialises the drains of this JVM. */
    private static final Object DRAINS = new Object();

    private QueryLog() {}

    /** Whether the environment turns the query log on. */
    public static boolean enabledByEnvironment() {
        String v = System.getenv(ENV);
        return v != null && List.of("on", "true", "1", "yes").contains(v.strip().toLowerCase(Locale.ROOT));
    }

    /** The spool of a database's queries. */
    public static Path spool(Path database) {
        return database.resolveSibling(database.getFileName() + ".query-log.jsonl");
    }

    /** The lock file appenders and drains of a database's spool agree through. */
    public static Path lockFile(Path database) {
        return database.resolveSibling(database.getFileName() + ".query-log.lock");
    }

    /** The spool as a drain claimed it. */
    static Path draining(Path database) {
        Path spool = spool(database);
        return spool.resolveSibling(spool.getFileName() + ".draining");
    }

    /** The query listener: spools one entry per query (records it at once in memory), drains every BATCH lines. */
    public static void onQuery(StoreContext context, String origin, String sql) {
        QueryLogEntry entry = new QueryLogEntry(
                UUID.randomUUID(), context.clock().instant(), origin, UserRef.local(), AuditHashes.sha256(sql));
        Optional<Path> db = context.path();
        if (db.isEmpty()) {
            if (!context.isReadOnly()) {
                context.record(entry);
            }
            return;
        }
        append(db.get(), line(entry), () -> {});
        if (!context.isReadOnly()
                && PENDING.computeIfAbsent(context, c -> new AtomicInteger()).incrementAndGet() >= BATCH) {
            drain(context);
        }
    }

    /** Records what the store spooled and forgets its count (the store is closing). */
    public static void close(StoreContext context) {
        PENDING.remove(context);
        if (!context.isReadOnly()) {
            drain(context);
        }
    }

    /** The spool line of an entry (one JSON object). */
    public static String line(QueryLogEntry entry) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event_id", entry.eventId().toString());
        line.put("occurred_at", entry.occurredAt().toString());
        line.put("origin", entry.origin());
        line.put("user_id", entry.user().userId());
        line.put("os_user", entry.user().osUser());
        line.put("host", entry.user().host());
        line.put("sql_hash", entry.sqlHash());
        return Json.write(line) + "\n";
    }

    /**
     * Appends {@code line} to the spool of {@code database} under the lock; {@code afterOpen} runs once the spool is
     * open for appending and before the line is written (tests hold an appender there).
     */
    public static void append(Path database, String line, Runnable afterOpen) {
        Path spool = spool(database);
        synchronized (FILES) {
            try (FileChannel lock = openOwnerOnly(lockFile(database), StandardOpenOption.WRITE)) {
                FileLock held = lock.lock();
                try (FileChannel out = openOwnerOnly(spool, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                    afterOpen.run();
                    ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
                    while (bytes.hasRemaining()) {
                        out.write(bytes);
                    }
                } finally {
                    held.release();
                }
            } catch (IOException e) {
                throw new AgentStoreException(
                        "cannot append to the query log spool " + spool + ": " + e.getMessage(), e);
            }
        }
    }

    /** Opens (creating it owner-only when it does not exist) a file beside the database. */
    private static FileChannel openOwnerOnly(Path file, StandardOpenOption... options) throws IOException {
        Set<StandardOpenOption> opts = new HashSet<>(List.of(options));
        opts.add(StandardOpenOption.CREATE);
        Path folder = file.toAbsolutePath().getParent();
        if (!Files.exists(file) && folder != null && Files.getFileStore(folder).supportsFileAttributeView("posix")) {
            return FileChannel.open(
                    file, opts, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        return FileChannel.open(file, opts);
    }

    /**
     * Claims the spool for a drain: renames it, under the lock, to the draining name (unless an earlier drain that
     * failed half-way left that file, which is then drained first). Returns whether there is a claimed file.
     */
    private static boolean claim(Path database) throws IOException {
        Path spool = spool(database);
        Path draining = draining(database);
        if (Files.exists(draining)) {
            return true;
        }
        if (!Files.exists(spool)) {
            return false;
        }
        synchronized (FILES) {
            try (FileChannel lock = openOwnerOnly(lockFile(database), StandardOpenOption.WRITE)) {
                FileLock held = lock.lock();
                try {
                    if (!Files.exists(spool)) {
                        return false;
                    }
                    Files.move(spool, draining, StandardCopyOption.ATOMIC_MOVE);
                    return true;
                } finally {
                    held.release();
                }
            }
        }
    }

    /**
     * Records the spool's lines and removes them; returns how many were new. The spool is claimed first (renamed
     * under the lock), so lines appended meanwhile go to a new one. Event ids come from the lines: a drain that
     * fails half-way is repeated without doubles.
     */
    public static long drain(StoreContext context) {
        Optional<Path> db = context.path();
        if (db.isEmpty() || context.isReadOnly()) {
            return 0;
        }
        synchronized (DRAINS) {
            AtomicInteger pending = PENDING.get(context);
            if (pending != null) {
                pending.set(0);
            }
            Path draining = draining(db.get());
            try {
                if (!claim(db.get())) {
                    return 0;
                }
                List<QueryLogEntry> entries = new ArrayList<>();
                for (String line : Files.readAllLines(draining, StandardCharsets.UTF_8)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    try {
                        JsonNode n = Json.MAPPER.readTree(line);
                        entries.add(new QueryLogEntry(
                                UUID.fromString(n.path("event_id").asText()),
                                Instant.parse(n.path("occurred_at").asText()),
                                n.path("origin").asText(),
                                new UserRef(
                                        n.path("os_user").asText(),
                                        n.path("host").asText(),
                                        null,
                                        null),
                                n.path("sql_hash").asText()));
                    } catch (IOException | RuntimeException broken) {
                        // a torn last line of a killed process: skipped
                    }
                }
                long n = entries.isEmpty() ? 0 : context.importAll(entries);
                Files.delete(draining);
                return n;
            } catch (IOException e) {
                throw new AgentStoreException(
                        "cannot drain the query log spool " + spool(db.get()) + ": " + e.getMessage(), e);
            }
        }
    }

    /** {@code fact_query_log}. */
    public static final FactType<QueryLogEntry> ENTRY = new FactType<>() {
        @Override
        public String table() {
            return "fact_query_log";
        }

        @Override
        public String view() {
            return "v_query_log";
        }

        @Override
        public void write(QueryLogEntry r, FactContext c, FactRow row) {
            row.int64(AuditFactTypes.user(c, r.user())).text(r.origin()).text(r.sqlHash());
        }

        @Override
        public QueryLogEntry read(Row row) {
            return new QueryLogEntry(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.string("origin"),
                    AuditFactTypes.userOf(row),
                    row.string("sql_hash"));
        }
    };
}
