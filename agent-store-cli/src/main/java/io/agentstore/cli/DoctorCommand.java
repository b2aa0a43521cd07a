package io.agentstore.cli;

import io.agentstore.AgentStore;
import io.agentstore.spi.Row;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code agent-store doctor}: checks the database: schema checksums (by opening it), dimension keys that
 * facts point at but no dimension has, lines that imports could not use, models without a price, sizes.
 */
@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        description = {
            "Check the database: schema checksums, storage version, views, orphan keys, ingest errors,"
                    + " future timestamps, unknown models and file size.",
            "Exits 1 when it finds a problem (orphan keys, missing or changed views); the rest are warnings."
        })
final class DoctorCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Spec
    CommandSpec spec;

    /** Facts the importer flagged with a timestamp in the future (either way it records the flag). */
    private static final String FUTURE = "SELECT file_path, line_number, occurred_at, reason FROM fact_ingest_error"
            + " WHERE reason LIKE 'future timestamp%' OR coalesce(attributes->>'future_timestamp', '') = 'true'"
            + " ORDER BY occurred_at DESC LIMIT 50";

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int problems = 0;
        try (AgentStore s = store.openForReading(false)) {
            out.println("database      " + s.path().orElseThrow());
            out.println("size          " + size(s.path().orElseThrow()));
            String storage = s.sql("SELECT tags['storage_version'] AS v FROM duckdb_databases()"
                            + " WHERE database_name = current_database()")
                    .single()
                    .map(r -> String.valueOf(r.get("v")))
                    .orElse("unknown");
            boolean compatible = storage.matches("v1\\.[4-9]\\..*");
            out.println("storage       " + storage
                    + (compatible
                            ? " (DuckDB 1.4 and later open it)"
                            : " WARNING: DuckDB releases before " + storage.replace("+", "") + " cannot open it;"
                                    + " 'agent-store migrate-storage' rewrites it for DuckDB 1.4 and later"));
            out.print("schema        checksums verified;");
            for (Row r : s.sql(
                            "SELECT module_id, max(version) AS v, count(*) AS scripts FROM agent_store_schema_history"
                                    + " GROUP BY module_id ORDER BY module_id")
                    .rows()) {
                out.print(" " + r.string("module_id") + " v" + r.int64("v"));
            }
            out.println();
            List<String> views = ViewCheck.problems(s);
            if (views.isEmpty()) {
                out.println("views         as the modules define them");
            } else {
                problems += views.size();
                views.forEach(v -> out.println("views         PROBLEM: " + v + "; 'agent-store init' repairs it"));
            }
            for (Row r : s.sql(FUTURE).rows()) {
                out.printf(
                        Locale.ROOT,
                        "future        WARNING: %s line %d is dated %s, more than a day ahead of when it"
                                + " was imported (%s)%n",
                        r.string("file_path"),
                        r.int64("line_number"),
                        r.instant("occurred_at"),
                        r.string("reason"));
            }
            List<String> orphans = orphans(s);
            if (orphans.isEmpty()) {
                out.println("orphan keys   none");
            } else {
                problems += orphans.size();
                orphans.forEach(o -> out.println("orphan keys   PROBLEM: " + o));
            }
            for (Row r : s.sql(
                            "SELECT table_name, estimated_size FROM duckdb_tables() WHERE table_name LIKE 'fact\\_%' ESCAPE '\\'"
                                    + " AND estimated_size > 0 ORDER BY estimated_size DESC")
                    .rows()) {
                out.printf(
                        Locale.ROOT,
                        "facts         %-26s %,d rows%n",
                        r.string("table_name"),
                        r.int64("estimated_size"));
            }
            for (Row r : s.sql(
                            "SELECT source, count(*) AS n, max(occurred_at) AS last FROM fact_ingest_error GROUP BY source")
                    .rows()) {
                out.printf(
                        Locale.ROOT,
                        "ingest errors WARNING: %d line(s) from %s could not be used (last %s);"
                                + " see v_ingest_errors%n",
                        r.int64("n"),
                        r.string("source"),
                        r.instant("last"));
            }
            for (Row r : s.sql(
                            "SELECT source, count(*) AS files, max(last_run_at) AS last FROM v_ingest_watermarks GROUP BY source")
                    .rows()) {
                out.printf(
                        Locale.ROOT,
                        "imports       %s: %d file(s), last run %s%n",
                        r.string("source"),
                        r.int64("files"),
                        r.instant("last"));
            }
            for (Row r : s.sql("SELECT model_name, count(*) AS calls FROM v_api_call_costs WHERE NOT is_priced"
                            + " GROUP BY model_name ORDER BY calls DESC")
                    .rows()) {
                out.printf(
                        Locale.ROOT,
                        "unpriced      WARNING: %d call(s) of model %s have no price (cost shows as NULL);"
                                + " add it with a price override file%n",
                        r.int64("calls"),
                        r.string("model_name"));
            }
        }
        out.println(problems == 0 ? "doctor        OK" : "doctor        " + problems + " problem(s) found");
        out.flush();
        return problems == 0 ? 0 : 1;
    }

    /** "fact_x.y_key: n row(s) point at no dim_y" for every fact key column with dangling values. */
    static List<String> orphans(AgentStore s) {
        List<String> result = new ArrayList<>();
        List<Row> columns = s.sql("SELECT c.table_name, c.column_name FROM information_schema.columns c"
                        + " WHERE c.table_schema = 'main' AND c.table_name LIKE 'fact\\_%' ESCAPE '\\' AND c.column_name LIKE '%\\_key' ESCAPE '\\'"
                        + " AND EXISTS (SELECT 1 FROM information_schema.tables t WHERE t.table_name = 'dim_' || replace(c.column_name, '_key', ''))"
                        + " ORDER BY 1, 2")
                .rows();
        for (Row c : columns) {
            String table = c.string("table_name");
            String column = c.string("column_name");
            String dim = "dim_" + column.substring(0, column.length() - 4);
            long n = s.sql("SELECT count(*) AS n FROM \"" + table + "\" f WHERE f.\"" + column + "\" IS NOT NULL"
                            + " AND NOT EXISTS (SELECT 1 FROM \"" + dim + "\" d WHERE d.\"" + column + "\" = f.\""
                            + column + "\")")
                    .single()
                    .orElseThrow()
                    .int64("n");
            if (n > 0) {
                result.add(table + "." + column + ": " + n + " row(s) point at no " + dim);
            }
        }
        return result;
    }

    private static String size(Path db) {
        try {
            long main = Files.size(db);
            Path wal = db.resolveSibling(db.getFileName() + ".wal");
            long w = Files.exists(wal) ? Files.size(wal) : 0;
            return String.format(Locale.ROOT, "%.1f MB (+ %.1f MB write-ahead log)", main / 1e6, w / 1e6);
        } catch (java.io.IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
