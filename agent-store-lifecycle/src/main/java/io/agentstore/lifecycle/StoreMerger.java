package io.agentstore.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentstore.lifecycle.internal.Db;
import io.agentstore.lifecycle.internal.Keys;
import io.agentstore.spi.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Brings another machine's data into a store: another {@code .duckdb} file (attached read-only) or an export folder
 * ({@code agent-store export parquet}). Dimensions match on their natural keys (the {@code ux_<dim>_natural} unique
 * index); unmatched rows get new keys, and every key column of the merged rows is re-mapped. Type-2 dimensions keep
 * every version ({@code valid_to} and {@code is_current} are recomputed per entity). Facts are added when their
 * {@code event_id} is not in the table yet, with {@code recorded_at} set to the merge (this store recorded them then:
 * incremental exports and the audit chain see them as new). Each added fact is mapped to the machine it came from
 * ({@code source_host_map}, {@code dim_source_host}). Machine-local bookkeeping (import watermarks and errors) and
 * the audit chain's links are not merged: when the store has the audit module, the merge writes a provenance record
 * ({@code fact_audit_merge}: the source, the head hash and length of its chain, the rows added) and the audit facts
 * and that record are sealed into this store's chain after the merge ({@code agent-store merge} verifies the
 * source's chain first and seals after). All in one transaction: a crash merges nothing, and merging again changes
 * nothing (no second provenance record either).
 */
public final class StoreMerger {
    private static final Set<String> LOCAL_TABLES = Set.of("fact_ingest_run", "fact_ingest_error", "fact_audit_chain");
    private static final String CHAIN_TABLE = "fact_audit_chain";
    private static final String PROVENANCE_TABLE = "fact_audit_merge";
    private static final Pattern INDEX_COLUMNS = Pattern.compile("\\((.*)\\)");

    private final Path db;
    private final Optional<String> hostName;
    private final Clock clock;
    private final Consumer<String> steps;

    private StoreMerger(Builder b) {
        this.db = b.db;
        this.hostName = Optional.ofNullable(b.hostName);
        this.clock = b.clock;
        this.steps = b.steps;
    }

