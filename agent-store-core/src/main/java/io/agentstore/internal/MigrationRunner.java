package io.agentstore.internal;

import io.agentstore.SchemaMigrationException;
import io.agentstore.spi.AgentStoreException;
import io.agentstore.spi.Migration;
import io.agentstore.spi.SchemaModule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the versioned and repeatable scripts of the installed modules, in the manner of Flyway: a
 * history table, one transaction per script with its history row, checksums that refuse edited scripts.
 */
public final class MigrationRunner {
    /** The history table. */
    public static final String HISTORY = "agent_store_schema_history";

    private static final Logger LOG = LoggerFactory.getLogger(MigrationRunner.class);

    private final Connection connection;
    private final Clock clock;

    /** A runner on {@code connection} (in auto-commit mode), stamping history rows with {@code clock}. */
    public MigrationRunner(Connection connection, Clock clock) {
        this.connection = connection;
        this.clock = clock;
    }

    /**
     * Orders modules so that each comes after the modules it requires, ties broken by id: the result does
     * not depend on the order in which they were installed.
     */
    public static List<SchemaModule> order(Collection<SchemaModule> modules) {
        Map<String, SchemaModule> byId = new TreeMap<>();
        for (SchemaModule m : modules) {
            SchemaModule previous = byId.put(m.id(), m);
            if (previous != null && previous.getClass() != m.getClass()) {
                throw new AgentStoreException("two different modules share the id '" + m.id() + "': "
                        + previous.getClass().getName() + " and " + m.getClass().getName());
            }
        }
        for (SchemaModule m : byId.values()) {
            for (String r : m.requires()) {
                if (!byId.containsKey(r)) {
                    throw new AgentStoreException("module '" + m.id() + "' requires module '" + r
                            + "', which is not installed: add it to AgentStore.builder().install(...)");
                }
            }
        }
        List<SchemaModule> ordered = new ArrayList<>();
        TreeSet<String> done = new TreeSet<>();
        while (ordered.size() < byId.size()) {
            SchemaModule next = null;
            for (SchemaModule m : byId.values()) {
                if (!done.contains(m.id()) && done.containsAll(m.requires())) {
                    next = m;
                    break;
                }
            }
            if (next == null) {
                List<String> left =
                        byId.keySet().stream().filter(id -> !done.contains(id)).toList();
                throw new AgentStoreException("modules " + left + " require each other in a cycle");
            }
            ordered.add(next);
            done.add(next.id());
        }
        return ordered;
    }

    /** Applies everything pending; returns the number of scripts run. */
    public int migrate(List<SchemaModule> ordered) {
        return migrate(ordered, false);
    }

    /**
     * Applies everything pending and, with {@code reapplyRepeatables}, every repeatable script (views, macros)
     * again even when its checksum is unchanged: this repairs a view dropped or replaced by hand.
     */
    public int migrate(List<SchemaModule> ordered, boolean reapplyRepeatables) {
        try {
            createHistory();
            Map<String, Map<Integer, String[]>> applied = appliedVersions();
            int ran = 0;
            for (SchemaModule module : ordered) {
                ran += migrateVersioned(module, applied.getOrDefault(module.id(), Map.of()));
            }
            Map<String, String> repeatableChecksums = latestRepeatableChecksums();
            for (SchemaModule module : ordered) {
                for (String file : module.repeatables()) {
                    String sql = Scripts.load(module, file);
                    String checksum = Scripts.checksum(sql);
                    if (reapplyRepeatables || !checksum.equals(repeatableChecksums.get(module.id() + "/" + file))) {
                        apply(
                                module,
                                null,
                                file,
                                file.replaceFirst("^R__", "")
                                        .replaceFirst("\\.sql$", "")
                                        .replace('_', ' '),
                                sql,
                                checksum);
                        ran++;
                    }
                }
            }
            return ran;
        } catch (SQLException e) {
            throw new AgentStoreException("cannot read or create " + HISTORY + ": " + e.getMessage(), e);
        }
    }

