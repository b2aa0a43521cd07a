package io.agentstore.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentstore.StatementNotAllowedException;
import io.agentstore.spi.AgentStoreException;
import io.agentstore.spi.Json;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Decides whether a statement only reads, with DuckDB's own parser: {@code json_serialize_sql} serialises
 * exactly the statements DuckDB parses as {@code SELECT} statements (including {@code WITH}, {@code VALUES},
 * {@code FROM t}, {@code DESCRIBE}, {@code SHOW}, {@code SUMMARIZE}) and reports an error for every other
 * statement type. Two more kinds only read and pass: an {@code EXPLAIN} (or {@code EXPLAIN ANALYZE}) whose
 * inner statement DuckDB parses as a {@code SELECT}, and a {@code PRAGMA name(args)} without assignment whose
 * {@code pragma_name} is one of DuckDB's table functions (the read-only pragmas such as {@code table_info},
 * {@code storage_info}, {@code database_size}, {@code version}). Everything else is refused, and so is more
 * than one statement. The statement is parsed, never run.
 */
public final class ReadStatements {
    private ReadStatements() {}

    /**
     * Returns when {@code sql} is one statement that only reads.
     *
     * @throws StatementNotAllowedException naming the statement type otherwise
     */
    public static void check(Connection connection, String sql) {
        try {
            JsonNode parsed = parse(connection, sql);
            if (!parsed.path("error").asBoolean(true)) {
                int n = parsed.path("statements").size();
                if (n == 1) {
                    return;
                }
                throw new StatementNotAllowedException(
                        "MULTIPLE",
                        "refused MULTIPLE statements: only one statement at a time, the query holds " + n
                                + " statements");
            }
            String body = body(sql);
            String keyword = firstKeyword(body);
            if (keyword.equals("EXPLAIN")) {
                String inner = body(body.substring("EXPLAIN".length()));
                if (firstKeyword(inner).equals("ANALYZE")) {
                    inner = body(inner.substring("ANALYZE".length()));
                }
                JsonNode in = parse(connection, inner);
                if (!in.path("error").asBoolean(true) && in.path("statements").size() == 1) {
                    return;
                }
                throw refused("EXPLAIN of " + describe(firstKeyword(inner)), sql);
            }
            if (keyword.equals("PRAGMA") && readingPragma(connection, body)) {
                return;
            }
            throw refused(describe(keyword), sql);
        } catch (SQLException e) {
            throw new AgentStoreException("cannot parse the statement with DuckDB: " + e.getMessage(), e);
        }
    }

    private static JsonNode parse(Connection connection, String sql) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT json_serialize_sql(?::VARCHAR)")) {
            ps.setString(1, sql);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Json.MAPPER.readTree(rs.getString(1));
            }
        } catch (IOException e) {
            throw new SQLException("DuckDB's parser gave no JSON: " + e.getMessage(), e);
        }
    }

    /** {@code PRAGMA name} or {@code PRAGMA name(args)} (no {@code =}) whose {@code pragma_name} is a table function. */
    private static boolean readingPragma(Connection connection, String body) throws SQLException {
        String rest = body.substring("PRAGMA".length()).strip();
        int end = 0;
        while (end < rest.length() && (Character.isLetterOrDigit(rest.charAt(end)) || rest.charAt(end) == '_')) {
            end++;
        }
        if (end == 0) {
            return false;
        }
        String name = rest.substring(0, end).toLowerCase(Locale.ROOT);
        String after = rest.substring(end).strip();
        if (!(after.isEmpty() || after.startsWith("(") && after.endsWith(")"))
                || after.contains(";")
                || after.contains("=")) {
            return false;
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT count(*) FROM duckdb_functions()" + " WHERE function_type = 'table' AND function_name = ?")) {
            ps.setString(1, "pragma_" + name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0;
            }
        }
    }

    private static StatementNotAllowedException refused(String type, String sql) {
        return new StatementNotAllowedException(
                type,
                "refused a " + type + " statement: only reads (SELECT, WITH,"
                        + " VALUES, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN of a SELECT, reading PRAGMAs such as table_info) are"
                        + " allowed here" + (sql.length() <= 80 ? ": " + sql.strip() : ""));
    }

    /** The statement type DuckDB's grammar starts with this keyword (for the message only). */
    private static String describe(String keyword) {
        return switch (keyword) {
            case "" -> "empty or unparsable";
            // alone DuckDB parses these as SELECT: a statement after it is not one
            case "SELECT", "FROM", "VALUES", "DESCRIBE", "SHOW", "SUMMARIZE", "TABLE" -> "MULTIPLE";
            case "WITH" -> "WITH (data-modifying)";
            case "PRAGMA" -> "PRAGMA that changes settings";
            case "SET", "RESET" -> "SET";
            default -> keyword;
        };
    }

    /** The statement without leading white space and comments (DuckDB accepts comments before it). */
    private static String body(String sql) {
        String s = sql.stripLeading();
        while (s.startsWith("--") || s.startsWith("/*")) {
            int end = s.startsWith("--") ? s.indexOf('\n') : s.indexOf("*/");
            if (end < 0) {
                return "";
            }
            s = s.substring(end + (s.startsWith("--") ? 1 : 2)).stripLeading();
        }
        return s;
    }

    private static String firstKeyword(String s) {
        int end = 0;
        while (end < s.length() && Character.isLetter(s.charAt(end))) {
            end++;
        }
        return s.substring(0, end).toUpperCase(Locale.ROOT);
    }
}