    /** Opens {@code file} for writing and closes it when its write journal holds records: that loads them. */
    private static void replayJournal(Path file) {
        Path journal = file.resolveSibling(file.getFileName() + ".journal");
        try {
            if (!Files.exists(journal) || Files.size(journal) == 0) {
                return;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the write journal " + journal, e);
        }
        io.agentstore.AgentStore.builder()
                .path(file)
                .lockWait(java.time.Duration.ofSeconds(30))
                .build()
                .close();
    }

    /** A merger into the database file {@code target}. */
    public static Builder builder(Path target) {
        return new Builder(target);
    }

    /** Merges {@code source} (a {@code .duckdb} file or an export folder) into the store. */
    public MergeReport merge(Path source) {
        Objects.requireNonNull(source, "source must not be null");
        Path src = source.toAbsolutePath().normalize();
        if (!Files.exists(src)) {
            throw new IllegalArgumentException(
                    "nothing to merge at '" + source + "': name a .duckdb file or an export" + " folder");
        }
        if (src.equals(db)) {
            throw new IllegalArgumentException("a store cannot be merged into itself: '" + source + "'");
        }
        // records acknowledged into a write journal but not yet loaded (a writer that crashed): a writable open
        // loads them, so that the merge sees every acknowledged record of both stores
        replayJournal(db);
        if (Files.isRegularFile(src)) {
            replayJournal(src);
        }
        Connection c = Db.open(db);
        try {
            if (!Db.hasTable(c, "dim_source_host")) {
                throw new LifecycleException(db + " has no lifecycle tables (core V3): open it once with this version"
                        + " of agent-store, then merge");
            }
            String sourceId = attach(c, src);
            String ownId = Db.strings(c, "SELECT CAST(store_id AS VARCHAR) FROM agent_store_identity")
                    .get(0);
            if (sourceId.equals(ownId)) {
                throw new IllegalArgumentException("'" + source + "' is this store (store id " + ownId
                        + "), or a copy or export of it: nothing to merge");
            }
            String host = hostName.orElse(defaultHost(src));
            steps.accept("attached");
            String catalog = Db.catalog(c);
            List<String> targetTables = Db.tables(c, catalog);
            Set<String> sourceTables = new LinkedHashSet<>(Db.tables(c, "merge_src"));
            Set<String> entities = new LinkedHashSet<>();
            targetTables.stream().filter(t -> t.startsWith("dim_")).forEach(t -> entities.add(t.substring(4)));

            Db.autoCommit(c, false);
            OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
            Map<String, Long> dimsAdded = new LinkedHashMap<>();
            List<String> dims = new ArrayList<>(targetTables.stream()
                    .filter(t -> t.startsWith("dim_") && sourceTables.contains(t))
                    .toList());
            // dimensions that point at no other dimension first
            dims.sort((a, b) ->
                    Boolean.compare(refersToOther(c, catalog, a, entities), refersToOther(c, catalog, b, entities)));
            for (String dim : dims) {
                long added = mergeDimension(c, catalog, dim, entities);
                if (added > 0) {
                    dimsAdded.put(dim, added);
                }
            }
            Db.exec(
                    c,
                    "UPDATE dim_source_host SET host_name = ? WHERE CAST(store_id AS VARCHAR) = ? AND host_name = 'local'",
                    host,
                    sourceId);
            Db.exec(
                    c,
                    "UPDATE dim_source_host SET host_name = ? WHERE source_host_key = 1 AND host_name = 'local'",
                    localHost());
            long sourceHostKey = Db.count(
                    c, "SELECT source_host_key FROM dim_source_host WHERE CAST(store_id AS VARCHAR) = ?", sourceId);
            steps.accept("dims-merged");

            Map<String, Long> factsAdded = new LinkedHashMap<>();
            boolean sourceHasHostMap = sourceTables.contains("source_host_map");
            for (String t : targetTables) {
                if (!t.startsWith("fact_") || LOCAL_TABLES.contains(t) || !sourceTables.contains(t)) {
                    continue;
                }
                Map<String, String> targetCols = Db.columns(c, catalog, t);
                Set<String> sourceCols = Db.columns(c, "merge_src", t).keySet();
                String fresh = "FROM merge_src.main." + Db.q(t)
                        + " s WHERE CAST(s.event_id AS UUID) NOT IN (SELECT event_id FROM " + Db.q(t) + ")";
                Db.exec(
                        c,
                        "INSERT INTO source_host_map (event_id, fact_table, source_host_key) SELECT DISTINCT"
                                + " CAST(s.event_id AS UUID), " + Db.lit(t) + ", "
                                + (sourceHasHostMap
                                        ? "coalesce((SELECT max(m.dst_key) FROM merge_map_source_host m JOIN"
                                                + " merge_src.main.source_host_map h ON m.src_key = h.source_host_key"
                                                + " WHERE CAST(h.event_id AS VARCHAR) = CAST(s.event_id AS VARCHAR)), "
                                                + sourceHostKey + ")"
                                        : String.valueOf(sourceHostKey))
                                + " " + fresh);
                List<String> cols = new ArrayList<>();
                List<String> values = new ArrayList<>();
                List<String> joins = new ArrayList<>();
                int j = 0;
                for (var col : targetCols.entrySet()) {
                    String name = col.getKey();
                    cols.add(Db.q(name));
                    if (name.equals("recorded_at")) {
                        values.add("CAST(" + Db.lit(now.toString()) + " AS TIMESTAMPTZ)");
                        continue;
                    }
                    if (!sourceCols.contains(name)) {
                        values.add("NULL");
                        continue;
                    }
                    Optional<String> en = Keys.entity(name, entities);
                    if (en.isPresent() && mapExists(c, en.get())) {
                        String alias = "k" + j++;
                        joins.add("LEFT JOIN merge_map_" + en.get() + " " + alias + " ON " + alias + ".src_key = s."
                                + Db.q(name));
                        values.add(alias + ".dst_key");
                    } else {
                        values.add("CAST(s." + Db.q(name) + " AS " + col.getValue() + ")");
                    }
                }
                long n = Db.exec(
                        c,
                        "INSERT INTO " + Db.q(t) + " (" + String.join(", ", cols) + ") SELECT "
                                + String.join(", ", values)
                                + " FROM merge_src.main." + Db.q(t) + " s " + String.join(" ", joins)
                                + " WHERE CAST(s.event_id AS UUID) NOT IN (SELECT event_id FROM " + Db.q(t) + ")"
                                + " QUALIFY row_number() OVER (PARTITION BY s.event_id) = 1");
                if (n > 0) {
                    factsAdded.put(t, n);
                }
            }
            steps.accept("facts-merged");
            provenance(c, src, sourceId, host, now, factsAdded, targetTables, sourceTables);
            Db.commit(c);
            steps.accept("committed");
            Db.autoCommit(c, true);
            Db.exec(c, "DETACH merge_src");
            Db.exec(c, "CHECKPOINT");
            return new MergeReport(sourceId, host, factsAdded, dimsAdded);
        } finally {
            Db.close(c);
        }
    }

    /**
     * The audit module's provenance record of this merge ({@code fact_audit_merge}, when the store has that table),
     * in the merge's transaction: the source, the head hash and length of its own audit chain, and what was added.
     * The next seal links it into this store's chain with the merged audit facts. A merge that added nothing writes
     * none, so merging the same source again changes nothing.
     */
    private static void provenance(
            Connection c,
            Path src,
            String sourceId,
            String host,
            OffsetDateTime now,
            Map<String, Long> factsAdded,
            List<String> targetTables,
            Set<String> sourceTables) {
        if (!targetTables.contains(PROVENANCE_TABLE) || factsAdded.isEmpty()) {
            return;
        }
        String head = "0".repeat(64);
        long links = 0;
        Set<String> chained = new LinkedHashSet<>();
        if (sourceTables.contains(CHAIN_TABLE)) {
            List<String> last = Db.strings(
                    c, "SELECT chain_hash FROM merge_src.main." + CHAIN_TABLE + " ORDER BY seq DESC LIMIT 1");
            if (!last.isEmpty()) {
                head = last.get(0);
            }
            links = Db.count(c, "SELECT count(*) FROM merge_src.main." + CHAIN_TABLE);
            chained.addAll(Db.strings(c, "SELECT DISTINCT fact_table FROM merge_src.main." + CHAIN_TABLE));
        }
        // the audit facts: those of the tables the source's chain covers, and earlier provenance records
        chained.add(PROVENANCE_TABLE);
        long auditAdded = factsAdded.entrySet().stream()
                .filter(e -> chained.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue)
                .sum();
        String added = io.agentstore.spi.Json.write(new java.util.TreeMap<>(factsAdded));
        // name-based on what was merged, not on when: a merge repeated after a crash writes the same record
        String eventId = io.agentstore.spi.EventIds.of("lifecycle", "audit-merge", sourceId, head, added)
                .toString();
        if (Db.count(c, "SELECT count(*) FROM " + PROVENANCE_TABLE + " WHERE event_id = CAST(? AS UUID)", eventId)
                > 0) {
            return;
        }
        Db.exec(
                c,
                "INSERT INTO " + PROVENANCE_TABLE + " (event_id, occurred_at, recorded_at, supersedes_event_id,"
                        + " source_store_id, source_host, source_path, source_chain_head, source_chain_links,"
                        + " audit_facts_added, facts_added, attributes) VALUES (CAST(? AS UUID), CAST(? AS TIMESTAMPTZ),"
                        + " CAST(? AS TIMESTAMPTZ), NULL, CAST(? AS UUID), ?, ?, ?, ?, ?, CAST(? AS JSON), NULL)",
                eventId,
                now.toString(),
                now.toString(),
                sourceId,
                host,
                src.toString(),
                head,
                links,
                auditAdded,
                added);
    }

    /** Attaches the source as {@code merge_src}; returns its store id. */
    private static String attach(Connection c, Path src) {
        if (Files.isDirectory(src)) {
            Path manifest = src.resolve("_manifest.json");
            if (!Files.isRegularFile(manifest)) {
                throw new IllegalArgumentException("'" + src + "' is no export folder: it has no _manifest.json");
            }
            JsonNode m;
            try {
                m = Json.MAPPER.readTree(manifest.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + manifest, e);
            }
            String id = m.path("store_id").asText("");
            if (id.isEmpty()) {
                throw new IllegalArgumentException(manifest + " names no store_id: export it again with this version");
            }
            Db.exec(c, "ATTACH ':memory:' AS merge_src");
            try (Stream<Path> folders = Files.list(src)) {
                for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                    String table = folder.getFileName().toString();
                    try (Stream<Path> files = Files.walk(folder)) {
                        if (files.noneMatch(p -> p.toString().endsWith(".parquet"))) {
                            continue;
                        }
                    }
                    Db.exec(
                            c,
                            "CREATE VIEW merge_src.main." + Db.q(table) + " AS SELECT * FROM read_parquet("
                                    + Db.lit(folder + "/**/*.parquet")
                                    + ", hive_partitioning = true, union_by_name = true)");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + src, e);
            }
            // views are listed by duckdb_views(), not duckdb_tables(): materialise their names as tables
            for (String v : Db.strings(
                    c, "SELECT view_name FROM duckdb_views() WHERE database_name = 'merge_src' ORDER BY 1")) {
                Db.exec(
                        c,
                        "CREATE TABLE merge_src.main." + Db.q(v + "__t") + " AS SELECT * FROM merge_src.main."
                                + Db.q(v));
                Db.exec(c, "DROP VIEW merge_src.main." + Db.q(v));
                Db.exec(c, "ALTER TABLE merge_src.main." + Db.q(v + "__t") + " RENAME TO " + Db.q(v));
            }
            return id;
        }
        Db.exec(c, "ATTACH " + Db.lit(src.toString()) + " AS merge_src (READ_ONLY)");
        List<String> ids = Db.strings(c, "SELECT CAST(store_id AS VARCHAR) FROM merge_src.main.agent_store_identity");
        if (ids.isEmpty()) {
            throw new IllegalArgumentException(
                    "'" + src + "' has no store id: open it once for writing with this version");
        }
        return ids.get(0);
    }

