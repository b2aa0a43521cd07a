package io.agentstore.lifecycle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentstore.lifecycle.internal.BesideFiles;
import io.agentstore.lifecycle.internal.Db;
import io.agentstore.lifecycle.internal.FileRewrite;
import io.agentstore.lifecycle.internal.Keys;
import io.agentstore.spi.Json;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Erases a user, a session or a project from a store over every installed module, and from the files beside it,
 * so that the bytes are gone. In order:
 *
 * <ol>
 *   <li>in one transaction: the facts that carry the scope (a session, user or other seeded key column, then every
 *       fact that points at an erased fact through a {@code *_event_id} column), the scope's dimension rows, and the
 *       dimension rows only the erased facts used; the import bookkeeping of its transcripts; audit tombstones for
 *       sealed audit facts; keyed hashes of its session ids and transcript paths (the skip list); the log row;
 *   <li>before that transaction commits, the files beside the database: the hook spool's lines that name an erased
 *       session, the hook log (emptied: its lines are not attributed to sessions), the rows of retention archives and
 *       of an export folder (when given) that belong to the scope;
 *   <li>the database file is rewritten into a fresh file (see {@code FileRewrite}); the log row becomes complete.
 * </ol>
 *
 * <p>A crash before the commit leaves the store as it was (run the erase again); after it, the next erase (or
 * {@link #completePending()}) finishes the rewrite. The database must not be open elsewhere.
 */
public final class StoreEraser {
    /** Fact tables the erase handles by path rather than by key: the import bookkeeping. */
    private static final Set<String> INGEST_TABLES = Set.of("fact_ingest_run", "fact_ingest_error");

    private final Path db;
    private final Optional<Path> exports;
    private final Clock clock;
    private final String erasedBy;
    private final Consumer<String> steps;

    private StoreEraser(Builder b) {
        this.db = b.db;
        this.exports = Optional.ofNullable(b.exports);
        this.clock = b.clock;
        this.erasedBy = b.erasedBy;
        this.steps = b.steps;
    }

    /** A builder for the eraser of the database file {@code database}. */
    public static Builder builder(Path database) {
        return new Builder(database);
    }

    /** The database file. */
    public Path database() {
        return db;
    }

    /**
     * Erases the scope and returns what was removed. A scope that matches nothing is still logged (with zero
     * counts), and the file is still rewritten.
     */
    public EraseReport erase(EraseScope scope) {
        Objects.requireNonNull(scope, "scope must not be null");
        completePending();
        long bytesBefore = size(db);
        UUID eraseId = UUID.randomUUID();
        Connection c = Db.open(db);
        Map<String, Long> rows = new LinkedHashMap<>();
        Map<String, Long> files = new LinkedHashMap<>();
        long sessions;
        long hashes;
        long tombstones;
        try {
            requireLifecycleTables(c);
            String catalog = Db.catalog(c);
            String secret =
                    Db.strings(c, "SELECT secret FROM agent_store_erase_secret").get(0);
            List<String> tables = Db.tables(c, catalog);
            Map<String, Map<String, String>> columns = new LinkedHashMap<>();
            for (String t : tables) {
                columns.put(t, Db.columns(c, catalog, t));
            }
            Set<String> entities = new LinkedHashSet<>();
            tables.stream().filter(t -> t.startsWith("dim_")).forEach(t -> entities.add(t.substring(4)));

            Db.autoCommit(c, false);
            Db.exec(c, "CREATE TEMP TABLE erase_seed (entity VARCHAR, key BIGINT)");
            Db.exec(c, "CREATE TEMP TABLE erase_events (fact_table VARCHAR, event_id UUID)");
            Db.exec(c, "CREATE TEMP TABLE erase_refs (entity VARCHAR, key BIGINT)");
            Db.exec(c, "CREATE TEMP TABLE erase_gone (entity VARCHAR, key BIGINT)");
            seed(c, scope, columns, entities);
            steps.accept("scope-resolved");
            List<String> sessionIds = Db.strings(
                    c,
                    "SELECT DISTINCT session_id FROM dim_session WHERE session_key IN"
                            + " (SELECT key FROM erase_seed WHERE entity = 'session') ORDER BY 1");
            sessions = sessionIds.size();
            List<String> needles = new ArrayList<>(sessionIds);
            if (scope.kind() == EraseScope.Kind.USER && entities.contains("user")) {
                needles.addAll(Db.strings(
                        c,
                        "SELECT DISTINCT v FROM (SELECT unnest([user_id, account_id, email]) AS v FROM dim_user"
                                + " WHERE user_key IN (SELECT key FROM erase_seed WHERE entity = 'user'))"
                                + " WHERE v IS NOT NULL AND length(v) >= 6"));
            }

            // the facts that carry a seeded key, then those pointing at erased facts
            Set<String> seededEntities =
                    new LinkedHashSet<>(Db.strings(c, "SELECT DISTINCT entity FROM erase_seed ORDER BY 1"));
            for (var e : columns.entrySet()) {
                String t = e.getKey();
                if (!e.getValue().containsKey("event_id")
                        || t.equals("fact_audit_chain")
                        || INGEST_TABLES.contains(t)) {
                    continue;
                }
                List<String> conditions = new ArrayList<>();
                for (String col : e.getValue().keySet()) {
                    Keys.entity(col, entities)
                            .filter(seededEntities::contains)
                            .filter(en -> !t.equals("dim_" + en))
                            .ifPresent(en -> conditions.add(
                                    Db.q(col) + " IN (SELECT key FROM erase_seed WHERE entity = " + Db.lit(en) + ")"));
                }
                if (!conditions.isEmpty()) {
                    Db.exec(
                            c,
                            "INSERT INTO erase_events SELECT DISTINCT " + Db.lit(t) + ", event_id FROM " + Db.q(t)
                                    + " WHERE " + String.join(" OR ", conditions));
                }
            }
            cascade(c, columns);
            steps.accept("facts-found");

            // the dimension keys the erased facts used (for the dimension rows nothing else uses)
            for (var e : columns.entrySet()) {
                String t = e.getKey();
                if (!e.getValue().containsKey("event_id") || t.startsWith("dim_")) {
                    continue;
                }
                for (String col : e.getValue().keySet()) {
                    Optional<String> en = Keys.entity(col, entities);
                    if (en.isPresent()) {
                        Db.exec(
                                c,
                                "INSERT INTO erase_refs SELECT " + Db.lit(en.get()) + ", " + Db.q(col) + " FROM "
                                        + Db.q(t)
                                        + " WHERE " + Db.q(col) + " IS NOT NULL AND event_id IN (SELECT event_id FROM"
                                        + " erase_events WHERE fact_table = " + Db.lit(t) + ")");
                    }
                }
            }

            tombstones = tombstones(c, columns, eraseId);

            // delete the facts
            for (var e : columns.entrySet()) {
                String t = e.getKey();
                if (!e.getValue().containsKey("event_id") || t.equals("fact_audit_chain")) {
                    continue;
                }
                long n = Db.exec(
                        c,
                        "DELETE FROM " + Db.q(t) + " WHERE event_id IN (SELECT event_id FROM erase_events WHERE"
                                + " fact_table = " + Db.lit(t) + ")");
                add(rows, t, n);
            }
            // rollups (agg_*) sum facts: emptied, so that no sum of erased facts is left; the module that keeps one
            // rebuilds it from the remaining facts at the next writable open (its state no longer matches)
            for (String t : columns.keySet()) {
                if (t.startsWith("agg_")) {
                    Db.exec(c, "DELETE FROM " + Db.q(t));
                }
            }
            // bridges and other tables that carry a seeded key or an erased event id
            for (var e : columns.entrySet()) {
                String t = e.getKey();
                if (t.startsWith("dim_")
                        || t.startsWith("fact_")
                        || t.startsWith("agent_store_")
                        || t.startsWith("agg_")) {
                    continue;
                }
                List<String> conditions = new ArrayList<>();
                for (String col : e.getValue().keySet()) {
                    if (col.equals("event_id") || col.endsWith("_event_id")) {
                        conditions.add(Db.q(col) + " IN (SELECT event_id FROM erase_events)");
                    }
                    Keys.entity(col, entities)
                            .filter(seededEntities::contains)
                            .ifPresent(en -> conditions.add(
                                    Db.q(col) + " IN (SELECT key FROM erase_seed WHERE entity = " + Db.lit(en) + ")"));
                }
                if (!conditions.isEmpty()) {
                    add(rows, t, Db.exec(c, "DELETE FROM " + Db.q(t) + " WHERE " + String.join(" OR ", conditions)));
                }
            }
            // the scope's own dimension rows, then the dimension rows nothing uses any more
            for (String en : seededEntities) {
                String dim = "dim_" + en;
                Db.exec(c, "INSERT INTO erase_gone SELECT entity, key FROM erase_seed WHERE entity = ?", en);
                add(
                        rows,
                        dim,
                        Db.exec(
                                c,
                                "DELETE FROM " + Db.q(dim) + " WHERE " + Db.q(en + "_key")
                                        + " IN (SELECT key FROM erase_seed WHERE entity = " + Db.lit(en) + ")"));
            }
            collectUnused(c, columns, entities, rows);
            steps.accept("rows-deleted");

            // the import bookkeeping of the erased sessions' transcripts
            List<String> paths = transcriptPaths(c, sessionIds);
            Db.exec(c, "CREATE TEMP TABLE erase_paths (file_path VARCHAR)");
            for (String p : paths) {
                Db.exec(c, "INSERT INTO erase_paths VALUES (?)", p);
            }
            Db.exec(c, "CREATE TEMP TABLE erase_needles (needle VARCHAR)");
            for (String n : needles) {
                Db.exec(c, "INSERT INTO erase_needles VALUES (?)", n);
            }
            Db.exec(
                    c,
                    "INSERT INTO erase_events SELECT 'fact_ingest_run', event_id FROM fact_ingest_run"
                            + " WHERE file_path IN (SELECT file_path FROM erase_paths)");
            Db.exec(
                    c,
                    "INSERT INTO erase_events SELECT 'fact_ingest_error', event_id FROM fact_ingest_error"
                            + " WHERE file_path IN (SELECT file_path FROM erase_paths)"
                            + " OR EXISTS (SELECT 1 FROM erase_needles n WHERE contains(coalesce(excerpt, ''),"
                            + " n.needle) OR contains(coalesce(CAST(attributes AS VARCHAR), ''), n.needle)"
                            + " OR contains(file_path, n.needle))");
            for (String t : INGEST_TABLES) {
                add(
                        rows,
                        t,
                        Db.exec(
                                c,
                                "DELETE FROM " + t + " WHERE event_id IN (SELECT event_id FROM erase_events WHERE"
                                        + " fact_table = " + Db.lit(t) + ")"));
            }

            // the skip list: keyed hashes only
            Set<String> skip = new LinkedHashSet<>();
            sessionIds.forEach(s -> skip.add(Keys.sessionHash(secret, s)));
            paths.forEach(p -> skip.add(Keys.pathHash(secret, p)));
            hashes = 0;
            for (String h : skip) {
                hashes += Db.exec(
                        c,
                        "INSERT INTO agent_store_erase_skip (key_hash, erase_id, added_at) VALUES (?, ?, ?)"
                                + " ON CONFLICT DO NOTHING",
                        h,
                        eraseId,
                        now());
            }

            // beside the database, before the commit: a crash here leaves the rows to be erased again
            BesideFiles beside = new BesideFiles(c, db, needles);
            files.putAll(beside.eraseAll(exports, steps));
            steps.accept("beside-files-erased");

            rows.values().removeIf(n -> n == 0);
            ObjectNode counts = Json.MAPPER.createObjectNode();
            counts.set("tables", Json.MAPPER.valueToTree(rows));
            counts.set("files", Json.MAPPER.valueToTree(files));
            counts.put("sessions", sessions);
            counts.put("skip_hashes", hashes);
            counts.put("tombstones", tombstones);
            Db.exec(
                    c,
                    "INSERT INTO agent_store_erase_log (erase_id, scope_kind, scope_hash, erased_at, erased_by, status,"
                            + " rows_erased, counts) VALUES (?, ?, ?, ?, ?, 'deleted', ?, ?::JSON)",
                    eraseId,
                    scope.kind().label(),
                    Keys.hmac(secret, scope.kind().label() + ":" + scope.value()),
                    now(),
                    erasedBy,
                    rows.values().stream().mapToLong(Long::longValue).sum(),
                    counts.toString());
            Db.commit(c);
            steps.accept("committed");
            Db.autoCommit(c, true);
            Db.exec(c, "CHECKPOINT");
        } catch (RuntimeException e) {
            Db.closeQuietly(c);
            throw e;
        }
        Db.close(c);
        steps.accept("checkpointed");
        long bytesAfter = completePending();
        return new EraseReport(
                eraseId, scope.kind(), sessions, rows, files, hashes, tombstones, bytesBefore, bytesAfter);
    }

    /**
     * Finishes erases whose rows are gone but whose file was not rewritten yet (a crash between the two), and
     * removes what an interrupted rewrite left; returns the database's size.
     */
    public long completePending() {
        if (!Files.exists(db)) {
            throw new LifecycleException("no database at " + db);
        }
        FileRewrite.cleanUp(db);
        Connection c = Db.open(db);
        long pending;
        try {
            pending = Db.hasTable(c, "agent_store_erase_log")
                    ? Db.count(c, "SELECT count(*) FROM agent_store_erase_log WHERE status = 'deleted'")
                    : 0;
            if (pending > 0) {
                Db.exec(c, "CHECKPOINT");
            }
        } finally {
            Db.close(c);
        }
        if (pending == 0) {
            return size(db);
        }
        steps.accept("rewriting");
        FileRewrite.rewrite(db);
        steps.accept("rewritten");
        Connection after = Db.open(db);
        try {
            Db.exec(
                    after,
                    "UPDATE agent_store_erase_log SET status = 'complete', completed_at = ? WHERE status = 'deleted'",
                    now());
            Db.exec(after, "CHECKPOINT");
        } finally {
            Db.close(after);
        }
        steps.accept("complete");
        return size(db);
    }

    /** Empties the skip list (transcripts of erased sessions are imported again by the next ingest); logged. */
    public long forget() {
        completePending();
        Connection c = Db.open(db);
        try {
            requireLifecycleTables(c);
            long n = Db.exec(c, "DELETE FROM agent_store_erase_skip");
            Db.exec(
                    c,
                    "INSERT INTO agent_store_erase_log (erase_id, scope_kind, scope_hash, erased_at, erased_by, status,"
                            + " rows_erased, counts, completed_at) VALUES (?, 'forget', NULL, ?, ?, 'complete', 0, ?::JSON, ?)",
                    UUID.randomUUID(),
                    now(),
                    erasedBy,
                    "{\"skip_hashes_removed\": " + n + "}",
                    now());
            return n;
        } finally {
            Db.close(c);
        }
    }

    private void seed(Connection c, EraseScope scope, Map<String, Map<String, String>> columns, Set<String> entities) {
        switch (scope.kind()) {
            case SESSION ->
                Db.exec(
                        c,
                        "INSERT INTO erase_seed SELECT 'session', session_key FROM dim_session WHERE session_id = ?",
                        scope.value());
            case PROJECT -> {
                for (var e : columns.entrySet()) {
                    String t = e.getKey();
                    if (t.startsWith("dim_") && e.getValue().containsKey("project")) {
                        String en = t.substring(4);
                        Db.exec(
                                c,
                                "INSERT INTO erase_seed SELECT " + Db.lit(en) + ", " + Db.q(en + "_key") + " FROM "
                                        + Db.q(t) + " WHERE project = ?",
                                scope.value());
                    }
                }
            }
            case USER -> {
                if (!entities.contains("user")) {
                    throw new LifecycleException("users are defined by the audit module's dim_user, which this store"
                            + " does not have: install the audit module ('agent-store init --install audit')");
                }
                Db.exec(
                        c,
                        "INSERT INTO erase_seed SELECT 'user', user_key FROM dim_user WHERE user_id = ? OR account_id = ?"
                                + " OR email = ?",
                        scope.value(),
                        scope.value(),
                        scope.value());
                // every session in which the user recorded a fact belongs to the user
                for (var e : columns.entrySet()) {
                    Map<String, String> cols = e.getValue();
                    if (e.getKey().startsWith("fact_")
                            && cols.containsKey("user_key")
                            && cols.containsKey("session_key")) {
                        Db.exec(
                                c,
                                "INSERT INTO erase_seed SELECT DISTINCT 'session', session_key FROM " + Db.q(e.getKey())
                                        + " WHERE session_key IS NOT NULL AND user_key IN (SELECT key FROM erase_seed"
                                        + " WHERE entity = 'user')");
                    }
                }
            }
        }
    }

    /** Adds every fact that points at an erased fact (corrections, feedback on an erased prompt, ...). */
    private static void cascade(Connection c, Map<String, Map<String, String>> columns) {
        long added;
        do {
            added = 0;
            for (var e : columns.entrySet()) {
                String t = e.getKey();
                if (!e.getValue().containsKey("event_id")
                        || t.equals("fact_audit_chain")
                        || INGEST_TABLES.contains(t)) {
                    continue;
                }
                for (var col : e.getValue().entrySet()) {
                    if (refersToFact(col.getKey(), col.getValue())) {
                        added += Db.exec(
                                c,
                                "INSERT INTO erase_events SELECT DISTINCT " + Db.lit(t) + ", event_id FROM " + Db.q(t)
                                        + " WHERE " + Db.q(col.getKey()) + " IN (SELECT event_id FROM erase_events)"
                                        + " AND event_id NOT IN (SELECT event_id FROM erase_events WHERE fact_table = "
                                        + Db.lit(t) + ")");
                    }
                }
            }
        } while (added > 0);
    }

    /**
     * Whether a fact table's column points at another fact: a {@code *_event_id}, or a UUID {@code *_id} naming a
     * fact by the event id of its first version ({@code todo_id}, {@code flag_id}, {@code test_run_id}, ...).
     */
    static boolean refersToFact(String column, String type) {
        return column.endsWith("_event_id")
                || (column.endsWith("_id") && !column.equals("event_id") && type.equals("UUID"));
    }

    /** Tombstones for the erased facts the audit chain has sealed: its link's content hash and the fact's time. */
    private static long tombstones(Connection c, Map<String, Map<String, String>> columns, UUID eraseId) {
        if (!columns.containsKey("fact_audit_chain")) {
            return 0;
        }
        long n = 0;
        for (String t : Db.strings(c, "SELECT DISTINCT fact_table FROM erase_events ORDER BY 1")) {
            n += Db.exec(
                    c,
                    "INSERT INTO agent_store_tombstone (fact_table, fact_event_id, fact_recorded_at, content_hash,"
                            + " erase_id) SELECT l.fact_table, l.fact_event_id, min(f.recorded_at), min(l.content_hash), ?"
                            + " FROM fact_audit_chain l JOIN " + Db.q(t) + " f ON f.event_id = l.fact_event_id"
                            + " WHERE l.fact_table = " + Db.lit(t)
                            + " AND l.fact_event_id IN (SELECT event_id FROM erase_events WHERE fact_table = "
                            + Db.lit(t) + ") GROUP BY l.fact_table, l.fact_event_id ON CONFLICT DO NOTHING",
                    eraseId);
        }
        return n;
    }

    /** Deletes the dimension rows the erased rows used and nothing else uses (repeated for dimensions of dimensions). */
    private static void collectUnused(
            Connection c, Map<String, Map<String, String>> columns, Set<String> entities, Map<String, Long> rows) {
        for (int round = 0; round < 3; round++) {
            long deleted = 0;
            for (String en : entities) {
                String dim = "dim_" + en;
                if (en.equals("source_host")
                        || Db.count(c, "SELECT count(*) FROM erase_refs WHERE entity = ?", en) == 0) {
                    continue;
                }
                List<String> used = new ArrayList<>();
                for (var e : columns.entrySet()) {
                    for (String col : e.getValue().keySet()) {
                        if (e.getKey().equals(dim) && col.equals(en + "_key")) {
                            continue;
                        }
                        if (Keys.entity(col, entities).filter(en::equals).isPresent()) {
                            used.add("SELECT " + Db.q(col) + " AS k FROM " + Db.q(e.getKey()) + " WHERE " + Db.q(col)
                                    + " IS NOT NULL");
                        }
                    }
                }
                String key = Db.q(en + "_key");
                String gone = "SELECT " + key + " AS k FROM " + Db.q(dim) + " WHERE " + key
                        + " IN (SELECT key FROM erase_refs WHERE entity = " + Db.lit(en) + ")"
                        + (used.isEmpty() ? "" : " AND " + key + " NOT IN (" + String.join(" UNION ALL ", used) + ")");
                // what the doomed rows refer to may become unused in turn
                for (String col : columns.get(dim).keySet()) {
                    Optional<String> other = Keys.entity(col, entities).filter(o -> !o.equals(en));
                    if (other.isPresent()) {
                        Db.exec(
                                c,
                                "INSERT INTO erase_refs SELECT " + Db.lit(other.get()) + ", " + Db.q(col) + " FROM "
                                        + Db.q(dim) + " WHERE " + Db.q(col) + " IS NOT NULL AND " + key
                                        + " IN (SELECT k FROM (" + gone + "))");
                    }
                }
                Db.exec(c, "INSERT INTO erase_gone SELECT " + Db.lit(en) + ", k FROM (" + gone + ")");
                long n = Db.exec(
                        c,
                        "DELETE FROM " + Db.q(dim) + " WHERE " + key + " IN (SELECT key FROM erase_gone"
                                + " WHERE entity = " + Db.lit(en) + ")");
                add(rows, dim, n);
                deleted += n;
                Db.exec(c, "DELETE FROM erase_refs WHERE entity = ?", en);
            }
            if (deleted == 0) {
                return;
            }
        }
    }

    /**
     * The transcript files the importer read for these sessions: named after the session ({@code <id>.jsonl}), in
     * its folder ({@code <id>/subagents/...}), or an older {@code agent-*.jsonl} whose lines name the session.
     */
    private static List<String> transcriptPaths(Connection c, List<String> sessionIds) {
        if (sessionIds.isEmpty()) {
            return List.of();
        }
        Set<String> ids = new LinkedHashSet<>(sessionIds);
        List<String> paths = new ArrayList<>();
        for (String p : Db.strings(
                c,
                "SELECT DISTINCT file_path FROM (SELECT file_path FROM fact_ingest_run UNION ALL"
                        + " SELECT file_path FROM fact_ingest_error) ORDER BY 1")) {
            Path path = Path.of(p);
            boolean match = false;
            for (Path part : path) {
                String name = part.toString();
                String stem = name.endsWith(".jsonl") ? name.substring(0, name.length() - 6) : name;
                if (ids.contains(stem)) {
                    match = true;
                }
            }
            if (!match
                    && Files.isRegularFile(path)
                    && path.getFileName().toString().startsWith("agent-")) {
                match = BesideFiles.headNamesAny(path, ids);
            }
            if (match) {
                paths.add(p);
            }
        }
        return paths;
    }

    private void requireLifecycleTables(Connection c) {
        if (!Db.hasTable(c, "agent_store_erase_log")) {
            throw new LifecycleException(db + " has no lifecycle tables (core V3): open it once with this version of"
                    + " agent-store (any writing command migrates it), then erase");
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static void add(Map<String, Long> rows, String table, long n) {
        rows.merge(table, n, Long::sum);
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Configures a {@link StoreEraser}. */
    public static final class Builder {
        private final Path db;
        private Path exports;
        private Clock clock = Clock.systemUTC();
        private String erasedBy = defaultActor();
        private Consumer<String> steps = s -> {};

        private Builder(Path database) {
            Objects.requireNonNull(database, "database must not be null");
            this.db = database.toAbsolutePath().normalize();
        }

        /** An export folder whose Parquet files are erased too. */
        public Builder exports(Path folder) {
            Objects.requireNonNull(folder, "exports must not be null");
            if (!Files.isDirectory(folder)) {
                throw new IllegalArgumentException("exports must be a folder, was '" + folder + "'");
            }
            this.exports = folder.toAbsolutePath().normalize();
            return this;
        }

        /** The clock of the log rows (default: the system clock, UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /** Who runs the erase, for the log (default: OS user @ host). */
        public Builder erasedBy(String actor) {
            Objects.requireNonNull(actor, "erasedBy must not be null");
            if (actor.isBlank()) {
                throw new IllegalArgumentException("erasedBy must not be blank, was '" + actor + "'");
            }
            this.erasedBy = actor;
            return this;
        }

        /** Told the name of each step as it is reached (progress, and the crash tests' kill points). */
        public Builder steps(Consumer<String> steps) {
            this.steps = Objects.requireNonNull(steps, "steps must not be null");
            return this;
        }

        /** The eraser. */
        public StoreEraser build() {
            return new StoreEraser(this);
        }

        private static String defaultActor() {
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = Optional.ofNullable(System.getenv("HOSTNAME")).orElse("unknown-host");
            }
            return System.getProperty("user.name", "unknown") + "@" + host;
        }
    }
}
