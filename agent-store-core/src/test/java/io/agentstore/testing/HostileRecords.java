package io.agentstore.testing;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Records of any record type built through their canonical constructor from seeded, mostly hostile field
 * values: every component is, at random, an ordinary value, an edge value that is still valid (control
 * characters, emoji, 100 KB text, {@code Long.MAX_VALUE}, year 1 and year 9999, nested JSON) or a bad one
 * (null where required, empty or blank text, NUL, unpaired surrogates, negative and overflowing numbers, NaN,
 * instants outside years 1..9999, JSON that is not JSON, nesting deeper than any parser takes). Nested record
 * components (an agent, a task) are built the same way. The caller decides what a record that was built must
 * do; a bad value must make the constructor throw {@code InvalidRecordException}.
 */
public final class HostileRecords {
    /** Every character below U+0020 except NUL, DEL, the C1 controls and other characters that break naive code. */
    public static final String CONTROL_CHARACTERS;

    static {
        StringBuilder b = new StringBuilder();
        for (char c = 1; c < 0x20; c++) {
            b.append(c);
        }
        for (char c = 0x7F; c <= 0x9F; c++) {
            b.append(c);
        }
        b.append("\u00AD\u200B\u200E\u200F\u2028\u2029\u202E\u2066\uFEFF\uFFF9\uFFFC\uFFFD\uFFFE\uFFFF");
        CONTROL_CHARACTERS = b.toString();
    }

    private static final java.util.Set<String> NATURAL_KEYS =
            java.util.Set.of("name", "id", "sessionId", "toolName", "model", "targetPath", "filePath");
    private static final String[] ENUM_FIELDS = {"severity", "modificationType", "outcome"};
    private static final Map<String, String[]> ALLOWED = Map.of(
            "severity", new String[] {"debug", "info", "warning", "error", "critical"},
            "modificationType", new String[] {"create", "edit", "delete", "rename"},
            "outcome", new String[] {"success", "failure", "unknown"});
    private static final String[] SQL = {
        "'",
        "''",
        "\"",
        ";",
        "--",
        "/*",
        "*/",
        "\\",
        "%",
        "_",
        "$1",
        "?",
        "?::",
        "'; DROP TABLE fact_tool_call; --",
        "\" OR 1=1 --",
        "/* comment */",
        "E'\\x00'",
        "${jndi:x}"
    };

    private final Random random;
    private final double hostile;

    /** Values from {@code seed}; each component is bad with probability {@code hostile}. */
    public HostileRecords(long seed, double hostile) {
        this.random = new Random(seed);
        this.hostile = hostile;
    }

    /**
     * A record of {@code type} (null components of record type included), or the exception its canonical
     * constructor threw (as it is, not wrapped).
     */
    public <R extends Record> R build(Class<R> type) throws Throwable {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types =
                Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            args[i] = value(components[i].getName(), components[i].getType(), components[i].getGenericType());
        }
        Constructor<R> constructor = type.getDeclaredConstructor(types);
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private boolean bad() {
        return random.nextDouble() < hostile;
    }

    private Object value(String name, Class<?> type, Type generic) throws Throwable {
        if (type == String.class) {
            return string(name);
        }
        if (type == long.class || type == Long.class) {
            return number(type == Long.class);
        }
        if (type == int.class) {
            return bad()
                    ? -1 - random.nextInt(Integer.MAX_VALUE)
                    : random.nextBoolean() ? Integer.MAX_VALUE : random.nextInt(1000);
        }
        if (type == boolean.class) {
            return random.nextBoolean();
        }
        if (type == double.class || type == Double.class) {
            if (bad()) {
                double[] bad = {
                    Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -1e-9, 1.0000001, -0.5, 1e308
                };
                return bad[random.nextInt(bad.length)];
            }
            return type == Double.class && random.nextInt(4) == 0
                    ? null
                    : random.nextInt(5) == 0 ? (random.nextBoolean() ? 0.0 : 1.0) : random.nextDouble();
        }
        if (type == Instant.class) {
            return instant();
        }
        if (type == UUID.class) {
            if (name.equals("eventId")) {
                return UUID.randomUUID(); // unique: find() by event id must meet this record only
            }
            return random.nextBoolean()
                    ? null
                    : random.nextInt(10) == 0
                            ? new UUID(random.nextBoolean() ? 0 : -1, random.nextBoolean() ? 0 : -1)
                            : UUID.randomUUID();
        }
        if (type == BigDecimal.class) {
            return money();
        }
        if (type == Map.class) {
            return attributes();
        }
        if (type == List.class
                && generic instanceof ParameterizedType p
                && p.getActualTypeArguments()[0] == String.class) {
            return strings();
        }
        if (type.isRecord()) {
            if (random.nextInt(3) == 0) {
                return null;
            }
            @SuppressWarnings("unchecked")
            Class<? extends Record> nested = (Class<? extends Record>) type;
            return build(nested);
        }
        throw new IllegalStateException("no generator for " + name + " of " + type);
    }

