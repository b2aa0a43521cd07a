package io.agentstore.otlp.internal;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** OTLP attribute values as plain Java values (String, Boolean, Long, Double, List, Map), and typed reads. */
public final class Attributes {
    private Attributes() {}

    /** The attributes as an insertion-ordered map; a later key wins over an earlier one. */
    public static Map<String, Object> of(List<KeyValue> attributes) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (KeyValue kv : attributes) {
            Object v = value(kv.getValue());
            if (v != null) {
                out.put(kv.getKey(), v);
            }
        }
        return out;
    }

    /** One value, or null when it is empty. */
    public static Object value(AnyValue v) {
        switch (v.getValueCase()) {
            case STRING_VALUE:
                return v.getStringValue();
            case BOOL_VALUE:
                return v.getBoolValue();
            case INT_VALUE:
                return v.getIntValue();
            case DOUBLE_VALUE:
                double d = v.getDoubleValue();
                return Double.isFinite(d) ? d : String.valueOf(d);
            case BYTES_VALUE:
                return Base64.getEncoder().encodeToString(v.getBytesValue().toByteArray());
            case ARRAY_VALUE: {
                List<Object> list = new ArrayList<>();
                for (AnyValue e : v.getArrayValue().getValuesList()) {
                    Object o = value(e);
                    list.add(o);
                }
                return list;
            }
            case KVLIST_VALUE:
                return of(v.getKvlistValue().getValuesList());
            default:
                return null;
        }
    }

    /** The value as text (numbers and booleans as written), or null when absent or blank. */
    public static String text(Map<String, Object> a, String key) {
        Object v = a.get(key);
        if (v == null) {
            return null;
        }
        String s = v instanceof String str ? str : String.valueOf(v);
        return s.isBlank() ? null : s;
    }

    /** The text of the first of {@code keys} that has a value, or null when none has. */
    public static String first(Map<String, Object> a, String... keys) {
        for (String k : keys) {
            String v = text(a, k);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** The value as a whole number (Claude Code sends numbers as text), or null when absent or not one. */
    public static Long whole(Map<String, Object> a, String key) {
        Object v = a.get(key);
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 9.0e15 ? d.longValue() : null;
        }
        if (v instanceof String s && !s.isBlank()) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                try {
                    BigDecimal b = new BigDecimal(s.trim());
                    return b.stripTrailingZeros().scale() <= 0 ? b.longValueExact() : null;
                } catch (NumberFormatException | ArithmeticException e2) {
                    return null;
                }
            }
        }
        return null;
    }

    /** The value as a decimal, or null when absent or not a number. */
    public static BigDecimal decimal(Map<String, Object> a, String key) {
        Object v = a.get(key);
        try {
            if (v instanceof Long l) {
                return BigDecimal.valueOf(l);
            }
            if (v instanceof Double d) {
                return BigDecimal.valueOf(d);
            }
            if (v instanceof String s && !s.isBlank()) {
                return new BigDecimal(s.trim());
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }

    /** The value as a boolean ({@code true}/{@code false} as text too), or null. */
    public static Boolean bool(Map<String, Object> a, String key) {
        Object v = a.get(key);
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s) {
            if (s.equalsIgnoreCase("true")) {
                return true;
            }
            if (s.equalsIgnoreCase("false")) {
                return false;
            }
        }
        return null;
    }
}
