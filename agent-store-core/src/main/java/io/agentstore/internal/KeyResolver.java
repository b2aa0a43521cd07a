package io.agentstore.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.agentstore.spi.Dimension;
import java.sql.Connection;
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

/**
 * Resolves natural keys to surrogate keys for the writer thread, through a Caffeine cache in front of the
 * dimension tables. New members (and new type 2 versions) are inserted in the writer's current
 * transaction; {@link #rollback()} forgets what that transaction changed. Not thread-safe: writer only.
 */
final class KeyResolver {
    private record CacheKey(String table, List<Object> naturalKey) {
    }

    /** A cached dimension member: the current version for type 2. */
    private record Member(long key, Object[] attributes, Instant validFrom) {
    }

    private final Connection connection;
    private final Cache<CacheKey, Member> cache;
    private final Map<String, Long> nextKey = new HashMap<>();
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final Set<CacheKey> touched = new HashSet<>();
    private final Set<String> touchedTables = new HashSet<>();

    KeyResolver(Connection connection, long cacheSize) {
        this.connection = connection;
        this.cache = Caffeine.newBuilder().maximumSize(cacheSize).build();
    }

    Long key(Dimension dim, List<?> naturalKey, List<?> attributes, Instant at) throws SQLException {
        if (naturalKey.size() != dim.naturalKey().size()) {
            throw new IllegalArgumentException(dim.table() + " has natural key " + dim.naturalKey()
                    + " but got " + naturalKey.size() + " values");
        }
        if (attributes.size() != dim.attributes().size()) {
            throw new IllegalArgumentException(dim.table() + " has attributes " + dim.attributes()
                    + " but got " + attributes.size() + " values");
        }
        for (Object part : naturalKey) {
            if (part == null) {
                return null;
            }
        }
        CacheKey ck = new CacheKey(dim.table(), List.copyOf(naturalKey));
        Member member = cache.getIfPresent(ck);
        if (member == null) {
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
                PreparedStatement close = statement(dim.table() + "#close", "UPDATE " + dim.table()
                        + " SET valid_to = ?, is_current = false WHERE " + dim.keyColumn() + " = ?");
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
                PreparedStatement ps = statement(dim.table() + "#fill#" + column, "UPDATE " + dim.table()
                        + " SET " + column + " = ? WHERE " + dim.keyColumn() + " = ?");
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
        PreparedStatement ps = statement(dim.table() + "#load", "SELECT " + dim.keyColumn() + ", "
                + String.join(", ", concat(dim.attributes(), List.of(dim.isType2() ? "valid_from" : "first_seen_at")))
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
        PreparedStatement ps = statement(dim.table() + "#asof", "SELECT " + dim.keyColumn() + " FROM "
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
        return dim.isType2() ? insertVersion(dim, ck, attrs, at) : insertRow(dim, ck, attrs, at, List.of("first_seen_at"));
    }

    private Member insertVersion(Dimension dim, CacheKey ck, Object[] attrs, Instant from) throws SQLException {
        return insertRow(dim, ck, attrs, from, List.of("valid_from", "valid_to", "is_current"));
    }

    private Member insertRow(Dimension dim, CacheKey ck, Object[] attrs, Instant at, List<String> tail)
            throws SQLException {
        List<String> columns = concat(concat(List.of(dim.keyColumn()), dim.naturalKey()), concat(dim.attributes(), tail));
        PreparedStatement ps = statement(dim.table() + "#insert", "INSERT INTO " + dim.table() + " ("
                + String.join(", ", columns) + ") VALUES (" + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")");
        long key = allocate(dim);
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
        Member m = new Member(key, attrs, at);
        cache.put(ck, m);
        touched.add(ck);
        touchedTables.add(dim.table());
        return m;
    }

    private long allocate(Dimension dim) throws SQLException {
        Long next = nextKey.get(dim.table());
        if (next == null) {
            try (Statement st = connection.createStatement();
                 ResultSet rs = st.executeQuery("SELECT coalesce(max(" + dim.keyColumn() + "), 0) FROM " + dim.table())) {
                rs.next();
                next = rs.getLong(1) + 1;
            }
        }
        nextKey.put(dim.table(), next + 1);
        return next;
    }

    /** The transaction committed: what it cached stays. */
    void commit() {
        touched.clear();
        touchedTables.clear();
    }

    /** The transaction rolled back: forget what it cached and the keys it allocated. */
    void rollback() {
        cache.invalidateAll(touched);
        touched.clear();
        for (String table : touchedTables) {
            nextKey.remove(table);
        }
        touchedTables.clear();
    }

    void close() {
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
