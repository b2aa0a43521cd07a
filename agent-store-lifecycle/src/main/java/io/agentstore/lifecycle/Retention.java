package io.agentstore.lifecycle;

import io.agentstore.lifecycle.internal.BesideFiles;
import io.agentstore.lifecycle.internal.Db;
import io.agentstore.lifecycle.internal.Files2;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Retention per fact table: facts older than the policy's days are first archived to Parquet in
 * {@code <db>.archive/<table>/}, the archive is read back and counted against the table, the archive is logged, and
 * only then are exactly the archived rows purged (by event id), with audit tombstones for sealed audit facts, and the
 * purge logged. A run first finishes what an interrupted one left: a logged archive is purged, an archive without a
 * log row (its rows were never purged) is deleted. So a kill at any point loses no fact and purges none unarchived.
 * The database must not be open elsewhere.
 */
public final class Retention {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path db;
    private final Clock clock;
    private final Consumer<String> steps;

    private Retention(Path db, Clock clock, Consumer<String> steps) {
        this.db = db;
        this.clock = clock;
        this.steps = steps;
    }

    /** Retention for the database file, with the system clock. */
    public static Retention of(Path database) {
        return of(database, Clock.systemUTC(), s -> {});
    }

    /** Retention with a clock, told the name of each step as it is reached (progress, crash tests). */
    public static Retention of(Path database, Clock clock, Consumer<String> steps) {
        Objects.requireNonNull(database, "database must not be null");
        Objects.requireNonNull(clock, "clock must not be null");
        Objects.requireNonNull(steps, "steps must not be null");
        return new Retention(database.toAbsolutePath().normalize(), clock, steps);
    }

    /** The archive folder. */
    public Path archiveFolder() {
        return BesideFiles.archive(db);
    }

