package io.agentstore.memory;

import io.agentstore.spi.FactRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Seeded random records of every fact type of the memory module, for the contract kit's round trip. Texts mix
 * letters, punctuation, quotes, SQL comment markers and non-ASCII characters; instants span centuries.
 */
final class RandomMemoryRecords {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz ABCXYZ-_'\";--/*é漢字🙂.,:";
    private final Random random;

    RandomMemoryRecords(long seed) {
        this.random = new Random(seed);
    }

    /** One record of a type chosen by the seed; seeds 0..6 cover every type once. */
    FactRecord any(long seed) {
        return switch ((int) (seed % 7)) {
            case 0 ->
                new JobTransition(
                        id(),
                        instant(),
                        null,
                        word(),
                        text(),
                        word(),
                        word(),
                        JobStatus.values()[random.nextInt(JobStatus.values().length)],
                        text(),
                        attrs());
            case 1 -> new JobSession(id(), instant(), null, word(), word(), attrs());
            case 2 ->
                SessionSummary.builder()
                        .eventId(id())
                        .occurredAt(instant())
                        .sessionId(word())
                        .jobId(word())
                        .agent(word())
                        .title(text())
                        .accomplishments(texts())
                        .decisions(texts())
                        .pending(texts())
                        .bugsFixed(texts())
                        .errorsEncountered(texts())
                        .breakthrough(text())
                        .nextSessionPriority(text())
                        .qualityScore(random.nextInt(11))
                        .attributes(attrs())
                        .build();
            case 3 ->
                new SessionMessages(
                        id(),
                        instant(),
                        null,
                        word(),
                        text(),
                        (long) random.nextInt(1_000),
                        (long) random.nextInt(10_000_000),
                        attrs());
            case 4 ->
                new MemoryVersion(
                        id(),
                        instant(),
                        null,
                        word(),
                        word(),
                        MemoryType.values()[random.nextInt(MemoryType.values().length)],
                        1 + random.nextInt(50),
                        instant(),
                        "update",
                        content(),
                        AuthorKind.values()[random.nextInt(AuthorKind.values().length)],
                        word(),
                        text(),
                        null,
                        attrs());
            case 5 ->
                new AgentBaseline(
                        id(), instant(), null, word(), "src/" + word(), (long) random.nextInt(500), "manual", attrs());
            default -> {
                int drift = random.nextInt(101);
                yield new HealthCheck(
                        id(),
                        instant(),
                        null,
                        word(),
                        word(),
                        "src/" + word(),
                        (long) random.nextInt(500),
                        (long) random.nextInt(500),
                        (long) random.nextInt(50),
                        drift,
                        100 - drift,
                        HealthStatus.values()[random.nextInt(HealthStatus.values().length)],
                        random.nextInt(300_000),
                        null,
                        "knowledge",
                        random.nextBoolean(),
                        text(),
                        text(),
                        texts(),
                        text(),
                        random.nextBoolean(),
                        instant(),
                        "manual",
                        attrs());
            }
        };
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
        for (int i = 0; i < n; i++) {
            b.appendCodePoint(ALPHABET.codePointAt(
                    ALPHABET.offsetByCodePoints(0, random.nextInt(ALPHABET.codePointCount(0, ALPHABET.length())))));
        }
        String s = b.toString().strip();
        return s.isEmpty() ? "x" : s;
    }

    private List<String> texts() {
        List<String> list = new ArrayList<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            list.add(text());
        }
        return list;
    }

    private Map<String, Object> attrs() {
        Map<String, Object> m = new LinkedHashMap<>();
        int n = random.nextInt(3);
        for (int i = 0; i < n; i++) {
            m.put(word(), random.nextBoolean() ? text() : (Object) random.nextInt(1_000));
        }
        return m;
    }

    private Map<String, Object> content() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("summary", text());
        m.put("items", texts());
        m.put("count", random.nextInt(100));
        return m;
    }
}
