package io.agentstore.spi;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

/**
 * The one set of checks of the library and its modules, each failure naming the field (or argument) and the
 * value: record fields throw {@link InvalidRecordException}, method arguments {@link IllegalArgumentException}.
 */
public final class Checks {
    /** The earliest instant a record may carry: 0001-01-01T00:00:00Z. */
    public static final Instant MIN_INSTANT = Instant.parse("0001-01-01T00:00:00Z");
    /** The latest instant a record may carry: 9999-12-31T23:59:59.999999Z. */
    public static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59.999999Z");

    /**
     * The largest token count a record may carry: 10^15, far above any model call, and low enough that the
     * views' sums of five token columns and their products with prices cannot overflow.
     */
    public static final long MAX_TOKENS = 1_000_000_000_000_000L;

    private Checks() {}

    /** A string that is null or valid text (no NUL character, no unpaired UTF-16 surrogate). */
    public static String text(String field, String value) {
        if (value == null) {
            return null;
        }
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            if (c == 0) {
                throw new InvalidRecordException(
                        field, value, "must not contain the NUL character (at index " + i + ")");
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw new InvalidRecordException(
                        field, value, "must be valid UTF-16 (unpaired surrogate at index " + i + ")");
            }
            if (Character.isLowSurrogate(c)) {
                throw new InvalidRecordException(
                        field, value, "must be valid UTF-16 (unpaired surrogate at index " + i + ")");
            }
        }
        return value;
    }

    /** A required string: not null, not blank, valid text. */
    public static String required(String field, String value) {
        if (value == null) {
            throw new InvalidRecordException(field, null, "is required");
        }
        if (value.isBlank()) {
            throw new InvalidRecordException(field, value, "must not be blank");
        }
        return text(field, value);
    }

    /** An optional string: null, or not blank and valid text. */
    public static String optional(String field, String value) {
        if (value != null && value.isBlank()) {
            throw new InvalidRecordException(field, value, "must not be blank (use null for unknown)");
        }
        return text(field, value);
    }

    /** A string that is one of {@code allowed}. */
    public static String oneOf(String field, String value, Set<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            throw new InvalidRecordException(field, value, "must be one of " + new java.util.TreeSet<>(allowed));
        }
        return value;
    }

    /** A count or size: null or >= 0. */
    public static Long nonNegative(String field, Long value) {
        if (value != null && value < 0) {
            throw new InvalidRecordException(field, value, "must be >= 0");
        }
        return value;
    }

    /** A required count: >= 0. */
    public static long nonNegative(String field, long value) {
        if (value < 0) {
            throw new InvalidRecordException(field, value, "must be >= 0");
        }
        return value;
    }

    /** A token count: null, or between 0 and {@link #MAX_TOKENS}. */
    public static Long tokens(String field, Long value) {
        if (value != null) {
            tokens(field, value.longValue());
        }
        return value;
    }

    /** A required token count: between 0 and {@link #MAX_TOKENS}. */
    public static long tokens(String field, long value) {
        nonNegative(field, value);
        if (value > MAX_TOKENS) {
            throw new InvalidRecordException(
                    field,
                    value,
                    "must be at most 10^15: larger token counts would"
                            + " overflow the sums and costs the views compute");
        }
        return value;
    }

    /** A fraction: null or within [0, 1]. */
    public static Double fraction(String field, Double value) {
        if (value != null && !(value >= 0.0 && value <= 1.0)) {
            throw new InvalidRecordException(field, value, "must be between 0 and 1");
        }
        return value;
    }

    /** Money in USD: null, or >= 0 with at most 6 decimal places and at most 12 integer digits. */
    public static BigDecimal usd(String field, BigDecimal value) {
        if (value == null) {
            return null;
        }
        if (value.signum() < 0) {
            throw new InvalidRecordException(field, value, "must be >= 0");
        }
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() > 6) {
            throw new InvalidRecordException(field, value, "must have at most 6 decimal places");
        }
        if (stripped.precision() - stripped.scale() > 12) {
            throw new InvalidRecordException(field, value, "must be below 10^12");
        }
        return value.setScale(6);
    }

    /**
     * An instant within years 1..9999, truncated to microseconds (what DuckDB keeps), or null.
     */
    public static Instant instant(String field, Instant value) {
        if (value == null) {
            return null;
        }
        if (value.isBefore(MIN_INSTANT) || value.isAfter(MAX_INSTANT)) {
            throw new InvalidRecordException(field, value, "must be between year 1 and year 9999");
        }
        return value.truncatedTo(ChronoUnit.MICROS);
    }

    /** An unmodifiable copy of a list of valid, non-null strings. */
    public static List<String> texts(String field, List<String> values) {
        if (values == null) {
            return List.of();
        }
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            if (v == null) {
                throw new InvalidRecordException(field + "[" + i + "]", null, "must not be null");
            }
            text(field + "[" + i + "]", v);
        }
        return List.copyOf(values);
    }

    /** A required record (or list of records) passed to a record method: not null. */
    public static <T> T present(String field, T value) {
        if (value == null) {
            throw new InvalidRecordException(field, null, "is required");
        }
        return value;
    }

    /** A required text argument of a method: not null, not blank; else {@link IllegalArgumentException}. */
    public static String argument(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(
                    name + " must not be empty, was " + (value == null ? "null" : "'" + value + "'"));
        }
        return value;
    }

    /** A row limit argument of a query method: at least 1; else {@link IllegalArgumentException}. */
    public static int limit(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, was " + value);
        }
        return value;
    }
}
