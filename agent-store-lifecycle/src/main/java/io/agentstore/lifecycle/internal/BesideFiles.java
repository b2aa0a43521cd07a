package io.agentstore.lifecycle.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentstore.spi.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The files beside a database that an erase covers: the hook spool ({@code <db>.hook-spool/}), the query log spool
 * ({@code <db>.query-log.jsonl}), the hook log
 * ({@code hook.log} in the database's folder), the retention archives ({@code <db>.archive/}) and, when given, an
 * export folder. Parquet files are filtered through the erase's connection (its temporary tables name the erased
 * events, scope keys and dimension rows) and replaced atomically; text files lose the lines that name an erased
 * session or user.
 */
public final class BesideFiles {
    /** The hook log's name (as {@code io.agentstore.mcp.HookAnswers#LOG_NAME}). */
    public static final String HOOK_LOG = "hook.log";

    private final Connection c;
    private final Path db;
    private final List<String> needles;

    /** For the erase running on {@code c} over {@code db}, with the values that identify erased lines. */
    public BesideFiles(Connection c, Path db, List<String> needles) {
        this.c = c;
        this.db = db;
        this.needles = List.copyOf(needles);
    }

    /** The hook spool folder of a database. */
    public static Path spool(Path db) {
        return db.resolveSibling(db.getFileName() + ".hook-spool");
    }

    /** The retention archive folder of a database. */
    public static Path archive(Path db) {
        return db.resolveSibling(db.getFileName() + ".archive");
    }

    /** Erases everywhere beside the database; returns what was removed, by place. */
    public Map<String, Long> eraseAll(Optional<Path> exports, Consumer<String> steps) {
        Map<String, Long> removed = new LinkedHashMap<>();
        put(removed, "hook-spool lines", spoolLines());
        put(removed, "query-log spool lines", queryLogLines());
        steps.accept("spool-erased");
        put(removed, "hook-log lines", hookLog());
        put(removed, "archive rows", parquet(archive(db), new LinkedHashMap<>()));
        steps.accept("archives-erased");
        if (exports.isPresent()) {
            Map<String, Long> byTable = new LinkedHashMap<>();
            put(removed, "export rows", parquet(exports.get(), byTable));
            correctManifest(exports.get(), byTable);
        }
        return removed;
    }

    private static void put(Map<String, Long> m, String k, long n) {
        if (n > 0) {
            m.put(k, n);
        }
    }

    private long spoolLines() {
        if (needles.isEmpty()) {
            return 0;
        }
        long removed = 0;
        for (Path f : Files2.walk(spool(db), ".jsonl")) {
            List<String> kept = new ArrayList<>();
            long dropped = 0;
            for (String line : readLines(f)) {
                if (namesAny(line, needles)) {
                    dropped++;
                } else {
                    kept.add(line);
                }
            }
            if (dropped > 0) {
                String text = kept.isEmpty() ? "" : String.join("\n", kept) + "\n";
                Files2.replace(f, text.getBytes(StandardCharsets.UTF_8));
                removed += dropped;
            }
        }
        return removed;
    }

    /**
     * The audit module's query log spool ({@code <db>.query-log.jsonl}, and the {@code .draining} file a drain that
     * stopped half-way left): its lines name a user (never a session), so an erase of that user removes them.
     */
    private long queryLogLines() {
        long dropped = 0;
        for (String suffix : List.of(".query-log.jsonl", ".query-log.jsonl.draining")) {
            dropped += queryLogLines(db.resolveSibling(db.getFileName() + suffix));
        }
        return dropped;
    }

    private long queryLogLines(Path f) {
        if (needles.isEmpty() || !Files.isRegularFile(f)) {
            return 0;
        }
        List<String> kept = new ArrayList<>();
        long dropped = 0;
        for (String line : readLines(f)) {
            if (namesAny(line, needles)) {
                dropped++;
            } else {
                kept.add(line);
            }
        }
        if (dropped > 0) {
            String text = kept.isEmpty() ? "" : String.join("\n", kept) + "\n";
            Files2.replace(f, text.getBytes(StandardCharsets.UTF_8));
        }
        return dropped;
    }

    /** The hook log's lines are not attributed to sessions: an erase empties it. */
    private long hookLog() {
        Path log = db.resolveSibling(HOOK_LOG);
        if (!Files.isRegularFile(log)) {
            return 0;
        }
        long lines = readLines(log).size();
        if (lines > 0) {
            Files2.replace(log, new byte[0]);
        }
        return lines;
    }

