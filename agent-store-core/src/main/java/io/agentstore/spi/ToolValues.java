package io.agentstore.spi;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns the records the facades return into the JSON-shaped values a {@link ToolResult}
 * carries (maps with snake_case keys, lists, strings, numbers, booleans, null), and renders them as short
 * readable text. Shared by the tools of every module.
 */
public final class ToolValues {
    private static final int TEXT_ROWS = 50;

    private ToolValues() {}

    /** A JSON-shaped copy of {@code value}: records become maps with snake_case keys, instants ISO-8601 text. */
    public static Object json(Object value) {
        if (value == null
                || value instanceof String
                || value instanceof Boolean
                || value instanceof Integer
                || value instanceof Long
                || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? null : d;
        }
        if (value instanceof Float f) {
            return f.isNaN() || f.isInfinite() ? null : f.doubleValue();
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT);
        }
        if (value instanceof Instant
                || value instanceof TemporalAccessor
                || value instanceof UUID
                || value instanceof Path
                || value instanceof java.time.YearMonth) {
            return value.toString();
        }
        if (value instanceof Optional<?> o) {
            return o.map(ToolValues::json).orElse(null);
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), json(v)));
            return out;
        }
        if (value instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            c.forEach(v -> out.add(json(v)));
            return out;
        }
        if (value instanceof Record r) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (RecordComponent rc : r.getClass().getRecordComponents()) {
                try {
                    out.put(snake(rc.getName()), json(rc.getAccessor().invoke(r)));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(
                            "cannot read " + rc.getName() + " of "
                                    + r.getClass().getName(),
                            e);
                }
            }
            return out;
        }
        return value.toString();
    }

    /** An ordered map from alternating keys and values, each value made JSON-shaped. */
    public static Map<String, Object> map(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must come in pairs, got " + keysAndValues.length);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], json(keysAndValues[i + 1]));
        }
        return out;
    }

    /** {@code camelCase} as {@code camel_case}. */
    public static String snake(String name) {
        StringBuilder b = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                b.append('_').append(Character.toLowerCase(c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * A readable rendering: a heading, then each top-level entry; lists print one line per item (at most 50),
     * maps as {@code key=value} pairs without nulls.
     */
    public static String text(String heading, Map<String, Object> structured) {
        StringBuilder b = new StringBuilder(heading).append('\n');
        structured.forEach((k, v) -> {
            if (v instanceof List<?> l) {
                b.append(k).append(" (").append(l.size()).append("):\n");
                int n = 0;
                for (Object item : l) {
                    if (n++ == TEXT_ROWS) {
                        b.append("  ... ").append(l.size() - TEXT_ROWS).append(" more\n");
                        break;
                    }
                    b.append("  - ").append(inline(item)).append('\n');
                }
            } else if (v != null) {
                b.append(k).append(": ").append(inline(v)).append('\n');
            }
        });
        return b.toString().stripTrailing();
    }

    private static String inline(Object v) {
        if (v instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder();
            m.forEach((k, x) -> {
                if (x != null
                        && !(x instanceof Map<?, ?> mm && mm.isEmpty())
                        && !(x instanceof List<?> ll && ll.isEmpty())) {
                    if (b.length() > 0) {
                        b.append(", ");
                    }
                    String s = inline(x);
                    b.append(k).append('=').append(s.length() > 200 ? s.substring(0, 200) + "..." : s);
                }
            });
            return b.toString();
        }
        if (v instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            l.forEach(x -> parts.add(inline(x)));
            return "[" + String.join("; ", parts) + "]";
        }
        return String.valueOf(v);
    }
}
