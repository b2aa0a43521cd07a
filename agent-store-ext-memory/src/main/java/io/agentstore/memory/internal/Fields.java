package io.agentstore.memory.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentstore.spi.AgentStoreException;
import io.agentstore.spi.Checks;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Field checks and JSON handling of the memory module's records, on top of {@link Checks} and {@link Json}:
 * each failure names the field and the value.
 */
public final class Fields {
    /** The latest instant a record may carry. */
    public static final Instant MAX_INSTANT = Checks.MAX_INSTANT;

    /** Jackson configured as the core's mapper reads JSON columns back: floats as BigDecimal. */
    public static final ObjectMapper MAPPER = Json.MAPPER;

    private Fields() {}

    /** Null or valid text: no NUL character, no unpaired surrogate. */
    public static String text(String field, String value) {
        return Checks.text(field, value);
    }

    /** A required string: not null, not blank, valid text. */
    public static String required(String field, String value) {
        return Checks.required(field, value);
    }

    /** An optional string: null, or not blank and valid text. */
    public static String optional(String field, String value) {
        return Checks.optional(field, value);
    }

    /** A required non-null value. */
    public static <T> T present(String field, T value) {
        if (value == null) {
            throw new InvalidRecordException(field, null, "is required");
        }
        return value;
    }

    /** Null or a count >= 0. */
    public static Long nonNegative(String field, Long value) {
        return Checks.nonNegative(field, value);
    }

    /** Null or an instant within years 1..9999, truncated to microseconds (what DuckDB keeps). */
    public static Instant instant(String field, Instant value) {
        return Checks.instant(field, value);
    }

    /** An unmodifiable copy of a list of valid, non-null, non-blank strings (empty for null). */
    public static List<String> texts(String field, List<String> values) {
        if (values == null) {
            return List.of();
        }
        for (int i = 0; i < values.size(); i++) {
            required(field + "[" + i + "]", values.get(i));
        }
        return List.copyOf(values);
    }

    /**
     * An unmodifiable deep copy of a JSON object holding exactly what a JSON round trip gives back (so a record
     * equals itself after it was stored and read); empty for null.
     *
     * @throws InvalidRecordException naming {@code field} when it is not JSON or holds invalid text
     */
    public static Map<String, Object> jsonObject(String field, Map<String, ?> value) {
        if (value == null || value.isEmpty()) {
            return Map.of();
        }
        String text;
        try {
            text = MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidRecordException(field, value, "must hold only JSON values: " + e.getMessage());
        }
        return freeze(field, parseObject(field, text));
    }

    /** Parses a JSON object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String field, String text) {
        Object parsed;
        try {
            parsed = MAPPER.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new InvalidRecordException(
                    field,
                    text.length() > 80 ? text.substring(0, 79) + "…" : text,
                    "is not valid JSON: " + e.getOriginalMessage());
        }
        if (!(parsed instanceof Map)) {
            throw new InvalidRecordException(
                    field, text.length() > 80 ? text.substring(0, 79) + "…" : text, "must be a JSON object");
        }
        return (Map<String, Object>) parsed;
    }

    /** The compact JSON text of a value. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new AgentStoreException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** UTF-8 bytes of the compact JSON text of {@code value}. */
    public static long jsonBytes(Object value) {
        return write(value).getBytes(StandardCharsets.UTF_8).length;
    }

    /** SHA-256 of the compact JSON text of {@code value}, hex. */
    public static String jsonHash(Object value) {
        return hash(write(value));
    }

    /** SHA-256 of a text's UTF-8 bytes, hex. */
    public static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T freeze(String field, T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(text(field, (String) k), freeze(field + "." + k, v)));
            return (T) Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(freeze(field, v)));
            return (T) Collections.unmodifiableList(copy);
        }
        if (value instanceof String s) {
            text(field, s);
        }
        return value;
    }
}
