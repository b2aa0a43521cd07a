package io.agentstore.spi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one Jackson mapper of the library, and the normalisation of JSON attribute values. */
public final class Json {
    /** Shared, thread-safe mapper. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .findAndAddModules()
            .build();

    /**
     * How deep attributes may nest: Jackson refuses to write or read JSON nested deeper than 1,000 levels,
     * and a record that could be stored but not read back must be refused up front.
     */
    public static final int MAX_DEPTH = 500;

    private Json() {}

    /** JSON text of {@code value}. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new AgentStoreException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses JSON text into maps, lists, strings, numbers (Integer, Long, BigInteger, BigDecimal), booleans. */
    public static Object parse(String text) {
        try {
            return MAPPER.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new AgentStoreException("cannot parse JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * An unmodifiable deep copy of {@code attributes} holding exactly what a JSON round trip gives back, so
     * that a record equals itself after it was stored and read. Floating point numbers become BigDecimal,
     * small integers Integer, larger ones Long or BigInteger.
     *
     * @throws InvalidRecordException naming {@code field} when a key is not a string or a value is not
     *                                JSON (a map, list, string, number, boolean or null)
     */
    public static Map<String, Object> normalizeObject(String field, Map<String, ?> attributes) {
        if (attributes == null || attributes.isEmpty()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> normal = (Map<String, Object>) normalize(field, attributes, 1);
        return normal;
    }

    private static Object normalize(String field, Object value, int depth) {
        if (depth > MAX_DEPTH && (value instanceof Map<?, ?> || value instanceof Collection<?>)) {
            throw new InvalidRecordException(
                    field,
                    "(a map or list " + depth + " levels deep)",
                    "must not nest deeper than " + MAX_DEPTH + " levels");
        }
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer) {
            if (value instanceof String s) {
                Checks.text(field, s);
            }
            return value;
        }
        if (value instanceof Long l) {
            return l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? (Object) l.intValue() : l;
        }
        if (value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        if (value instanceof BigInteger b) {
            return b.bitLength() < 32 ? (Object) b.intValue() : b.bitLength() < 64 ? (Object) b.longValue() : b;
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new InvalidRecordException(field, value, "must hold only finite numbers");
            }
            return new BigDecimal(Double.toString(d));
        }
        if (value instanceof BigDecimal b) {
            // JSON writes a BigDecimal of scale 0 without a decimal point: it comes back as an integer
            return b.scale() == 0 ? normalize(field, b.toBigIntegerExact(), depth) : b;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new InvalidRecordException(field, e.getKey(), "must have string keys");
                }
                Checks.text(field, key);
                copy.put(key, normalize(field + "." + key, e.getValue(), depth + 1));
            }
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof Collection<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object o : list) {
                copy.add(normalize(field, o, depth + 1));
            }
            return Collections.unmodifiableList(copy);
        }
        throw new InvalidRecordException(
                field,
                value,
                "must hold only JSON values (map, list, string, number, boolean, null), not "
                        + value.getClass().getName());
    }
}
