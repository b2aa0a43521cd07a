package io.agentstore.cli;

import io.agentstore.AgentStore;
import io.agentstore.StoreLockedException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code agent-store migrate-storage}: rewrites a database file into a DuckDB storage format that older DuckDB
 * releases open. The copy is made beside the file, every table's row count is compared, and only then is the
 * original renamed to {@code <file>.bak} and the copy put in its place; the copy is opened once more and its
 * counts compared again before the command reports success. The backup stays until the user deletes it.
 */
@Command(
        name = "migrate-storage",
        mixinStandardHelpOptions = true,
        description = {
            "Rewrite the database into a storage format that DuckDB 1.4 and later (CLI, Python) can open.",
            "Stores created by this version already are; older ones may be in DuckDB 2.0's format ('doctor' says which).",
            "The original is kept as <file>.bak. Run it while no other process uses the database."
        })
final class MigrateStorageCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(
            names = "--storage-version",
            paramLabel = "VERSION",
            defaultValue = AgentStore.DEFAULT_STORAGE_VERSION,
            description = "The DuckDB storage version to write (default: ${DEFAULT-VALUE}).")
    String storageVersion;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!storageVersion.matches("v\\d+\\.\\d+\\.\\d+")) {
            throw new IllegalArgumentException("--storage-version must look like v1.4.0, was '" + storageVersion + "'");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path file = store.database();
        if (!Files.exists(file)) {
            throw new MissingDatabaseException(file);
        }
        file = file.toRealPath();
        Path copy = file.resolveSibling(file.getFileName() + ".rewrite-tmp");
        Path backup = file.resolveSibling(file.getFileName() + ".bak");
        if (Files.exists(backup)) {
            throw new IllegalArgumentException(backup + " exists (a backup of an earlier rewrite): move it away first");
        }
        Files.deleteIfExists(copy);
        Files.deleteIfExists(copy.resolveSibling(copy.getFileName() + ".wal"));
        String before = storageVersionOf(file);
        Map<String, Long> counts;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement st = c.createStatement()) {
                st.execute("ATTACH '" + sqlString(file) + "' AS src (READ_ONLY)");
                st.execute("ATTACH '" + sqlString(copy) + "' AS dst (STORAGE_VERSION '" + storageVersion + "')");
                st.execute("COPY FROM DATABASE src TO dst");
                counts = counts(c, "src");
                Map<String, Long> copied = counts(c, "dst");
                if (!copied.equals(counts)) {
                    throw new IllegalStateException("the copy " + copy + " differs from " + file + ": " + copied
                            + " rows, expected " + counts + "; the original is unchanged");
                }
                st.execute("DETACH dst");
                st.execute("DETACH src");
            }
        } catch (SQLException e) {
            Files.deleteIfExists(copy);
            if (String.valueOf(e.getMessage()).contains("lock")) {
                throw new StoreLockedException(file, -1, file + " is in use by another process: " + e.getMessage(), e);
            }
            throw e;
        }
        ownerOnly(copy);
        Files.move(file, backup, StandardCopyOption.ATOMIC_MOVE);
        Path wal = file.resolveSibling(file.getFileName() + ".wal");
        if (Files.exists(wal)) {
            Files.move(wal, backup.resolveSibling(backup.getFileName() + ".wal"), StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(copy, file, StandardCopyOption.ATOMIC_MOVE);
        // verify the file in place: it opens as a store with its modules, and every table has its rows
        Map<String, Long> after;
        try (AgentStore s = store.openForReading(false)) {
            after = new LinkedHashMap<>();
            for (var r : s.sql("SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()"
                            + " AND NOT temporary ORDER BY schema_name, table_name")
                    .rows()) {
                String t = r.string("table_name");
                after.put(
                        t,
                        s.sql("SELECT count(*) AS n FROM \"" + t.replace("\"", "\"\"") + "\"")
                                .single()
                                .orElseThrow()
                                .int64("n"));
            }
        } catch (RuntimeException e) {
            restore(file, backup);
            throw new IllegalStateException(
                    "the rewritten file did not open as a store (" + e.getMessage() + "); the original was put back at "
                            + file,
                    e);
        }
        if (!after.equals(counts)) {
            restore(file, backup);
            throw new IllegalStateException("the rewritten file has " + after + " rows, expected " + counts
                    + "; the original was put back at " + file);
        }
        out.println("agent-store: rewrote " + file + " from storage " + before + " to " + storageVersionOf(file)
                + "; " + counts.size() + " tables and "
                + counts.values().stream().mapToLong(Long::longValue).sum()
                + " rows verified. The original is at " + backup + ": delete it when you are satisfied.");
        out.flush();
        return 0;
    }

    private static void restore(Path file, Path backup) throws IOException {
        Files.move(
                file, file.resolveSibling(file.getFileName() + ".rewrite-failed"), StandardCopyOption.REPLACE_EXISTING);
        Files.move(backup, file, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Rows of every table of the attached database {@code db}, by {@code schema.table}. */
    private static Map<String, Long> counts(Connection c, String db) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery("SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = '"
                                + db + "' ORDER BY schema_name, table_name")) {
            while (rs.next()) {
                counts.put(rs.getString(2), null);
            }
        }
        for (String t : counts.keySet()) {
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery(
                            "SELECT count(*) FROM " + db + ".main.\"" + t.replace("\"", "\"\"") + "\"")) {
                rs.next();
                counts.put(t, rs.getLong(1));
            }
        }
        return counts;
    }

    /** The storage version DuckDB reports for the file, for example {@code v1.4.0+}. */
    static String storageVersionOf(Path file) {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = c.createStatement()) {
            st.execute("ATTACH '" + sqlString(file) + "' AS probe (READ_ONLY)");
            try (ResultSet rs = st.executeQuery(
                    "SELECT tags['storage_version'] FROM duckdb_databases()" + " WHERE database_name = 'probe'")) {
                rs.next();
                return String.valueOf(rs.getObject(1));
            }
        } catch (SQLException e) {
            return "unknown (" + e.getMessage().lines().findFirst().orElse("") + ")";
        }
    }

    private static String sqlString(Path p) {
        return p.toString().replace("'", "''");
    }

    private static void ownerOnly(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
