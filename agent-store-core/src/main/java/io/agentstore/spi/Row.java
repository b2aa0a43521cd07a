package io.agentstore.spi;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One row of a {@link QueryResult}. Values are plain Java: {@code TIMESTAMPTZ} as {@link Instant},
 * {@code TIMESTAMP} as {@link java.time.LocalDateTime}, {@code DATE} as {@link java.time.LocalDate},
 * {@code JSON} as its text, {@code UUID} as {@link UUID}, {@code DECIMAL} as {@link BigDecimal}, integers as
 * {@link Long} or {@link Integer}, lists as unmodifiable {@link List}s, structs and maps as unmodifiable
 * {@link Map}s, {@code BLOB} as {@code byte[]}, SQL {@code NULL} as {@code null}.
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

    /**
     * The column as a Long, or null.
     *
     * @throws IllegalArgumentException when the column does not hold a number
     */
    public Long int64(String name) {
        Object v = get(name);
        return v == null ? null : as(name, v, Number.class, "a number").longValue();
    }

    /**
     * The column as a Double, or null.
     *
     * @throws IllegalArgumentException when the column does not hold a number
     */
    public Double float64(String name) {
        Object v = get(name);
        return v == null ? null : as(name, v, Number.class, "a number").doubleValue();
    }

    /**
     * The column as a Boolean, or null.
     *
     * @throws IllegalArgumentException when the column does not hold a boolean
     */
    public Boolean bool(String name) {
        Object v = get(name);
        return v == null ? null : as(name, v, Boolean.class, "a boolean");
    }

    /**
     * The column as a BigDecimal, or null.
     *
     * @throws IllegalArgumentException when the column does not hold a number
     */
    public BigDecimal decimal(String name) {
        Object v = get(name);
        if (v == null || v instanceof BigDecimal) {
            return (BigDecimal) v;
        }
        try {
            return new BigDecimal(as(name, v, Number.class, "a number").toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("column '" + name + "' is not a finite number: " + describe(v), e);
        }
    }

    /**
     * The column as an Instant, or null.
     *
     * @throws IllegalArgumentException when the column is not a {@code TIMESTAMPTZ}
     */
    public Instant instant(String name) {
        Object v = get(name);
        return v == null ? null : as(name, v, Instant.class, "a TIMESTAMPTZ (Instant)");
    }

    /**
     * The column as a UUID, or null.
     *
     * @throws IllegalArgumentException when the column holds neither a UUID nor a UUID's text
     */
    public UUID uuid(String name) {
        Object v = get(name);
        if (v == null || v instanceof UUID) {
            return (UUID) v;
        }
        try {
            return UUID.fromString(v.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("column '" + name + "' is not a UUID: " + describe(v), e);
        }
    }

    private static <T> T as(String name, Object v, Class<T> type, String what) {
        if (!type.isInstance(v)) {
            throw new IllegalArgumentException("column '" + name + "' is not " + what + ": " + describe(v));
        }
        return type.cast(v);
    }

    private static String describe(Object v) {
        String text = String.valueOf(v);
        return "'" + (text.length() > 80 ? text.substring(0, 79) + "…" : text) + "' ("
                + v.getClass().getSimpleName() + ")";
    }

    /** A JSON column parsed into maps, lists, strings, numbers and booleans; null for SQL NULL. */
    public Object json(String name) {
        String text = string(name);
        return text == null ? null : Json.parse(text);
    }

    /**
     * A JSON object column as a map; empty for SQL NULL.
     *
     * @throws IllegalArgumentException when the column holds JSON that is not an object
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> jsonObject(String name) {
        Object parsed = json(name);
        if (parsed != null && !(parsed instanceof Map)) {
            throw new IllegalArgumentException("column '" + name + "' is not a JSON object: " + describe(get(name)));
        }
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