    private static boolean refersToOther(Connection c, String catalog, String dim, Set<String> entities) {
        String own = dim.substring(4);
        return Db.columns(c, catalog, dim).keySet().stream()
                .anyMatch(col ->
                        Keys.entity(col, entities).filter(e -> !e.equals(own)).isPresent());
    }

    private static boolean mapExists(Connection c, String entity) {
        return Db.count(
                        c,
                        "SELECT count(*) FROM duckdb_tables() WHERE temporary AND table_name = ?",
                        "merge_map_" + entity)
                > 0;
    }

    /** Maps every source row to a target row by natural key, adding those not there; returns rows added. */
    private static long mergeDimension(Connection c, String catalog, String dim, Set<String> entities) {
        String en = dim.substring(4);
        String key = en + "_key";
        List<String> natural = naturalKey(c, dim);
        Db.exec(c, "CREATE OR REPLACE TEMP TABLE merge_map_" + en + " (src_key BIGINT, dst_key BIGINT)");
        if (natural.isEmpty()) {
            return 0;
        }
        Map<String, String> targetCols = Db.columns(c, catalog, dim);
        Set<String> sourceCols = Db.columns(c, "merge_src", dim).keySet();
        String match = String.join(
                " AND ",
                natural.stream()
                        .map(n -> "CAST(s." + Db.q(n) + " AS " + targetCols.get(n) + ") IS NOT DISTINCT FROM d."
                                + Db.q(n))
                        .toList());
        Db.exec(
                c,
                "INSERT INTO merge_map_" + en + " SELECT DISTINCT s." + Db.q(key) + ", d." + Db.q(key)
                        + " FROM merge_src.main." + Db.q(dim) + " s JOIN " + Db.q(dim) + " d ON " + match);
        Db.exec(
                c,
                "INSERT INTO merge_map_" + en + " SELECT s." + Db.q(key) + ", (SELECT coalesce(max(" + Db.q(key)
                        + "), 0) FROM "
                        + Db.q(dim) + ") + row_number() OVER (ORDER BY s." + Db.q(key) + ") FROM merge_src.main."
                        + Db.q(dim)
                        + " s WHERE s." + Db.q(key) + " NOT IN (SELECT src_key FROM merge_map_" + en + ")");
        List<String> cols = new ArrayList<>();
        List<String> values = new ArrayList<>();
        List<String> joins = new ArrayList<>();
        int j = 0;
        for (var col : targetCols.entrySet()) {
            String name = col.getKey();
            cols.add(Db.q(name));
            if (name.equals(key)) {
                values.add("m.dst_key");
            } else if (!sourceCols.contains(name)) {
                values.add("NULL");
            } else {
                Optional<String> other = Keys.entity(name, entities).filter(o -> !o.equals(en));
                if (other.isPresent() && mapExists(c, other.get())) {
                    String alias = "r" + j++;
                    joins.add("LEFT JOIN merge_map_" + other.get() + " " + alias + " ON " + alias + ".src_key = s."
                            + Db.q(name));
                    values.add(alias + ".dst_key");
                } else {
                    values.add("CAST(s." + Db.q(name) + " AS " + col.getValue() + ")");
                }
            }
        }
        long added = Db.exec(
                c,
                "INSERT INTO " + Db.q(dim) + " (" + String.join(", ", cols) + ") SELECT " + String.join(", ", values)
                        + " FROM merge_src.main." + Db.q(dim) + " s JOIN merge_map_" + en + " m ON m.src_key = s."
                        + Db.q(key)
                        + " " + String.join(" ", joins) + " WHERE m.dst_key NOT IN (SELECT " + Db.q(key) + " FROM "
                        + Db.q(dim) + ")");
        // type 2: every version kept; valid_to and is_current follow the merged history of each entity
        if (targetCols.keySet().containsAll(List.of("valid_from", "valid_to", "is_current")) && added > 0) {
            List<String> entity = natural.stream()
                    .filter(n -> !n.equals("valid_from"))
                    .map(Db::q)
                    .toList();
            if (!entity.isEmpty()) {
                Db.exec(
                        c,
                        "UPDATE " + Db.q(dim) + " SET valid_to = x.nxt, is_current = (x.nxt IS NULL) FROM (SELECT "
                                + Db.q(key) + " AS k, lead(valid_from) OVER (PARTITION BY " + String.join(", ", entity)
                                + " ORDER BY valid_from) AS nxt FROM " + Db.q(dim) + ") x WHERE " + Db.q(dim) + "."
                                + Db.q(key) + " = x.k AND (" + Db.q(dim) + ".valid_to IS DISTINCT FROM x.nxt OR "
                                + Db.q(dim) + ".is_current <> (x.nxt IS NULL))");
            }
        }
        return added;
    }

