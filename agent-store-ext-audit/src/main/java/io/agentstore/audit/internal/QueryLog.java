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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The optional query log: a query listener that records who ran which query ({@code fact_query_log}), through the
 * writer when the store is writable, else as a line of the owner-only spool {@code <database>.query-log.jsonl},
 * which the next writable open records ({@link #drain}) and removes. A line holds the event id, instant, origin,
 * OS user, host and the SQL text's hash, never the text.
 */
public final class QueryLog {
    /** The environment variable that turns the query log on ({@code on}, {@code true} or {@code 1}). */
    public static final String ENV = "AGENT_STORE_QUERY_LOG";

    private QueryLog() {}

    /** Whether the environment turns the query log on. */
    public static boolean enabledByEnvironment() {
        String v = System.getenv(ENV);
        return v != null && List.of("on", "true", "1", "yes").contains(v.strip().toLowerCase(Locale.ROOT));
    }

    /** The spool of a database's read-only opens. */
    public static Path spool(Path database) {
        return database.resolveSibling(database.getFileName() + ".query-log.jsonl");
    }

    /** The query listener: records (or spools) one entry per query. */
    public static void onQuery(StoreContext context, String origin, String sql) {
        QueryLogEntry entry = new QueryLogEntry(
                UUID.randomUUID(), context.clock().instant(), origin, UserRef.local(), AuditHashes.sha256(sql));
        if (!context.isReadOnly()) {
            context.record(entry);
            return;
        }
        Optional<Path> db = context.path();
        if (db.isEmpty()) {
            return;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event_id", entry.eventId().toString());
        line.put("occurred_at", entry.occurredAt().toString());
        line.put("origin", entry.origin());
        line.put("user_id", entry.user().userId());
        line.put("os_user", entry.user().osUser());
        line.put("host", entry.user().host());
        line.put("sql_hash", entry.sqlHash());
        append(spool(db.get()), Json.write(line) + "\n");
    }

    private static synchronized void append(Path file, String line) {
        try {
            if (!Files.exists(file)
                    && Files.getFileStore(file.toAbsolutePath().getParent()).supportsFileAttributeView("posix")) {
                try {
                    Files.createFile(
                            file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (java.nio.file.FileAlreadyExistsException raced) {
                    // another process created it
                }
            }
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new AgentStoreException("cannot append to the query log spool " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Records the spool's lines (written by read-only opens) and removes it; returns how many were recorded. The
     * spool is first renamed, so lines appended meanwhile go to a new one. Event ids come from the lines: a drain
     * that fails half-way is repeated without doubles.
     */
    public static long drain(StoreContext context) {
        Optional<Path> db = context.path();
        if (db.isEmpty() || context.isReadOnly()) {
            return 0;
        }
        Path spool = spool(db.get());
        if (!Files.exists(spool)) {
            return 0;
        }
        Path draining = spool.resolveSibling(spool.getFileName() + ".draining");
        try {
            if (!Files.exists(draining)) {
                Files.move(spool, draining, StandardCopyOption.ATOMIC_MOVE);
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
                                    n.path("os_user").asText(), n.path("host").asText(), null, null),
                            n.path("sql_hash").asText()));
                } catch (IOException | RuntimeException broken) {
                    // a torn last line of a killed process: skipped
                }
            }
            long n = entries.isEmpty() ? 0 : context.importAll(entries);
            Files.delete(draining);
            return n;
        } catch (IOException e) {
            throw new AgentStoreException("cannot drain the query log spool " + spool + ": " + e.getMessage(), e);
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