    /**
     * What {@link #migrate} would do, without doing it: one line per module that is not installed in the
     * file's schema history, per versioned script not applied yet and per repeatable script (views) whose
     * applied version differs from the library's. Nothing is written. An applied script that no longer
     * matches the library fails as in {@link #migrate}.
     *
     * @return the pending work, empty when the file is up to date
     */
    public List<String> pending(List<SchemaModule> ordered) {
        try {
            if (!historyExists()) {
                return List.of("the file has no " + HISTORY + " table: it is not an agent-store database"
                        + " (or was never initialised)");
            }
            Map<String, Map<Integer, String[]>> applied = appliedVersions();
            Map<String, String> repeatableChecksums = latestRepeatableChecksums();
            List<String> pending = new ArrayList<>();
            for (SchemaModule module : ordered) {
                Map<Integer, String[]> done = applied.getOrDefault(module.id(), Map.of());
                if (done.isEmpty() && !module.migrations().isEmpty()) {
                    pending.add("module '" + module.id() + "' is not installed in this file");
                    continue;
                }
                checkApplied(module, done);
                for (Migration m : module.migrations()) {
                    if (!done.containsKey(m.version())) {
                        pending.add("module '" + module.id() + "' migration " + m.fileName() + " is not applied");
                    }
                }
                for (String file : module.repeatables()) {
                    String checksum = Scripts.checksum(Scripts.load(module, file));
                    if (!checksum.equals(repeatableChecksums.get(module.id() + "/" + file))) {
                        pending.add("module '" + module.id() + "' repeatable script " + file
                                + " (views) differs from the applied one");
                    }
                }
            }
            return pending;
        } catch (SQLException e) {
            throw new AgentStoreException("cannot read " + HISTORY + ": " + e.getMessage(), e);
        }
    }

    /** The ids of the modules recorded in the schema history of the file, or empty when it has none. */
    public List<String> installedModules() {
        try {
            if (!historyExists()) {
                return List.of();
            }
            List<String> ids = new ArrayList<>();
            try (Statement st = connection.createStatement();
                    ResultSet rs = st.executeQuery("SELECT DISTINCT module_id FROM " + HISTORY + " ORDER BY 1")) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new AgentStoreException("cannot read " + HISTORY + ": " + e.getMessage(), e);
        }
    }

