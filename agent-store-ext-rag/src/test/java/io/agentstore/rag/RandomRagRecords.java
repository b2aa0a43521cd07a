package io.agentstore.rag;

import io.agentstore.spi.FactRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/** Seeded random records of every rag fact type: optional fields present and absent, hostile text. */
final class RandomRagRecords {
    private static final String[] TEXTS = {
        "plain",
        "quote ' and \" and \\",
        "ünïcödé ✓ 𝄞",
        "line\nbreak\r\n",
        "'; DROP TABLE dim_document; --",
        "{\"json\": 1}",
    };
    private final Random random;

    RandomRagRecords(long seed) {
        this.random = new Random(seed);
    }

    private String text() {
        return TEXTS[random.nextInt(TEXTS.length)] + random.nextInt(1000);
    }

    private <T> T maybe(T value) {
        return random.nextBoolean() ? value : null;
    }

    private Instant at() {
        return Instant.parse("2025-01-01T00:00:00Z")
                .plusSeconds(random.nextInt(1_000_000))
                .plusNanos(123_000);
    }

    private Map<String, Object> attributes() {
        return random.nextBoolean() ? Map.of() : Map.of("k", text());
    }

    FactRecord any(long seed) {
        UUID id = new UUID(seed, random.nextLong());
        return switch ((int) (seed % 6)) {
            case 0 ->
                new DocumentUpdate(
                        id,
                        at(),
                        maybe(UUID.randomUUID()),
                        "/root/" + text(),
                        "src/" + text(),
                        maybe("code"),
                        maybe("java"),
                        maybe("s-" + text()),
                        random.nextBoolean() ? "created" : "deleted",
                        random.nextBoolean() ? "index" : "hook",
                        maybe("abc"),
                        maybe(10L),
                        maybe(at()),
                        maybe(3L),
                        random.nextBoolean(),
                        attributes());
            case 1 -> {
                long start = 1 + random.nextInt(100);
                yield new Chunk(
                        id,
                        at(),
                        null,
                        UUID.randomUUID(),
                        "/root",
                        "p/" + text(),
                        maybe("documentation"),
                        maybe("markdown"),
                        "h" + random.nextInt(),
                        random.nextInt(50),
                        "section",
                        maybe(text()),
                        text(),
                        "ch" + random.nextInt(),
                        random.nextInt(500),
                        start,
                        start + random.nextInt(30),
                        5,
                        90,
                        attributes());
            }
            case 2 ->
                new TermPosting(
                        id,
                        at(),
                        null,
                        "term" + random.nextInt(99),
                        "ch" + random.nextInt(),
                        1 + random.nextInt(9),
                        attributes());
            case 3 -> {
                List<Float> v = new ArrayList<>();
                for (int i = 0; i < 1 + random.nextInt(8); i++) {
                    v.add(random.nextFloat() - 0.5f);
                }
                yield new ChunkEmbedding(
                        id, at(), null, "ch" + random.nextInt(), "model-" + random.nextInt(3), v, attributes());
            }
            case 4 ->
                new EntityReference(
                        id,
                        at(),
                        null,
                        "name" + text(),
                        random.nextBoolean() ? "method" : "table",
                        UUID.randomUUID(),
                        random.nextBoolean() ? "call" : "definition",
                        maybe(text()),
                        1 + random.nextInt(400),
                        attributes());
            default ->
                new ChunkRetrieval(
                        id,
                        at(),
                        null,
                        UUID.randomUUID(),
                        maybe("s-" + random.nextInt(5)),
                        maybe(text()),
                        maybe(random.nextDouble()),
                        random.nextBoolean() ? "hybrid" : "read",
                        maybe(1L + random.nextInt(9)),
                        maybe(random.nextBoolean()),
                        attributes());
        };
    }
}
