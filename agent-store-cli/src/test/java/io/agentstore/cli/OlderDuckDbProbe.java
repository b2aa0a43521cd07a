package io.agentstore.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Runs in a JVM whose classpath is an older DuckDB JDBC driver and this class only (no agent-store code): opens
 * a store read-only, prints {@code VERSION <duckdb version>}, then {@code VIEW <name> OK} or
 * {@code VIEW <name> FAIL <reason>} for {@code SELECT * FROM <view> LIMIT 1} of every view, and
 * {@code TABLE <name> <rows>} for every table. Uses only {@code java.sql}.
 */
public final class OlderDuckDbProbe {
    private OlderDuckDbProbe() {}

    /** {@code args[0]}: the database file. */
    public static void main(String[] args) throws Exception {
        Properties p = new Properties();
        p.setProperty("access_mode", "READ_ONLY");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + args[0], p);
                Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT version()")) {
                rs.next();
                System.out.println("VERSION " + rs.getString(1));
            }
            List<String> views = names(
                    st,
                    "SELECT view_name FROM duckdb_views() WHERE NOT internal"
                            + " AND database_name = current_database() ORDER BY view_name");
            for (String v : views) {
                try (ResultSet rs = st.executeQuery("SELECT * FROM \"" + v + "\" LIMIT 1")) {
                    rs.next();
                    System.out.println("VIEW " + v + " OK");
                } catch (SQLException e) {
                    System.out.println("VIEW " + v + " FAIL "
                            + e.getMessage().lines().findFirst().orElse(""));
                }
            }
            for (String t : names(
                    st,
                    "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()"
                            + " ORDER BY table_name")) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM \"" + t + "\"")) {
                    rs.next();
                    System.out.println("TABLE " + t + " " + rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            System.out.println("OPEN FAIL " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static List<String> names(Statement st, String sql) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
