package io.agentstore.lifecycle.internal;

import io.agentstore.StoreAccessException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small JDBC helpers over a DuckDB connection; every failure is a {@link StoreAccessException}. */
public final class Db {
    private Db() {}

    /** Opens the database file (DuckDB replays its WAL, if any). */
    public static Connection open(Path file) {
        try {
            return DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
        } catch (SQLException e) {
            throw new StoreAccessException("cannot open " + file, e);
        }
    }

    /** An in-memory DuckDB connection. */
    public static Connection memory() {
        try {
            return DriverManager.getConnection("jdbc:duckdb:");
        } catch (SQLException e) {
            throw new StoreAccessException("cannot open an in-memory database", e);
        }
    }

    /** A quoted identifier. */
    public static String q(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** A quoted string literal. */
    public static String lit(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** Runs a statement; returns the update count (0 for statements without one). */
    public static long exec(Connection c, String sql, Object... params) {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            boolean rs = st.execute();
            if (rs) {
                return 0;
            }
            long n = st.getLargeUpdateCount();
            return Math.max(n, 0);
        } catch (SQLException e) {
            throw new StoreAccessException("statement failed (" + abbreviate(sql) + ")", e);
        }
    }

    /** The rows of a query, each as an array of column values. */
    public static List<Object[]> rows(Connection c, String sql, Object... params) {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                List<Object[]> rows = new ArrayList<>();
                while (rs.next()) {
                    Object[] row = new Object[n];
                    for (int i = 0; i < n; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new StoreAccessException("statement failed (" + abbreviate(sql) + ")", e);
        }
    }

    /** The first column of every row, as strings. */
    public static List<String> strings(Connection c, String sql, Object... params) {
        return rows(c, sql, params).stream().map(r -> String.valueOf(r[0])).toList();
    }

    /** A single number. */
    public static long count(Connection c, String sql, Object... params) {
        List<Object[]> rows = rows(c, sql, params);
        Object v = rows.isEmpty() ? null : rows.get(0)[0];
        return v == null ? 0 : ((Number) v).longValue();
    }

    /** The base tables of the main schema of {@code catalog}, by name. */
    public static List<String> tables(Connection c, String catalog) {
        return strings(
                c,
                "SELECT table_name FROM duckdb_tables() WHERE database_name = ? AND schema_name = 'main'"
                        + " AND NOT temporary ORDER BY table_name",
                catalog);
    }

    /** The columns of a table with their types, in table order. */
    public static Map<String, String> columns(Connection c, String catalog, String table) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (Object[] r : rows(
                c,
                "SELECT column_name, data_type FROM duckdb_columns() WHERE database_name = ? AND schema_name = 'main'"
                        + " AND table_name = ? ORDER BY column_index",
                catalog,
                table)) {
            columns.put((String) r[0], (String) r[1]);
        }
        return columns;
    }

    /** The name of the catalog the connection's file is attached as. */
    public static String catalog(Connection c) {
        return strings(c, "SELECT current_database()").get(0);
    }

    /** Whether the main schema of the connection's database has the table. */
    public static boolean hasTable(Connection c, String table) {
        return tables(c, catalog(c)).contains(table);
    }

    /** Sets auto-commit, wrapping the checked exception. */
    public static void autoCommit(Connection c, boolean on) {
        try {
            c.setAutoCommit(on);
        } catch (SQLException e) {
            throw new StoreAccessException("cannot set auto-commit", e);
        }
    }

    /** Commits. */
    public static void commit(Connection c) {
        try {
            c.commit();
        } catch (SQLException e) {
            throw new StoreAccessException("commit failed", e);
        }
    }

    /** Closes quietly after a failure, rethrowing nothing. */
    public static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // the failure that led here is the one to report
        }
    }

    /** Closes, wrapping the checked exception. */
    public static void close(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            throw new StoreAccessException("cannot close", e);
        }
    }

    private static String abbreviate(String sql) {
        String one = sql.replaceAll("\\s+", " ");
        return one.length() > 200 ? one.substring(0, 200) + "..." : one;
    }
}