    /**
     * Takes the rows an erase removed from an export folder's files off the {@code total_rows} of its manifest's
     * tables, and lists the erase in {@code erased_rows} (counts only), so that the manifest describes the folder.
     */
    private static void correctManifest(Path folder, Map<String, Long> byTable) {
        Path manifest = folder.resolve("_manifest.json");
        if (byTable.isEmpty() || !Files.isRegularFile(manifest)) {
            return;
        }
        try {
            JsonNode root = Json.MAPPER.readTree(manifest.toFile());
            if (!(root instanceof ObjectNode m)) {
                return;
            }
            ObjectNode erased = m.get("erased_rows") instanceof ObjectNode o ? o : m.putObject("erased_rows");
            for (var e : byTable.entrySet()) {
                JsonNode t = m.path("tables").path(e.getKey());
                if (t instanceof ObjectNode table && table.has("total_rows")) {
                    table.put("total_rows", Math.max(0, table.path("total_rows").asLong() - e.getValue()));
                }
                erased.put(e.getKey(), erased.path(e.getKey()).asLong(0) + e.getValue());
            }
            Files2.replace(
                    manifest, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(m));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot correct " + manifest + " after the erase", e);
        }
    }

    /** Filters every Parquet file under the folder; returns the rows removed, and adds them up by table. */
    private long parquet(Path folder, Map<String, Long> byTable) {
        long removed = 0;
        for (Path f : Files2.walk(folder, ".parquet")) {
            String table = tableOf(folder, f);
            List<String> columns = Db.strings(
                    c, "SELECT name FROM parquet_schema(" + Db.lit(f.toString()) + ") WHERE name <> 'schema'");
            List<String> conditions = new ArrayList<>();
            List<String> entities = Db.strings(c, "SELECT DISTINCT entity FROM erase_gone UNION SELECT 'session'");
            for (String col : columns) {
                if (col.equals("event_id") || col.endsWith("_event_id")) {
                    conditions.add("CAST(" + Db.q(col)
                            + " AS VARCHAR) IN (SELECT CAST(event_id AS VARCHAR) FROM erase_events)");
                }
                Optional<String> en = Keys.entity(col, entities);
                if (en.isPresent()) {
                    boolean ownKey = table.equals("dim_" + en.get()) && col.equals(en.get() + "_key");
                    conditions.add("TRY_CAST(" + Db.q(col) + " AS BIGINT) IN (SELECT key FROM "
                            + (ownKey ? "erase_gone" : "erase_seed") + " WHERE entity = " + Db.lit(en.get()) + ")");
                }
            }
            if (conditions.isEmpty()) {
                continue;
            }
            String where = String.join(" OR ", conditions);
            String src = "read_parquet(" + Db.lit(f.toString()) + ")";
            long n = Db.count(c, "SELECT count(*) FROM " + src + " WHERE " + where);
            if (n == 0) {
                continue;
            }
            Path tmp = f.resolveSibling(f.getFileName() + ".erase-tmp");
            Db.exec(
                    c,
                    "COPY (SELECT * FROM " + src + " WHERE NOT coalesce(" + where + ", false)) TO "
                            + Db.lit(tmp.toString()) + " (FORMAT parquet, COMPRESSION zstd)");
            try {
                Files2.ownerOnly(tmp);
                Path old = f.resolveSibling(f.getFileName() + ".erase-old");
                Files.deleteIfExists(old);
                Files.createLink(old, f);
                Files.move(
                        tmp,
                        f,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files2.shred(old);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot replace " + f, e);
            }
            removed += n;
            byTable.merge(table, n, Long::sum);
        }
        return removed;
    }

    /** The table a Parquet file under an export or archive folder belongs to: the first folder under the root. */
    private static String tableOf(Path root, Path file) {
        Path rel = root.relativize(file);
        return rel.getNameCount() > 1
                ? rel.getName(0).toString()
                : rel.toString().replace(".parquet", "");
    }

    /** Whether the first 64 KiB of the file name any of the ids. */
    public static boolean headNamesAny(Path file, Collection<String> ids) {
        try (var in = Files.newInputStream(file)) {
            String head = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            return namesAny(head, ids);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean namesAny(String text, Collection<String> needles) {
        for (String n : needles) {
            if (text.contains(n)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> readLines(Path f) {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
        return lines;
    }
}
