package io.agentstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentstore.spi.AgentStoreException;
import io.agentstore.spi.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Exports tables to a folder, one sub-folder per table: facts Hive-partitioned by UTC day of
 * {@code occurred_at} ({@code fact_x/occurred_day=2026-01-31/part-....parquet}), dimensions whole, and a
 * {@code _manifest.json} with the id of the store, schema versions, row counts, column types and the export
 * watermark.
 * Spark, Trino, Athena and BigQuery read the layout as it is.
 *
 * <p>{@link #incremental()} writes only facts recorded since the previous export to the same folder:
 * facts are append-only and {@code recorded_at} strictly increases from one commit to the next, so each
 * fact is exported exactly once. The manifest keeps a watermark per fact table, so runs limited by
 * {@link #tables(String...)} leave the other tables' next rows for a later run. An incremental run into a
 * folder whose manifest names another store is refused ({@link AgentStoreException}): it would take that
 * store's watermark, overwrite its dimensions and mix the two stores' facts. The export runs between two
 * writer transactions: facts recorded meanwhile wait, and go to the next run.
 *
 * <p>A run that fails deletes the fact files it wrote and leaves the previous manifest, so the next
 * incremental run starts from where the last successful one ended. A run that could not clean up (its
 * process was killed) leaves files of an export id the manifest does not list: the next incremental run
 * deletes them before it writes. A full (not incremental) run first removes the manifest and rewrites every
 * table it exports.
 */
public final class Exporter {
    private static final String MANIFEST = "_manifest.json";
    private static final String PART_PREFIX = "part-";
    /** The manifest's list of the runs whose fact files the folder holds. */
    private static final String EXPORT_IDS = "export_ids";

    private static final int UUID_LENGTH = 36;
    /** The manifest's id of the store that wrote the folder. */
    private static final String STORE_ID = "store_id";

    private final AgentStore store;
    private Path target;
    private String format;
    private boolean incremental;
    private final Set<String> tables = new LinkedHashSet<>();

    Exporter(AgentStore store) {
        this.store = store;
    }

    /** Parquet files (zstd) under {@code folder}. */
    public Exporter parquet(Path folder) {
        return to(folder, "parquet");
    }

    /** CSV files with a header under {@code folder}. */
    public Exporter csv(Path folder) {
        return to(folder, "csv");
    }

    /** Newline-delimited JSON files under {@code folder}. */
    public Exporter json(Path folder) {
        return to(folder, "json");
    }

    private Exporter to(Path folder, String fmt) {
        this.target = Objects.requireNonNull(folder, "folder must not be null")
                .toAbsolutePath()
                .normalize();
        this.format = fmt;
        return this;
    }

    /** Only facts recorded since the previous export to the same folder (dimensions are always whole). */
    public Exporter incremental() {
        this.incremental = true;
        return this;
    }

    /**
     * Only these tables (default: every dimension, fact and bridge table of the installed modules).
     *
     * @throws IllegalArgumentException at {@link #run()} for a name that is not such a table
     */
    public Exporter tables(String... names) {
        Objects.requireNonNull(names, "names must not be null");
        for (String n : names) {
            tables.add(Objects.requireNonNull(n, "table names must not be null"));
        }
        return this;
    }

    /** Runs the export. */
    public ExportSummary run() {
        if (target == null) {
            throw new IllegalStateException("choose a format and folder first: parquet(Path), csv(Path) or json(Path)");
        }
        try {
            Files.createDirectories(target);
        } catch (IOException e) {
            throw new AgentStoreException("cannot create export folder " + target + ": " + e.getMessage(), e);
        }
        // computed before the export (on the caller's thread: a checkpoint reads through the store), so each is the
        // state of its module as of a moment before the exported rows
        Map<String, Map<String, Object>> checkpoints = store.exportCheckpoints();
        return store.onWriter(() -> export(store.writerConnection(), checkpoints));
    }

    private ExportSummary export(Connection c, Map<String, Map<String, Object>> checkpoints)
            throws SQLException, IOException {
        List<String> all = exportableTables(c);
        List<String> chosen = new ArrayList<>();
        if (tables.isEmpty()) {
            chosen.addAll(all);
        } else {
            for (String t : tables) {
                if (!all.contains(t)) {
                    throw new IllegalArgumentException("unknown table '" + t + "': exportable tables are " + all);
                }
                chosen.add(t);
            }
        }
        Path manifestPath = target.resolve(MANIFEST);
        String storeId = storeId(c).orElse(null);
        JsonNode previous = null;
        if (incremental && Files.exists(manifestPath)) {
            previous = Json.MAPPER.readTree(manifestPath.toFile());
            if (!format.equals(previous.path("format").asText())) {
                throw new AgentStoreException("cannot export " + format + " incrementally into " + target
                        + ", which holds a " + previous.path("format").asText() + " export");
            }
            // Another store's watermark, dimensions and fact files are not this store's: continuing its
            // series would skip facts, overwrite its dimensions and join facts to the wrong rows.
            JsonNode theirs = previous.path(STORE_ID);
            if (theirs.isTextual() && !theirs.asText().equals(storeId)) {
                throw new AgentStoreException("cannot export incrementally into " + target + ": it holds an export"
                        + " of store " + theirs.asText() + ", and this is store "
                        + (storeId == null ? "(without an id: open it once for writing to give it one)" : storeId)
                        + "; export into a folder of its own, or run a full export to replace that folder's content");
            }
        } else {
            // A full export replaces what it writes: should it fail half-way, no manifest may remain that a
            // later incremental run would trust.
            Files.deleteIfExists(manifestPath);
        }
        List<String> exportIds = new ArrayList<>();
        if (previous != null && previous.has(EXPORT_IDS)) {
            previous.path(EXPORT_IDS).forEach(id -> exportIds.add(id.asText()));
            removeLeftovers(Set.copyOf(exportIds), all);
        }
        Instant previousWatermark = previous == null ? null : instant(previous.path("watermark"));
        // Runs between writer transactions: every fact committed so far has recorded_at <= watermark, and
        // every later one gets a strictly later recorded_at.
        Instant watermark = previousWatermark;
        for (String t : all) {
            if (isFact(t)) {
                try (Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("SELECT max(recorded_at) FROM " + quote(t))) {
                    rs.next();
                    OffsetDateTime max = rs.getObject(1, OffsetDateTime.class);
                    if (max != null && (watermark == null || max.toInstant().isAfter(watermark))) {
                        watermark = max.toInstant();
                    }
                }
            }
        }
        String exportId = UUID.randomUUID().toString();
        Map<String, Long> rows = new LinkedHashMap<>();
        ObjectNode tablesNode = Json.MAPPER.createObjectNode();
        if (previous != null) {
            // Tables left out of this run keep what earlier runs wrote, and their own watermarks.
            previous.path("tables").properties().forEach(e -> {
                if (!chosen.contains(e.getKey()) && all.contains(e.getKey())) {
                    tablesNode.set(e.getKey(), e.getValue());
                }
            });
        }
        try {
            for (String t : chosen) {
                boolean fact = isFact(t);
                Path folder = target.resolve(t);
                if (!folder.normalize().startsWith(target)) {
                    throw new IllegalArgumentException("table '" + t + "' would export outside " + target);
                }
                // A fact table an earlier run of this incremental series exported gets only its new rows;
                // anything else is written whole.
                JsonNode before = previous == null || !fact
                        ? null
                        : previous.path("tables").get(t);
                Instant after = before == null
                        ? null
                        : before.has("watermark") ? instant(before.path("watermark")) : previousWatermark;
                if (before == null) {
                    deleteFolder(folder);
                }
                long count = 0;
                if (fact) {
                    if (watermark != null) {
                        List<Instant> window = new ArrayList<>();
                        window.add(watermark);
                        String where = " WHERE recorded_at <= ?";
                        if (after != null) {
                            where += " AND recorded_at > ?";
                            window.add(after);
                        }
                        count = count(c, "SELECT count(*) FROM " + quote(t) + where, window);
                        if (count > 0) {
                            String select = "SELECT " + selectList(c, t)
                                    + ", CAST(timezone('UTC', occurred_at) AS DATE) AS occurred_day FROM " + quote(t)
                                    + where;
                            copy(
                                    c,
                                    select,
                                    folder,
                                    "PARTITION_BY (occurred_day), OVERWRITE_OR_IGNORE, FILENAME_PATTERN '" + PART_PREFIX
                                            + exportId + "-{i}'",
                                    window);
                        }
                    }
                } else {
                    count = count(c, "SELECT count(*) FROM " + quote(t), List.of());
                    Files.createDirectories(folder);
                    copy(
                            c,
                            "SELECT " + selectList(c, t) + " FROM " + quote(t),
                            folder.resolve(t + "." + extension()),
                            null,
                            List.of());
                }
                rows.put(t, count);
                ObjectNode node = tablesNode.putObject(t);
                node.put("kind", fact ? "fact" : "dimension");
                node.put("rows", count);
                node.put(
                        "total_rows",
                        (before == null ? 0 : before.path("total_rows").asLong(0)) + count);
                if (fact) {
                    node.put("partitioned_by", "occurred_day");
                    node.put("previous_watermark", after == null ? null : after.toString());
                    node.put("watermark", watermark == null ? null : watermark.toString());
                }
                ArrayNode columns = node.putArray("columns");
                for (String[] col : columns(c, t)) {
                    ObjectNode column = columns.addObject()
                            .put("name", col[0])
                            .put("type", col[1].equals("UUID") ? "VARCHAR" : col[1]);
                    if (col[1].equals("UUID")) {
                        column.put("format", "uuid");
                    }
                }
                if (fact) {
                    columns.addObject().put("name", "occurred_day").put("type", "DATE");
                }
            }
        } catch (SQLException | IOException | RuntimeException e) {
            // The manifest still describes the folder as it was: take back this run's files, or the next
            // incremental run would write their rows a second time.
            deleteFilesOf(exportId, e);
            throw e;
        }
        Instant exportedAt = store.clock().instant();
        ObjectNode manifest = Json.MAPPER.createObjectNode();
        manifest.put(STORE_ID, storeId);
        manifest.put("format", format);
        manifest.put("export_id", exportId);
        ArrayNode ids = manifest.putArray(EXPORT_IDS);
        exportIds.forEach(ids::add);
        ids.add(exportId);
        manifest.put("exported_at", exportedAt.toString());
        manifest.put("incremental", incremental);
        manifest.put("previous_watermark", previousWatermark == null ? null : previousWatermark.toString());
        manifest.put("watermark", watermark == null ? null : watermark.toString());
        ObjectNode versions = manifest.putObject("schema_versions");
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT module_id, max(version) FROM agent_store_schema_history"
                        + " GROUP BY module_id ORDER BY module_id")) {
            while (rs.next()) {
                versions.put(rs.getString(1), rs.getInt(2));
            }
        }
        manifest.set("tables", sortedByName(tablesNode));
        if (!checkpoints.isEmpty()) {
            manifest.set("checkpoints", Json.MAPPER.valueToTree(checkpoints));
        }
        Path tmp = target.resolve(MANIFEST + ".tmp");
        try {
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), manifest);
            Files.move(tmp, manifestPath, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            deleteFilesOf(exportId, e);
            throw e;
        }
        long factRows = rows.entrySet().stream()
                .filter(e -> isFact(e.getKey()))
                .mapToLong(Map.Entry::getValue)
                .sum();
        if (store.isReadOnly()) {
            // a read-only store writes nothing: the manifest in the folder is the record of this export
            return new ExportSummary(target, format, incremental, previousWatermark, watermark, rows, manifestPath);
        }
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO agent_store_export_log VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, UUID.fromString(exportId));
            ps.setString(2, target.toString());
            ps.setString(3, format);
            ps.setBoolean(4, incremental);
            ps.setObject(
                    5, previousWatermark == null ? null : OffsetDateTime.ofInstant(previousWatermark, ZoneOffset.UTC));
            ps.setObject(6, watermark == null ? null : OffsetDateTime.ofInstant(watermark, ZoneOffset.UTC));
            ps.setObject(7, OffsetDateTime.ofInstant(exportedAt, ZoneOffset.UTC));
            ps.setLong(8, factRows);
            ps.executeUpdate();
        }
        return new ExportSummary(target, format, incremental, previousWatermark, watermark, rows, manifestPath);
    }

    /**
     * The id of the store, created with it (core's {@code V2__store_identity.sql}); empty only for a store
     * made before that script and opened read-only since, which has no id yet.
     */
    private static Optional<String> storeId(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM information_schema.tables"
                        + " WHERE table_schema = 'main' AND table_name = 'agent_store_identity'")) {
            rs.next();
            if (rs.getLong(1) == 0) {
                return Optional.empty();
            }
        }
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT CAST(store_id AS VARCHAR) FROM agent_store_identity")) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }

    private static boolean isFact(String table) {
        return table.startsWith("fact_");
    }

    private static Instant instant(JsonNode node) {
        return node.isTextual() ? Instant.parse(node.asText()) : null;
    }

    private static ObjectNode sortedByName(ObjectNode node) {
        ObjectNode sorted = Json.MAPPER.createObjectNode();
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        names.stream().sorted().forEach(n -> sorted.set(n, node.get(n)));
        return sorted;
    }

    /**
     * Deletes what a run that never finished left in the folder (a process killed during an export runs no
     * clean-up): fact files of an export id the manifest does not list, whose rows the next incremental run
     * writes again, and DuckDB's {@code tmp_} files of a dimension being rewritten.
     */
    private void removeLeftovers(Set<String> finished, List<String> tables) throws IOException {
        for (String t : tables) {
            Path folder = target.resolve(t);
            if (!Files.isDirectory(folder) || !folder.normalize().startsWith(target)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(folder)) {
                for (Path p : walk.filter(Files::isRegularFile).toList()) {
                    String name = p.getFileName().toString();
                    boolean unfinishedPart = name.startsWith(PART_PREFIX)
                            && name.length() > PART_PREFIX.length() + UUID_LENGTH
                            && !finished.contains(
                                    name.substring(PART_PREFIX.length(), PART_PREFIX.length() + UUID_LENGTH));
                    if (unfinishedPart || name.startsWith("tmp_")) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    /** Deletes the fact files written by the export {@code exportId}; failures are added to {@code cause}. */
    private void deleteFilesOf(String exportId, Exception cause) {
        String prefix = PART_PREFIX + exportId + "-";
        try (Stream<Path> walk = Files.walk(target)) {
            for (Path p : walk.filter(f -> f.getFileName().toString().startsWith(prefix))
                    .toList()) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    cause.addSuppressed(e);
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            cause.addSuppressed(e);
        }
    }

    private String extension() {
        return format;
    }

    private String options() {
        return switch (format) {
            case "parquet" -> "FORMAT parquet, COMPRESSION zstd";
            case "csv" -> "FORMAT csv, HEADER true";
            case "json" -> "FORMAT json";
            default -> throw new IllegalStateException(format);
        };
    }

    private void copy(Connection c, String select, Path to, String extra, List<Instant> params) throws SQLException {
        String sql = "COPY (" + select + ") TO '" + to.toString().replace("'", "''") + "' (" + options()
                + (extra == null ? "" : ", " + extra) + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            ps.execute();
        }
    }

    private static long count(Connection c, String sql, List<Instant> params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void bind(PreparedStatement ps, List<Instant> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, OffsetDateTime.ofInstant(params.get(i), ZoneOffset.UTC));
        }
    }

    private static List<String> exportableTables(Connection c) throws SQLException {
        List<String> result = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables"
                        + " WHERE table_schema = 'main' AND table_type = 'BASE TABLE'"
                        + " AND (table_name LIKE 'dim\\_%' ESCAPE '\\' OR table_name LIKE 'fact\\_%' ESCAPE '\\'"
                        + " OR table_name LIKE '%\\_map' ESCAPE '\\') ORDER BY table_name")) {
            while (rs.next()) {
                result.add(rs.getString(1));
            }
        }
        return result;
    }

    /**
     * The columns of {@code table}, with UUIDs written as their 36-character text: Spark cannot read
     * Parquet's UUID type, and every engine reads text.
     */
    private static String selectList(Connection c, String table) throws SQLException {
        List<String> replaced = new ArrayList<>();
        for (String[] col : columns(c, table)) {
            if (col[1].equals("UUID")) {
                replaced.add("CAST(" + quote(col[0]) + " AS VARCHAR) AS " + quote(col[0]));
            }
        }
        return replaced.isEmpty() ? "*" : "* REPLACE (" + String.join(", ", replaced) + ")";
    }

    private static List<String[]> columns(Connection c, String table) throws SQLException {
        List<String[]> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT column_name, data_type FROM information_schema.columns"
                + " WHERE table_schema = 'main' AND table_name = ? ORDER BY ordinal_position")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        return result;
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private void deleteFolder(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        if (!folder.normalize().startsWith(target) || folder.normalize().equals(target)) {
            throw new IllegalArgumentException("refusing to delete " + folder + " outside the export folder " + target);
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
