package io.agentstore.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.agentstore.spi.Dimension;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Resolves natural keys to surrogate keys for the writer thread, through a Caffeine cache in front of the
 * dimension tables. New members (and new type 2 versions) are inserted in the writer's current
 * transaction; {@link #rollback()} forgets what that transaction changed. Not thread-safe: writer only.
 */
final class KeyResolver {
    private record CacheKey(String table, List<Object> naturalKey) {}

    /** A cached dimension member: the current version for type 2. */
    private record Member(long key, Object[] attributes, Instant validFrom) {}

    private final DuckDBConnection connection;
    private final long cacheSize;
    private final Cache<CacheKey, Member> cache;
    private final Map<String, Long> nextKey = new HashMap<>();
    /** Dimensions whose every (current) member is in the cache: a miss there means a new member. */
    private final Set<String> complete = new HashSet<>();

    private final Set<String> seen = new HashSet<>();
    /** Appenders for new members of dimensions whose columns the appender writes safely. */
    private final Map<String, DuckDBAppender> appenders = new HashMap<>();

    private final Map<String, Boolean> appendable = new HashMap<>();
    /** Tables with appended members not yet flushed into the transaction. */
    private final Set<String> pending = new HashSet<>();

    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final Set<CacheKey> touched = new HashSet<>();
    private final Set<String> touchedTables = new HashSet<>();

    KeyResolver(DuckDBConnection connection, long cacheSize) {
        this.connection = connection;
        this.cacheSize = cacheSize;
        this.cache = Caffeine.newBuilder().maximumSize(cacheSize).build();
    }

    Long key(Dimension dim, List<?> naturalKey, List<?> attributes, Instant at) throws SQLException {
        if (naturalKey.size() != dim.naturalKey().size()) {
            throw new IllegalArgumentException(
                    dim.table() + " has natural key " + dim.naturalKey() + " but got " + naturalKey.size() + " values");
        }
        if (attributes.size() != dim.attributes().size()) {
            throw new IllegalArgumentException(
                    dim.table() + " has attributes " + dim.attributes() + " but got " + attributes.size() + " values");
        }
        for (Object part : naturalKey) {
            if (part == null) {
                return null;
            }
        }
        if (seen.add(dim.table())) {
            preload(dim);
        }
        CacheKey ck = new CacheKey(dim.table(), List.copyOf(naturalKey));
        Member member = cache.getIfPresent(ck);
        if (member == null && !(complete.contains(dim.table()) && cache.estimatedSize() < cacheSize / 2)) {
            member = load(dim, ck.naturalKey());
        }
        Object[] attrs = attributes.toArray();
        if (member == null) {
            member = insert(dim, ck, attrs, at);
            return member.key();
        }
        if (dim.isType2()) {
            int v = dim.attributes().indexOf(dim.versionedBy());
            Object incoming = attrs[v];
            if (incoming != null && !incoming.equals(member.attributes()[v])) {
                Long historic = versionInEffect(dim, ck.naturalKey(), incoming, at);
                if (historic != null) {
                    return historic;
                }
                if (at.isBefore(member.validFrom())) {
                    return member.key();
                }
                Instant from = at.equals(member.validFrom()) ? at.plus(1, ChronoUnit.MICROS) : at;
                flush(dim.table());
                PreparedStatement close = statement(
                        dim.table() + "#close",
                        "UPDATE " + dim.table() + " SET valid_to = ?, is_current = false WHERE " + dim.keyColumn()
                                + " = ?");
                close.setObject(1, utc(from));
                close.setLong(2, member.key());
                close.executeUpdate();
                Object[] merged = fillFrom(attrs, member.attributes());
                member = insertVersion(dim, ck, merged, from);
                return member.key();
            }
        }
        return fillUnknown(dim, ck, member, attrs).key();
    }

    /** The values of {@code incoming}, with nulls taken from {@code previous}. */
    private static Object[] fillFrom(Object[] incoming, Object[] previous) {
        Object[] merged = incoming.clone();
        for (int i = 0; i < merged.length; i++) {
            if (merged[i] == null) {
                merged[i] = previous[i];
            }
        }
        return merged;
    }

    private Member fillUnknown(Dimension dim, CacheKey ck, Member member, Object[] attrs) throws SQLException {
        Object[] current = member.attributes();
        Object[] updated = null;
        for (int i = 0; i < attrs.length; i++) {
            if (attrs[i] != null && current[i] == null) {
                if (updated == null) {
                    updated = current.clone();
                }
                updated[i] = attrs[i];
                String column = dim.attributes().get(i);
                flush(dim.table());
                PreparedStatement ps = statement(
                        dim.table() + "#fill#" + column,
                        "UPDATE " + dim.table() + " SET " + column + " = ? WHERE " + dim.keyColumn() + " = ?");
                ps.setObject(1, attrs[i]);
                ps.setLong(2, member.key());
                ps.executeUpdate();
            }
        }
        if (updated == null) {
            return member;
        }
        Member changed = new Member(member.key(), updated, member.validFrom());
        cache.put(ck, changed);
        touched.add(ck);
        return changed;
    }

    private Member load(Dimension dim, List<Object> naturalKey) throws SQLException {
        flush(dim.table());
        PreparedStatement ps = statement(
                dim.table() + "#load",
                "SELECT " + dim.keyColumn() + ", "
                        + String.join(
                                ", ", concat(dim.attributes(), List.of(dim.isType2() ? "valid_from" : "first_seen_at")))
                        + " FROM " + dim.table() + " WHERE " + where(dim.naturalKey())
                        + (dim.isType2() ? " AND is_current" : ""));
        bind(ps, naturalKey, 1);
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            Object[] attrs = new Object[dim.attributes().size()];
            for (int i = 0; i < attrs.length; i++) {
                attrs[i] = rs.getObject(i + 2);
            }
            Object from = rs.getObject(attrs.length + 2);
            Member m = new Member(rs.getLong(1), attrs, ((OffsetDateTime) from).toInstant());
            cache.put(new CacheKey(dim.table(), naturalKey), m);
            return m;
        }
    }

    private Long versionInEffect(Dimension dim, List<Object> naturalKey, Object versioned, Instant at)
            throws SQLException {
        flush(dim.table());
        PreparedStatement ps = statement(
                dim.table() + "#asof",
                "SELECT " + dim.keyColumn() + " FROM "
                        + dim.table() + " WHERE " + where(dim.naturalKey()) + " AND " + dim.versionedBy()
                        + " = ? AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)");
        int i = bind(ps, naturalKey, 1);
        ps.setObject(i++, versioned);
        ps.setObject(i++, utc(at));
        ps.setObject(i, utc(at));
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : null;
        }
    }

    private Member insert(Dimension dim, CacheKey ck, Object[] attrs, Instant at) throws SQLException {
        return dim.isType2()
                ? insertVersion(dim, ck, attrs, at)
                : insertRow(dim, ck, attrs, at, List.of("first_seen_at"));
    }

    private Member insertVersion(Dimension dim, CacheKey ck, Object[] attrs, Instant from) throws SQLException {
        return insertRow(dim, ck, attrs, from, List.of("valid_from", "valid_to", "is_current"));
    }

    private Member insertRow(Dimension dim, CacheKey ck, Object[] attrs, Instant at, List<String> tail)
            throws SQLException {
        List<String> columns =
                concat(concat(List.of(dim.keyColumn()), dim.naturalKey()), concat(dim.attributes(), tail));
        PreparedStatement ps = statement(
                dim.table() + "#insert",
                "INSERT INTO " + dim.table() + " (" + String.join(", ", columns) + ") VALUES ("
                        + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")");
        long key = allocate(dim);
        if (appendable(dim, columns)) {
            append(dim, key, ck.naturalKey(), attrs, at, tail.size() > 1);
        } else {
            ps.setLong(1, key);
            int i = bind(ps, ck.naturalKey(), 2);
            for (Object a : attrs) {
                ps.setObject(i++, a);
            }
            ps.setObject(i++, utc(at));
            if (tail.size() > 1) {
                ps.setObject(i++, null);
                ps.setBoolean(i, true);
            }
            ps.executeUpdate();
        }
        Member m = new Member(key, attrs, at);
        cache.put(ck, m);
        touched.add(ck);
        touchedTables.add(dim.table());
        return m;
    }

    private long allocate(Dimension dim) throws SQLException {
        Long next = nextKey.get(dim.table());
        if (next == null) {
            flush(dim.table());
            try (Statement st = connection.createStatement();
                    ResultSet rs =
                            st.executeQuery("SELECT coalesce(max(" + dim.keyColumn() + "), 0) FROM " + dim.table())) {
                rs.next();
                next = rs.getLong(1) + 1;
            }
        }
        nextKey.put(dim.table(), next + 1);
        return next;
    }

    /**
     * Loads a dimension whole into the cache when it is small enough (a quarter of the cache), so that a
     * miss afterwards means a new member and costs no query.
     */
    private void preload(Dimension dim) throws SQLException {
        flush(dim.table());
        long rows;
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT count(*) FROM " + dim.table() + (dim.isType2() ? " WHERE is_current" : ""))) {
            rs.next();
            rows = rs.getLong(1);
        }
        if (rows + cache.estimatedSize() > cacheSize / 4) {
            return;
        }
        List<String> columns = concat(
                concat(List.of(dim.keyColumn()), dim.naturalKey()),
                concat(dim.attributes(), List.of(dim.isType2() ? "valid_from" : "first_seen_at")));
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT " + String.join(", ", columns) + " FROM " + dim.table()
                        + (dim.isType2() ? " WHERE is_current" : ""))) {
            int n = dim.naturalKey().size();
            int a = dim.attributes().size();
            while (rs.next()) {
                List<Object> natural = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    natural.add(rs.getObject(2 + i));
                }
                Object[] attrs = new Object[a];
                for (int i = 0; i < a; i++) {
                    attrs[i] = rs.getObject(2 + n + i);
                }
                Instant from = rs.getObject(2 + n + a, OffsetDateTime.class).toInstant();
                cache.put(new CacheKey(dim.table(), natural), new Member(rs.getLong(1), attrs, from));
            }
        }
        complete.add(dim.table());
    }

    /** Whether new members of {@code dim} can go through an appender: plain column types only. */
    private boolean appendable(Dimension dim, List<String> columns) throws SQLException {
        Boolean known = appendable.get(dim.table());
        if (known != null) {
            return known;
        }
        boolean ok = true;
        try (PreparedStatement ps =
                connection.prepareStatement("SELECT column_name, data_type FROM information_schema.columns"
                        + " WHERE table_schema = 'main' AND table_name = ? ORDER BY ordinal_position")) {
            ps.setString(1, dim.table());
            List<String> tableColumns = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tableColumns.add(rs.getString(1));
                    String type = rs.getString(2);
                    ok &= type.equals("VARCHAR")
                            || type.equals("BIGINT")
                            || type.equals("BOOLEAN")
                            || type.equals("TIMESTAMP WITH TIME ZONE");
                }
            }
            // the appender fills every column in table order: the dimension must name them all, in order
            ok &= tableColumns.equals(columns);
        }
        appendable.put(dim.table(), ok);
        return ok;
    }

    private void append(Dimension dim, long key, List<Object> naturalKey, Object[] attrs, Instant at, boolean type2)
            throws SQLException {
        DuckDBAppender appender = appenders.get(dim.table());
        if (appender == null) {
            appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, dim.table());
            appenders.put(dim.table(), appender);
        }
        appender.beginRow();
        appender.append(key);
        for (Object v : naturalKey) {
            appendValue(appender, v);
        }
        for (Object v : attrs) {
            appendValue(appender, v);
        }
        appendValue(appender, at);
        if (type2) {
            appender.appendNull();
            appender.append(true);
        }
        appender.endRow();
        pending.add(dim.table());
    }

    private static void appendValue(DuckDBAppender appender, Object v) throws SQLException {
        if (v == null) {
            appender.appendNull();
        } else if (v instanceof String str) {
            appender.append(str);
        } else if (v instanceof Number number) {
            appender.append(number.longValue());
        } else if (v instanceof Boolean b) {
            appender.append(b.booleanValue());
        } else if (v instanceof Instant instant) {
            appender.appendEpochMicros(
                    Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000));
        } else if (v instanceof OffsetDateTime odt) {
            appendValue(appender, odt.toInstant());
        } else {
            appender.append(v.toString());
        }
    }

    /** Flushes appended members of {@code table} into the transaction, before other SQL touches it. */
    private void flush(String table) throws SQLException {
        if (pending.remove(table)) {
            appenders.get(table).flush();
        }
    }

    /** Flushes every appended member into the transaction; the writer calls it before it commits. */
    void flush() throws SQLException {
        for (String table : new ArrayList<>(pending)) {
            flush(table);
        }
    }

    /** The transaction committed: what it cached stays. */
    void commit() {
        touched.clear();
        touchedTables.clear();
    }

    /**
     * Closes the dimension appenders; the writer calls it inside a failed transaction, before rolling it
     * back, because closing an appender flushes what it buffered.
     */
    void closeAppenders() {
        for (DuckDBAppender a : appenders.values()) {
            try {
                a.close();
            } catch (Exception ignored) {
                // the transaction is being rolled back: what the appender held is void anyway
            }
        }
        appenders.clear();
        pending.clear();
    }

    /** The transaction rolled back: forget what it cached and the keys it allocated. */
    void rollback() {
        for (CacheKey ck : touched) {
            // the rolled-back transaction may have changed members that are stored: read those tables again
            complete.remove(ck.table());
            seen.remove(ck.table());
        }
        cache.invalidateAll(touched);
        touched.clear();
        for (String table : touchedTables) {
            nextKey.remove(table);
        }
        touchedTables.clear();
    }

    void close() {
        closeAppenders();
        for (PreparedStatement ps : statements.values()) {
            try {
                ps.close();
            } catch (SQLException ignored) {
                // closing: nothing to do with the failure
            }
        }
        statements.clear();
    }

    private PreparedStatement statement(String id, String sql) throws SQLException {
        PreparedStatement ps = statements.get(id);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            statements.put(id, ps);
        }
        return ps;
    }

    private static int bind(PreparedStatement ps, List<Object> values, int from) throws SQLException {
        int i = from;
        for (Object v : values) {
            ps.setObject(i++, v);
        }
        return i;
    }

    private static String where(List<String> columns) {
        List<String> parts = new ArrayList<>();
        for (String c : columns) {
            parts.add(c + " = ?");
        }
        return String.join(" AND ", parts);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> r = new ArrayList<>(a);
        r.addAll(b);
        return r;
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(Objects.requireNonNull(instant, "instant"), ZoneOffset.UTC);
    }

    @Override
    public String toString() {
        return "KeyResolver" + Arrays.toString(nextKey.entrySet().toArray());
    }
}