    /** The columns of the dimension's {@code ux_<dim>_natural} unique index. */
    private static List<String> naturalKey(Connection c, String dim) {
        List<String> sql = Db.strings(
                c,
                "SELECT sql FROM duckdb_indexes() WHERE table_name = ? AND index_name = ? AND database_name = current_database()",
                dim,
                "ux_" + dim + "_natural");
        if (sql.isEmpty()) {
            return List.of();
        }
        Matcher m = INDEX_COLUMNS.matcher(sql.get(0));
        if (!m.find()) {
            return List.of();
        }
        List<String> cols = new ArrayList<>();
        for (String part : m.group(1).split(",")) {
            cols.add(part.trim().replace("\"", ""));
        }
        return cols;
    }

    private static String defaultHost(Path src) {
        String name = src.getFileName().toString();
        return name.endsWith(".duckdb") ? name.substring(0, name.length() - 7) : name;
    }

    private static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("this-host");
        }
    }

    /** Configures a {@link StoreMerger}. */
    public static final class Builder {
        private final Path db;
        private String hostName;
        private Clock clock = Clock.systemUTC();
        private Consumer<String> steps = s -> {};

        private Builder(Path target) {
            Objects.requireNonNull(target, "target must not be null");
            this.db = target.toAbsolutePath().normalize();
        }

        /** The name the merged store's facts are grouped under (default: the source's file or folder name). */
        public Builder hostName(String name) {
            Objects.requireNonNull(name, "hostName must not be null");
            if (name.isBlank()) {
                throw new IllegalArgumentException("hostName must not be blank, was '" + name + "'");
            }
            this.hostName = name;
            return this;
        }

        /** The clock (recorded_at of merged facts). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /** Told the name of each step as it is reached (crash tests). */
        public Builder steps(Consumer<String> steps) {
            this.steps = Objects.requireNonNull(steps, "steps must not be null");
            return this;
        }

        /** The merger. */
        public StoreMerger build() {
            return new StoreMerger(this);
        }
    }
}
