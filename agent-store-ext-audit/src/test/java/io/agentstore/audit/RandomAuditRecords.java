package io.agentstore.audit;

import io.agentstore.spi.FactRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Seeded random records of every fact type of the audit module, for the contract kit's round trip. Texts mix
 * letters, punctuation, quotes, SQL comment markers and non-ASCII characters (never anything a redaction rule
 * would replace); instants span centuries.
 */
final class RandomAuditRecords {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz ABCXYZ-_'\";--/*é漢字🙂.,:";
    private final Random random;

    RandomAuditRecords(long seed) {
        this.random = new Random(seed);
    }

    /** One record of a type chosen by the seed; seeds 0..6 cover every type once. */
    FactRecord any(long seed) {
        return switch ((int) (seed % 7)) {
            case 0 -> {
                String model = word();
                String template = word();
                // a template's text is an attribute of its dimension member: one text per template name
                yield new Prompt(
                        id(),
                        instant(),
                        null,
                        word(),
                        template,
                        "template " + template,
                        "m-" + model,
                        providerOf(model),
                        text(),
                        hex(),
                        user(),
                        (long) random.nextInt(1_000_000),
                        money(),
                        attrs());
            }
            case 1 -> {
                String model = word();
                yield new Response(
                        id(),
                        instant(),
                        null,
                        word(),
                        random.nextBoolean() ? id() : null,
                        "m-" + model,
                        providerOf(model),
                        text(),
                        List.of("stop", "length", "tool_use").get(random.nextInt(3)),
                        (long) random.nextInt(100_000),
                        (long) random.nextInt(100_000),
                        (long) random.nextInt(60_000),
                        money(),
                        random.nextBoolean() ? Map.of() : Map.of(word(), random.nextInt(100)),
                        attrs());
            }
            case 2 ->
                new Feedback(
                        id(),
                        instant(),
                        null,
                        id(),
                        random.nextBoolean() ? id() : null,
                        List.copyOf(Feedback.TYPES).get(random.nextInt(Feedback.TYPES.size())),
                        text(),
                        user(),
                        attrs());
            case 3 ->
                new ChainLink(id(), instant(), 1 + random.nextInt(1_000_000), "fact_prompt", id(), hex(), hex(), hex());
            case 4 -> {
                boolean chained = random.nextBoolean();
                yield new RescanEntry(
                        id(),
                        instant(),
                        id(),
                        "fact_" + word(),
                        id(),
                        word(),
                        word(),
                        1 + random.nextInt(1_000),
                        chained ? hex() : null,
                        chained ? hex() : null);
            }
            case 5 -> new QueryLogEntry(id(), instant(), text(), random.nextBoolean() ? user() : null, hex());
            default -> {
                java.util.Map<String, Long> added = new java.util.TreeMap<>();
                for (int i = random.nextInt(3); i > 0; i--) {
                    added.put("fact_" + word(), (long) random.nextInt(100_000));
                }
                yield new MergeProvenance(
                        id(),
                        instant(),
                        id(),
                        "host-" + word(),
                        "/data/" + word() + ".duckdb",
                        hex(),
                        random.nextInt(1_000_000),
                        random.nextInt(1_000),
                        added);
            }
        };
    }

    /** A model's provider is an attribute of the model's dimension member: one provider per model name. */
    private static String providerOf(String model) {
        return "p-" + model;
    }

    private UserRef user() {
        // users are dimension members keyed by account id, else os user and host: keys long enough not to collide
        String name = word() + word() + word();
        return random.nextBoolean()
                ? new UserRef(name, "host-" + name, null, null)
                : new UserRef(name, "host-" + name, "acct-" + name, null);
    }

    private BigDecimal money() {
        return BigDecimal.valueOf(random.nextInt(10_000_000), 6);
    }

    private String hex() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private UUID id() {
        return new UUID(random.nextLong(), random.nextLong());
    }

    private Instant instant() {
        long seconds = Instant.parse("1900-01-01T00:00:00Z").getEpochSecond()
                + (long) (random.nextDouble() * 300L * 365 * 86_400);
        return Instant.ofEpochSecond(seconds, random.nextInt(1_000_000) * 1_000L)
                .truncatedTo(ChronoUnit.MICROS);
    }

    private String word() {
        StringBuilder b = new StringBuilder();
        int n = 1 + random.nextInt(12);
        for (int i = 0; i < n; i++) {
            b.append((char) ('a' + random.nextInt(26)));
        }
        return b.toString();
    }

    private String text() {
        StringBuilder b = new StringBuilder();
        int n = 1 + random.nextInt(40);
        int count = ALPHABET.codePointCount(0, ALPHABET.length());
        for (int i = 0; i < n; i++) {
            b.appendCodePoint(ALPHABET.codePointAt(ALPHABET.offsetByCodePoints(0, random.nextInt(count))));
        }
        String s = b.toString().strip();
        return s.isEmpty() ? "x" : s;
    }

    private Map<String, Object> attrs() {
        Map<String, Object> m = new LinkedHashMap<>();
        int n = random.nextInt(3);
        for (int i = 0; i < n; i++) {
            m.put(word(), random.nextBoolean() ? text() : (Object) random.nextInt(1_000));
        }
        return m;
    }
}
