package io.agentstore.internal;

import io.agentstore.spi.Redaction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one in-place change of a stored fact the store allows: text replaced by redaction placeholders (a secret that
 * older rules missed must leave the file, and a superseding fact would keep it in the old row). Each new value must
 * be its column's current value with some parts replaced by placeholders ({@link Redaction#PLACEHOLDER}), or, in a
 * {@code *_hash} column, the SHA-256 (hex) of another new value of the same call; anything else is refused.
 */
public final class RedactInPlace {
    private static final Set<String> ENVELOPE = Set.of("event_id", "occurred_at", "recorded_at", "supersedes_event_id");
    private static final Pattern TABLE = Pattern.compile("fact_[a-z0-9_]+");

    private RedactInPlace() {}

    /**
     * Rewrites the columns {@code values} of the fact {@code eventId} of {@code table} on {@code c} (inside the
     * caller's transaction); returns whether a row changed.
     *
     * @throws IllegalArgumentException naming the table, column and reason when the change is not a redaction
     */
    public static boolean apply(Connection c, String table, UUID eventId, Map<String, String> values)
            throws SQLException {
        if (table == null || !TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("table must be a fact table (fact_...), was '" + table + "'");
        }
        if (eventId == null) {
            throw new IllegalArgumentException("eventId must not be null");
        }
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("values must name at least one column");
        }
        Map<String, String> types = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT column_name, data_type FROM information_schema.columns"
                + " WHERE table_name = ? AND table_schema = current_schema()")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    types.put(rs.getString(1), rs.getString(2).toUpperCase(Locale.ROOT));
                }
            }
        }
        if (types.isEmpty()) {
            throw new IllegalArgumentException("no table " + table);
        }
        List<String> columns = new ArrayList<>(values.keySet());
        for (String col : columns) {
            String type = types.get(col);
            if (type == null || ENVELOPE.contains(col) || !(type.equals("VARCHAR") || type.equals("JSON"))) {
                throw new IllegalArgumentException("column " + table + "." + col
                        + " is not a text column that redaction may rewrite (type " + type + ")");
            }
            if (values.get(col) == null) {
                throw new IllegalArgumentException("the new value of " + table + "." + col + " must not be null");
            }
        }
        StringBuilder select = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            select.append(i == 0 ? "" : ", ")
                    .append("CAST(")
                    .append(q(columns.get(i)))
                    .append(" AS VARCHAR)");
        }
        select.append(" FROM ").append(q(table)).append(" WHERE event_id = ?");
        List<Map<String, String>> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(select.toString())) {
            ps.setObject(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, String> row = new LinkedHashMap<>();
                    for (int i = 0; i < columns.size(); i++) {
                        row.put(columns.get(i), rs.getString(i + 1));
                    }
                    rows.add(row);
                }
            }
        }
        if (rows.isEmpty()) {
            return false;
        }
        if (rows.size() > 1) {
            throw new IllegalArgumentException(table + " holds " + rows.size() + " rows of event " + eventId
                    + "; redaction in place rewrites one fact");
        }
        Map<String, String> old = rows.get(0);
        Set<String> newHashes = new java.util.HashSet<>();
        for (String col : columns) {
            if (!col.endsWith("_hash")) {
                newHashes.add(sha256(values.get(col)));
            }
        }
        boolean changed = false;
        for (String col : columns) {
            String now = old.get(col);
            String next = values.get(col);
            changed |= !next.equals(now);
            if (col.endsWith("_hash")) {
                if (!newHashes.contains(next)) {
                    throw new IllegalArgumentException(table + "." + col + " may only become the SHA-256 of another"
                            + " value rewritten in the same call, was '" + next + "'");
                }
            } else if (now == null || !derivedByRedaction(now, next)) {
                throw new IllegalArgumentException(table + "." + col + " of " + eventId
                        + ": the new value is not the stored one with parts replaced by redaction placeholders");
            }
        }
        if (!changed) {
            return false;
        }
        StringBuilder update = new StringBuilder("UPDATE ").append(q(table)).append(" SET ");
        for (int i = 0; i < columns.size(); i++) {
            String col = columns.get(i);
            update.append(i == 0 ? "" : ", ")
                    .append(q(col))
                    .append(" = ?")
                    .append(types.get(col).equals("JSON") ? "::JSON" : "");
        }
        update.append(" WHERE event_id = ?");
        try (PreparedStatement ps = c.prepareStatement(update.toString())) {
            for (int i = 0; i < columns.size(); i++) {
                ps.setString(i + 1, values.get(columns.get(i)));
            }
            ps.setObject(columns.size() + 1, eventId);
            return ps.executeUpdate() > 0;
        }
    }

    /** Whether {@code next} is {@code old} with zero or more non-empty parts replaced by placeholders. */
    static boolean derivedByRedaction(String old, String next) {
        Matcher m = Redaction.PLACEHOLDER.matcher(next);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(next.substring(last, m.start())));
            // a placeholder stands for the text it replaced, or for itself when it was already there
            regex.append("(?:.+?)");
            last = m.end();
        }
        regex.append(Pattern.quote(next.substring(last)));
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(old).matches();
    }

    private static String q(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
