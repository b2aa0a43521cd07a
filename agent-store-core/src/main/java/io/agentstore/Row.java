package io.agentstore;

import io.agentstore.internal.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One row of a {@link QueryResult}. Values are plain Java: {@code TIMESTAMPTZ} as {@link Instant},
 * {@code JSON} as its text, {@code UUID} as {@link UUID}, {@code DECIMAL} as {@link BigDecimal}, integers as
 * {@link Long} or {@link Integer}, SQL {@code NULL} as {@code null}.
 */
public final class Row {
    private final List<String> columns;
    private final Map<String, Integer> index;
    private final Object[] values;

    Row(List<String> columns, Map<String, Integer> index, Object[] values) {
        this.columns = columns;
        this.index = index;
        this.values = values;
    }

    /** The column names, in order. */
    public List<String> columns() {
        return columns;
    }

    /** The values, in column order (may contain nulls). */
    public List<Object> values() {
        return Collections.unmodifiableList(java.util.Arrays.asList(values));
    }

    /** The value at {@code position} (0-based). */
    public Object get(int position) {
        Objects.checkIndex(position, values.length);
        return values[position];
    }

    /**
     * The value of column {@code name}.
     *
     * @throws IllegalArgumentException when the result has no such column
     */
    public Object get(String name) {
        Integer i = index.get(name);
        if (i == null) {
            throw new IllegalArgumentException("no column '" + name + "' in " + columns);
        }
        return values[i];
    }

    /** The column as a string ({@code toString()} of the value), or null. */
    public String string(String name) {
        Object v = get(name);
        return v == null ? null : v.toString();
    }

    /** The column as a Long, or null. */
    public Long int64(String name) {
        Object v = get(name);
        return v == null ? null : ((Number) v).longValue();
    }

    /** The column as a Double, or null. */
    public Double float64(String name) {
        Object v = get(name);
        return v == null ? null : ((Number) v).doubleValue();
    }

    /** The column as a Boolean, or null. */
    public Boolean bool(String name) {
        return (Boolean) get(name);
    }

    /** The column as a BigDecimal, or null. */
    public BigDecimal decimal(String name) {
        Object v = get(name);
        if (v == null || v instanceof BigDecimal) {
            return (BigDecimal) v;
        }
        return new BigDecimal(v.toString());
    }

    /** The column as an Instant, or null. */
    public Instant instant(String name) {
        return (Instant) get(name);
    }

    /** The column as a UUID, or null. */
    public UUID uuid(String name) {
        Object v = get(name);
        return v == null || v instanceof UUID ? (UUID) v : UUID.fromString(v.toString());
    }

    /** A JSON column parsed into maps, lists, strings, numbers and booleans; null for SQL NULL. */
    public Object json(String name) {
        String text = string(name);
        return text == null ? null : Json.parse(text);
    }

    /** A JSON object column as a map; empty for SQL NULL. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> jsonObject(String name) {
        Object parsed = json(name);
        return parsed == null ? Map.of() : (Map<String, Object>) parsed;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : ", ").append(columns.get(i)).append('=').append(values[i]);
        }
        return b.append('}').toString();
    }
}