    private boolean historyExists() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT count(*) FROM duckdb_tables()"
                + " WHERE database_name = current_database() AND schema_name = 'main' AND table_name = ?")) {
            ps.setString(1, HISTORY);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0;
            }
        }
    }

    /** Refuses a file whose applied scripts of {@code module} are newer than or differ from the library's. */
    private static void checkApplied(SchemaModule module, Map<Integer, String[]> applied) {
        List<Migration> migrations = module.migrations();
        int known = migrations.size();
        int newest = applied.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        if (newest > known) {
            throw new SchemaMigrationException(
                    module.id(),
                    applied.get(newest)[0],
                    "the database has module '" + module.id() + "' at version " + newest
                            + " but this library knows versions up to " + known
                            + ": open it with the newer agent-store that wrote it",
                    null);
        }
        for (Migration m : migrations) {
            String[] done = applied.get(m.version());
            if (done == null) {
                continue;
            }
            String checksum = Scripts.checksum(Scripts.load(module, m.fileName()));
            if (!done[1].equals(checksum)) {
                throw new SchemaMigrationException(
                        module.id(),
                        m.fileName(),
                        "checksum mismatch for module '" + module.id() + "' version " + m.version() + " ("
                                + m.fileName() + "): the script applied to this database was "
                                + done[0] + " with checksum " + done[1] + ", the library now has " + checksum
                                + ". Applied scripts must never be edited: restore the file and put the"
                                + " change into a new V" + (known + 1) + "__ script.",
                        null);
            }
        }
    }

    private int migrateVersioned(SchemaModule module, Map<Integer, String[]> applied) throws SQLException {
        List<Migration> migrations = module.migrations();
        for (int i = 0; i < migrations.size(); i++) {
            if (migrations.get(i).version() != i + 1) {
                throw new SchemaMigrationException(
                        module.id(),
                        migrations.get(i).fileName(),
                        "module '" + module.id() + "' lists migration "
                                + migrations.get(i).fileName() + " at position " + (i + 1)
                                + ": versions must be contiguous from 1",
                        null);
            }
        }
        int known = migrations.size();
        int newest = applied.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        if (newest > known) {
            throw new SchemaMigrationException(
                    module.id(),
                    applied.get(newest)[0],
                    "the database has module '" + module.id() + "' at version " + newest
                            + " but this library knows versions up to " + known
                            + ": open it with the newer agent-store that wrote it",
                    null);
        }
        int ran = 0;
        for (Migration m : migrations) {
            String sql = Scripts.load(module, m.fileName());
            String checksum = Scripts.checksum(sql);
            String[] done = applied.get(m.version());
            if (done != null) {
                if (!done[1].equals(checksum)) {
                    throw new SchemaMigrationException(
                            module.id(),
                            m.fileName(),
                            "checksum mismatch for module '" + module.id() + "' version " + m.version() + " ("
                                    + m.fileName() + "): the script applied to this database was "
                                    + done[0] + " with checksum " + done[1] + ", the library now has " + checksum
                                    + ". Applied scripts must never be edited: restore the file and put the"
                                    + " change into a new V" + (known + 1) + "__ script.",
                            null);
                }
                continue;
            }
            apply(module, m.version(), m.fileName(), m.description(), sql, checksum);
            ran++;
        }
        return ran;
    }

    private void apply(
            SchemaModule module, Integer version, String file, String description, String sql, String checksum) {
        long start = System.nanoTime();
        try (Statement st = connection.createStatement()) {
            st.execute("BEGIN TRANSACTION");
            try {
                st.execute(sql);
                try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + HISTORY
                        + " (module_id, version, script, description, checksum, installed_at, execution_ms)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    ps.setString(1, module.id());
                    ps.setObject(2, version);
                    ps.setString(3, file);
                    ps.setString(4, description);
                    ps.setString(5, checksum);
                    ps.setObject(6, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
                    ps.setLong(7, (System.nanoTime() - start) / 1_000_000);
                    ps.executeUpdate();
                }
                st.execute("COMMIT");
                LOG.info("applied {}/{} in {} ms", module.id(), file, (System.nanoTime() - start) / 1_000_000);
            } catch (SQLException e) {
                try {
                    st.execute("ROLLBACK");
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new SchemaMigrationException(
                    module.id(),
                    file,
                    "migration of module '" + module.id() + "' "
                            + (version == null ? "repeatable script" : "version " + version) + " ("
                            + module.resourceRoot()
                            + file + ") failed and was rolled back: " + e.getMessage(),
                    e);
        }
    }

    private void createHistory() throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + HISTORY + " ("
                    + "module_id VARCHAR NOT NULL, version INTEGER, script VARCHAR NOT NULL,"
                    + " description VARCHAR NOT NULL, checksum VARCHAR NOT NULL,"
                    + " installed_at TIMESTAMPTZ NOT NULL, execution_ms BIGINT NOT NULL)");
            st.execute("CREATE UNIQUE INDEX IF NOT EXISTS ux_" + HISTORY + "_version ON " + HISTORY
                    + " (module_id, version)");
        }
    }

    /** module id → version → {script, checksum}. */
    private Map<String, Map<Integer, String[]>> appliedVersions() throws SQLException {
        Map<String, Map<Integer, String[]>> result = new HashMap<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT module_id, version, script, checksum FROM " + HISTORY + " WHERE version IS NOT NULL")) {
            while (rs.next()) {
                result.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                        .put(rs.getInt(2), new String[] {rs.getString(3), rs.getString(4)});
            }
        }
        return result;
    }

    /** "module/script" → checksum of the latest application of each repeatable script. */
    private Map<String, String> latestRepeatableChecksums() throws SQLException {
        Map<String, String> result = new LinkedHashMap<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT module_id, script, arg_max(checksum, rowid) FROM " + HISTORY
                        + " WHERE version IS NULL GROUP BY module_id, script")) {
            while (rs.next()) {
                result.put(rs.getString(1) + "/" + rs.getString(2), rs.getString(3));
            }
        }
        return result;
    }
}