    /** Sets (or replaces) the policy of a fact table. */
    public void keep(String factTable, int days) {
        Objects.requireNonNull(factTable, "factTable must not be null");
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, was " + days);
        }
        Connection c = Db.open(db);
        try {
            requireFactTable(c, factTable);
            Db.exec(
                    c,
                    "INSERT OR REPLACE INTO agent_store_retention_policy (fact_table, keep_days, set_at) VALUES (?, ?, ?)",
                    factTable,
                    days,
                    now());
        } finally {
            Db.close(c);
        }
    }

    /** Removes the policy of a fact table; whether there was one. */
    public boolean drop(String factTable) {
        Connection c = Db.open(db);
        try {
            return Db.exec(c, "DELETE FROM agent_store_retention_policy WHERE fact_table = ?", factTable) > 0;
        } finally {
            Db.close(c);
        }
    }

    /** The policies with the rows due now and those archived so far. */
    public List<RetentionPolicy> show() {
        Connection c = Db.open(db);
        try {
            List<RetentionPolicy> out = new ArrayList<>();
            for (Object[] r :
                    Db.rows(c, "SELECT fact_table, keep_days FROM agent_store_retention_policy ORDER BY fact_table")) {
                String t = (String) r[0];
                int days = ((Number) r[1]).intValue();
                Instant cutoff = clock.instant().minus(Duration.ofDays(days));
                long due = Db.count(
                        c,
                        "SELECT count(*) FROM " + Db.q(t) + " WHERE occurred_at < ?",
                        OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
                long archived = Db.count(
                        c,
                        "SELECT coalesce(sum(archived_rows), 0) FROM agent_store_retention_log WHERE fact_table = ?",
                        t);
                out.add(new RetentionPolicy(t, days, cutoff, due, archived));
            }
            return out;
        } finally {
            Db.close(c);
        }
    }

    /** Applies every policy; returns what it archived and purged, table by table (finished leftovers first). */
    public List<RetentionRun> run() {
        List<RetentionRun> runs = new ArrayList<>();
        Connection c = Db.open(db);
        try {
            if (!Db.hasTable(c, "agent_store_retention_policy")) {
                throw new LifecycleException(db + " has no lifecycle tables (core V3): open it once with this version"
                        + " of agent-store, then run retention");
            }
            runs.addAll(finishPending(c));
            deleteOrphans(c);
            UUID runId = UUID.randomUUID();
            for (Object[] r :
                    Db.rows(c, "SELECT fact_table, keep_days FROM agent_store_retention_policy ORDER BY fact_table")) {
                String t = (String) r[0];
                Instant cutoff = clock.instant().minus(Duration.ofDays(((Number) r[1]).intValue()));
                OffsetDateTime at = OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC);
                long due = Db.count(c, "SELECT count(*) FROM " + Db.q(t) + " WHERE occurred_at < ?", at);
                if (due == 0) {
                    continue;
                }
                Path folder = Files2.ownerOnlyFolder(archiveFolder().resolve(t));
                Path archive = folder.resolve(t + "-" + STAMP.format(clock.instant()) + "-"
                        + runId.toString().substring(0, 8) + ".parquet");
                Path tmp = archive.resolveSibling(archive.getFileName() + ".tmp");
                steps.accept("archiving " + t);
                Db.exec(
                        c,
                        "COPY (SELECT * FROM " + Db.q(t) + " WHERE occurred_at < " + Db.lit(at.toString())
                                + "::TIMESTAMPTZ) TO " + Db.lit(tmp.toString())
                                + " (FORMAT parquet, COMPRESSION zstd)");
                sync(tmp);
                Files2.ownerOnly(tmp);
                move(tmp, archive);
                steps.accept("archive-written " + t);
                // read back: as many rows as are due, and every due row is in the file
                long inFile = Db.count(c, "SELECT count(*) FROM read_parquet(" + Db.lit(archive.toString()) + ")");
                long missing = Db.count(
                        c,
                        "SELECT count(*) FROM " + Db.q(t)
                                + " WHERE occurred_at < ? AND event_id NOT IN (SELECT event_id" + " FROM read_parquet("
                                + Db.lit(archive.toString()) + "))",
                        at);
                if (inFile != due || missing != 0) {
                    Files2.shred(archive);
                    throw new LifecycleException("the archive of " + t + " read back " + inFile + " rows (" + missing
                            + " due rows missing), expected " + due + "; nothing was purged");
                }
                Db.exec(
                        c,
                        "INSERT INTO agent_store_retention_log (run_id, fact_table, cutoff, archive_file, archived_rows,"
                                + " purged_rows, status, logged_at) VALUES (?, ?, ?, ?, ?, NULL, 'archived', ?)",
                        runId,
                        t,
                        at,
                        archive.toString(),
                        inFile,
                        now());
                steps.accept("archive-logged " + t);
                runs.add(purge(c, runId, t, at, archive, inFile));
            }
            Db.exec(c, "CHECKPOINT");
        } finally {
            Db.close(c);
        }
        return runs;
    }

    /** Purges the archives logged but not purged (a run interrupted between the two). */
    private List<RetentionRun> finishPending(Connection c) {
        List<RetentionRun> runs = new ArrayList<>();
        for (Object[] r : Db.rows(
                c,
                "SELECT run_id, fact_table, cutoff, archive_file, archived_rows FROM agent_store_retention_log"
                        + " WHERE status = 'archived' ORDER BY logged_at")) {
            Path archive = Path.of((String) r[3]);
            long archived = ((Number) r[4]).longValue();
            if (!Files.exists(archive)
                    || Db.count(c, "SELECT count(*) FROM read_parquet(" + Db.lit(archive.toString()) + ")")
                            != archived) {
                throw new LifecycleException("the logged archive " + archive + " is missing or does not hold its "
                        + archived + " rows; its rows were not purged: restore the file, or delete its 'archived' row"
                        + " from agent_store_retention_log to archive them again");
            }
            OffsetDateTime cutoff = toOffset(r[2]);
            runs.add(purge(c, (UUID) r[0], (String) r[1], cutoff, archive, archived));
        }
        return runs;
    }

    private RetentionRun purge(Connection c, UUID runId, String t, OffsetDateTime cutoff, Path archive, long archived) {
        String inArchive = "CAST(event_id AS VARCHAR) IN (SELECT CAST(event_id AS VARCHAR) FROM read_parquet("
                + Db.lit(archive.toString()) + "))";
        Db.autoCommit(c, false);
        try {
            if (Db.hasTable(c, "fact_audit_chain")) {
                Db.exec(
                        c,
                        "INSERT INTO agent_store_tombstone (fact_table, fact_event_id, fact_recorded_at, content_hash,"
                                + " erase_id) SELECT l.fact_table, l.fact_event_id, min(f.recorded_at),"
                                + " min(l.content_hash), ? FROM fact_audit_chain l JOIN " + Db.q(t)
                                + " f ON f.event_id = l.fact_event_id WHERE l.fact_table = " + Db.lit(t)
                                + " AND f.occurred_at < ? AND f.event_id IN (SELECT event_id FROM " + Db.q(t)
                                + " WHERE " + inArchive + ")"
                                + " GROUP BY l.fact_table, l.fact_event_id ON CONFLICT DO NOTHING",
                        runId,
                        cutoff);
            }
            long purged = Db.exec(c, "DELETE FROM " + Db.q(t) + " WHERE occurred_at < ? AND " + inArchive, cutoff);
            if (purged > 0) {
                // rollups (agg_*) sum facts: emptied, and rebuilt by their module at the next writable open
                for (String table : Db.tables(c, Db.catalog(c))) {
                    if (table.startsWith("agg_")) {
                        Db.exec(c, "DELETE FROM " + Db.q(table));
                    }
                }
            }
            Db.exec(
                    c,
                    "UPDATE agent_store_retention_log SET status = 'purged', purged_rows = ?, logged_at = ?"
                            + " WHERE run_id = ? AND fact_table = ?",
                    purged,
                    now(),
                    runId,
                    t);
            Db.commit(c);
            steps.accept("purged " + t);
            return new RetentionRun(t, cutoff.toInstant(), archive, archived, purged);
        } catch (RuntimeException e) {
            try {
                c.rollback();
            } catch (java.sql.SQLException ignored) {
                // the failure is reported below
            }
            throw e;
        } finally {
            Db.autoCommit(c, true);
        }
    }

    /** Archive files no log row names (written by a run killed before logging them: their rows were kept). */
    private void deleteOrphans(Connection c) {
        Set<String> logged = new HashSet<>(Db.strings(c, "SELECT archive_file FROM agent_store_retention_log"));
        for (Path p : Files2.walk(archiveFolder(), "")) {
            String name = p.getFileName().toString();
            if (name.endsWith(".parquet.tmp") || (name.endsWith(".parquet") && !logged.contains(p.toString()))) {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot delete the unlogged archive " + p, e);
                }
            }
        }
    }

    private void requireFactTable(Connection c, String table) {
        Map<String, String> cols = Db.columns(c, Db.catalog(c), table);
        if (!table.startsWith("fact_") || !cols.containsKey("occurred_at") || !cols.containsKey("event_id")) {
            throw new IllegalArgumentException("'" + table + "' is not a fact table of this store (a fact_* table with"
                    + " event_id and occurred_at)");
        }
        if (table.equals("fact_audit_chain") || table.equals("fact_ingest_run")) {
            throw new IllegalArgumentException("'" + table + "' cannot have a retention policy: "
                    + (table.equals("fact_audit_chain")
                            ? "the chain's links are its proof"
                            : "it holds the import watermarks"));
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static OffsetDateTime toOffset(Object v) {
        if (v instanceof OffsetDateTime o) {
            return o;
        }
        if (v instanceof java.sql.Timestamp ts) {
            return OffsetDateTime.ofInstant(ts.toInstant(), ZoneOffset.UTC);
        }
        return OffsetDateTime.parse(String.valueOf(v));
    }

    private static void sync(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync " + file, e);
        }
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + from + " to " + to, e);
        }
    }
}