    private String string(String name) {
        String s = anyString(name);
        // natural keys of dimensions are made unique, so that no record meets attributes another one gave its key
        return s != null && NATURAL_KEYS.contains(name) && !s.isBlank() && s.indexOf('\u0000') < 0
                ? s + " #" + UUID.randomUUID()
                : s;
    }

    private String anyString(String name) {
        for (String e : ENUM_FIELDS) {
            if (e.equals(name) && !bad()) {
                String[] allowed = ALLOWED.get(e);
                return random.nextInt(8) == 0 ? null : allowed[random.nextInt(allowed.length)];
            }
        }
        if (bad()) {
            return switch (random.nextInt(9)) {
                case 0 -> null;
                case 1 -> "";
                case 2 -> " \t\n ";
                case 3 -> "nul\u0000inside";
                case 4 -> "lone high \uD800 surrogate";
                case 5 -> "lone low \uDC00";
                case 6 -> "ends with a high surrogate \uD83D";
                case 7 -> "\uDE42 reversed pair \uD83D";
                default -> text(20) + "\u0000";
            };
        }
        return switch (random.nextInt(10)) {
            case 0 -> null;
            case 1 -> CONTROL_CHARACTERS;
            case 2 -> random.nextInt(20) == 0 ? "x".repeat(100_000) + text(5) : text(200);
            case 3 -> SQL[random.nextInt(SQL.length)] + text(8);
            case 4 -> "\uD83D\uDE42 \uD800\uDC00 \uDBFF\uDFFF emoji and astral planes";
            default -> text(30);
        };
    }

    /** Valid text of up to {@code max} parts: SQL fragments, controls, any plane, no NUL, no unpaired surrogate; never blank. */
    private String text(int max) {
        StringBuilder b = new StringBuilder();
        int parts = 1 + random.nextInt(Math.max(1, max / 5));
        for (int i = 0; i < parts; i++) {
            switch (random.nextInt(4)) {
                case 0 -> b.append(SQL[random.nextInt(SQL.length)]);
                case 1 -> b.append(CONTROL_CHARACTERS.charAt(random.nextInt(CONTROL_CHARACTERS.length())));
                case 2 -> b.append(Long.toString(random.nextLong() & Long.MAX_VALUE, 36));
                default -> {
                    int cp;
                    do {
                        cp = 1 + random.nextInt(0x10FFFF);
                    } while (cp >= 0xD800 && cp <= 0xDFFF);
                    b.appendCodePoint(cp);
                }
            }
        }
        String s = b.toString();
        return s.isBlank() ? "k" + s : s;
    }

    private Object number(boolean boxed) {
        if (bad()) {
            long[] bad = {-1, Long.MIN_VALUE, Integer.MIN_VALUE, -random.nextInt(Integer.MAX_VALUE) - 1L};
            return bad[random.nextInt(bad.length)];
        }
        if (boxed && random.nextInt(4) == 0) {
            return null;
        }
        return switch (random.nextInt(6)) {
            case 0 -> 0L;
            case 1 -> Long.MAX_VALUE;
            case 2 -> (long) Integer.MAX_VALUE + 1;
            default -> (long) random.nextInt(1_000_000);
        };
    }

