package io.agentstore.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Canonical answers to the {@link Query reference queries}: per query a list of rows of String, Long and
 * Double values, in a fixed order (sorted by the leading text columns for aggregates, newest first for the
 * file look-ups). Counts and token sums must be equal; doubles (costs, means, rates) equal within a relative
 * 1e-9, since one contender sums DECIMALs and another doubles.
 */
public final class Answers {
    private final Map<Query, List<List<Object>>> rows = new EnumMap<>(Query.class);

    /** Sets the rows of {@code q}, sorting aggregates by their text columns. */
    public Answers put(Query q, List<List<Object>> result) {
        List<List<Object>> copy = new ArrayList<>();
        for (List<Object> r : result) {
            copy.add(List.copyOf(r));
        }
        if (q.aggregate()) {
            copy.sort(Answers::compareRows);
        }
        rows.put(q, List.copyOf(copy));
        return this;
    }

    /** The rows of {@code q}, or null when not answered. */
    public List<List<Object>> get(Query q) {
        return rows.get(q);
    }

    /** The number of rows of every answered query, for the report. */
    public Map<Query, Integer> sizes() {
        Map<Query, Integer> m = new EnumMap<>(Query.class);
        rows.forEach((q, r) -> m.put(q, r.size()));
        return m;
    }

    private static int compareRows(List<Object> a, List<Object> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            if (x instanceof String sx && y instanceof String sy) {
                int c = sx.compareTo(sy);
                if (c != 0) {
                    return c;
                }
            } else {
                break;
            }
        }
        return 0;
    }

    /**
     * The differences between these answers and {@code other}'s, one line each (empty when they match). Only
     * queries answered by both are compared.
     */
    public List<String> differences(Answers other, String otherName) {
        List<String> out = new ArrayList<>();
        for (Query q : Query.values()) {
            List<List<Object>> a = rows.get(q);
            List<List<Object>> b = other.rows.get(q);
            if (a == null || b == null) {
                continue;
            }
            if (a.size() != b.size()) {
                out.add(q + ": " + a.size() + " rows vs " + b.size() + " rows from " + otherName);
                continue;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!sameRow(a.get(i), b.get(i))) {
                    out.add(q + " row " + i + ": " + a.get(i) + " vs " + b.get(i) + " from " + otherName);
                    break;
                }
            }
        }
        return out;
    }

    private static boolean sameRow(List<Object> a, List<Object> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            if (x instanceof Double dx && y instanceof Double dy) {
                if (Math.abs(dx - dy) > 1e-9 * Math.max(1.0, Math.max(Math.abs(dx), Math.abs(dy)))) {
                    return false;
                }
            } else if (!Objects.equals(x, y)) {
                return false;
            }
        }
        return true;
    }

    /** Rows sorted by a key, for callers that aggregate into maps. */
    static <K> List<List<Object>> sorted(Map<K, List<Object>> byKey, Comparator<K> order) {
        return byKey.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(order))
                .map(Map.Entry::getValue)
                .toList();
    }

    @Override
    public String toString() {
        return rows.toString();
    }
}
