package io.agentstore.spi;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The arguments of one tool call, as the client sent them (JSON values), with typed getters that throw a
 * {@link ToolArgumentException} naming the argument when it is missing or of the wrong type.
 */
public final class ToolArguments {
    private final Map<String, Object> values;

    private ToolArguments(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The arguments of a call; {@code null} means none. */
    public static ToolArguments of(Map<String, ?> values) {
        return new ToolArguments(values == null ? Map.of() : new LinkedHashMap<>(values));
    }

    /** Every argument, unchanged. */
    public Map<String, Object> asMap() {
        return values;
    }

    /** Whether the argument was given (and is not JSON null). */
    public boolean has(String name) {
        return values.get(name) != null;
    }

    /** A required string argument, not blank. */
    public String string(String name) {
        return optionalString(name).orElseThrow(() -> new ToolArgumentException(name, name + " is required"));
    }

    /** An optional string argument; blank counts as absent. */
    public Optional<String> optionalString(String name) {
        Object v = values.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof String s)) {
            throw new ToolArgumentException(name, name + " must be a string, was " + v);
        }
        return s.isBlank() ? Optional.empty() : Optional.of(s);
    }

    /** An optional integer argument within {@code [min, max]}, or {@code fallback} when absent. */
    public long integer(String name, long fallback, long min, long max) {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        long n;
        if (v instanceof Number num && num.doubleValue() == Math.rint(num.doubleValue())) {
            n = num.longValue();
        } else if (v instanceof String s && s.trim().matches("-?\\d{1,18}")) {
            n = Long.parseLong(s.trim());
        } else {
            throw new ToolArgumentException(name, name + " must be a whole number, was " + v);
        }
        if (n < min || n > max) {
            throw new ToolArgumentException(name, name + " must be between " + min + " and " + max + ", was " + n);
        }
        return n;
    }

    /** An optional number argument, or {@code fallback} when absent. */
    public double number(String name, double fallback) {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number num) {
            return num.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw new ToolArgumentException(name, name + " must be a number, was " + v);
        }
    }

    /** An optional boolean argument, or {@code fallback} when absent. */
    public boolean bool(String name, boolean fallback) {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if ("true".equals(v) || "false".equals(v)) {
            return Boolean.parseBoolean((String) v);
        }
        throw new ToolArgumentException(name, name + " must be true or false, was " + v);
    }

    /**
     * An optional instant: ISO-8601 with offset ({@code 2026-11-30T10:00:00Z}) or a date
     * ({@code 2026-11-30}, the start of that day in UTC).
     */
    public Optional<Instant> instant(String name) {
        Optional<String> s = optionalString(name);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        String t = s.get().trim();
        try {
            return Optional.of(OffsetDateTime.parse(t).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(
                        LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant());
            } catch (DateTimeParseException e2) {
                throw new ToolArgumentException(name, name + " must be an ISO-8601 instant or date, was '" + t + "'");
            }
        }
    }

    /** An optional list argument (JSON array), empty when absent. */
    public List<Object> list(String name) {
        Object v = values.get(name);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw new ToolArgumentException(name, name + " must be an array, was " + v);
        }
        return Collections.unmodifiableList(new java.util.ArrayList<>(l));
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