    private Instant instant() {
        if (bad()) {
            Instant[] bad = {
                Instant.MIN,
                Instant.MAX,
                Instant.parse("-0001-12-31T23:59:59Z"),
                Instant.parse("0000-12-31T23:59:59.999999999Z"),
                Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.MAX.minusSeconds(86_400),
                Instant.MIN.plusNanos(1)
            };
            return bad[random.nextInt(bad.length)];
        }
        return switch (random.nextInt(8)) {
            case 0 -> null;
            case 1 -> Instant.parse("0001-01-01T00:00:00Z");
            case 2 -> Instant.parse("9999-12-31T23:59:59.999999999Z");
            case 3 -> Instant.EPOCH;
            case 4 -> Instant.parse("1969-12-31T23:59:59.999999Z");
            default -> Instant.parse("2026-01-01T00:00:00Z").plusNanos((random.nextLong() & 0xFFFFFFFFFFFFL) * 1000);
        };
    }

    private BigDecimal money() {
        if (bad()) {
            BigDecimal[] bad = {
                new BigDecimal("-0.000001"),
                new BigDecimal("0.0000001"),
                new BigDecimal("1e12"),
                new BigDecimal("1e400"),
                new BigDecimal("-1e-400")
            };
            return bad[random.nextInt(bad.length)];
        }
        return switch (random.nextInt(5)) {
            case 0 -> null;
            case 1 -> new BigDecimal("999999999999.999999");
            case 2 -> BigDecimal.ZERO;
            default -> BigDecimal.valueOf(random.nextLong() & 0xFFFFFFFFFFL, 6);
        };
    }

    private List<String> strings() {
        if (random.nextInt(5) == 0) {
            return null;
        }
        List<String> list = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            list.add(bad() ? (random.nextBoolean() ? null : "\uD800") : text(10));
        }
        return list;
    }

    private Map<String, Object> attributes() {
        if (random.nextInt(5) == 0) {
            return null;
        }
        if (bad()) {
            return switch (random.nextInt(7)) {
                case 0 -> Map.of("when", Instant.EPOCH);
                case 1 -> Map.of("n", Double.NaN);
                case 2 -> Map.of("inf", List.of(1, Double.NEGATIVE_INFINITY));
                case 3 -> Map.of("k\u0000", "v");
                case 4 -> Map.of("k", "\uDFFF");
                case 5 -> nested(1_500);
                default -> {
                    Map<Object, Object> m = new HashMap<>();
                    m.put(42, "number key");
                    @SuppressWarnings("unchecked")
                    Map<String, Object> cast = (Map<String, Object>) (Map<?, ?>) m;
                    yield cast;
                }
            };
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            m.put(text(6), json(3));
        }
        if (random.nextInt(10) == 0) {
            m.put("deep", nested(100).get("n"));
        }
        return m;
    }

    private Object json(int depth) {
        switch (random.nextInt(depth > 0 ? 12 : 10)) {
            case 0:
                return text(12);
            case 1:
                return random.nextInt();
            case 2:
                return random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE;
            case 3:
                return random.nextDouble() * (random.nextBoolean() ? 1e300 : 1e-300);
            case 4:
                return random.nextBoolean();
            case 5:
                return null;
            case 6:
                return new BigInteger(130, random);
            case 7:
                return new BigDecimal(new BigInteger(70, random), random.nextInt(40) - 20);
            case 8:
                return CONTROL_CHARACTERS;
            case 9:
                return -0.0;
            case 10: {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(3); i > 0; i--) {
                    list.add(json(depth - 1));
                }
                return list;
            }
            default: {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = random.nextInt(3); i > 0; i--) {
                    m.put(text(6), json(depth - 1));
                }
                return m;
            }
        }
    }

    /** A map nested {@code depth} levels deep under the key {@code n}. */
    private static Map<String, Object> nested(int depth) {
        Object inner = "bottom";
        for (int i = 0; i < depth; i++) {
            inner = Map.of("n", inner);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) inner;
        return m;
    }
}
