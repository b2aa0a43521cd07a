package io.agentstore.cdc;

import io.agentstore.spi.FactRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Seeded random records of the cdc module for the contract kit's round trip: every fact type and both bridges,
 * optional fields present or absent, text with quotes and comment markers, natural keys unique per record.
 */
final class RandomCdcRecords {
    private static final String[] NASTY = {"'", "\"", ";", "--", "/*", "\\", "é", "日本", "🙂", " ", "%", "_", "?"};
    private final Random random;
    private final String unique;

    RandomCdcRecords(long seed) {
        this.random = new Random(seed);
        this.unique = Long.toString(seed, 36) + "-" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
    }

    private String text() {
        StringBuilder b = new StringBuilder(Long.toString(random.nextLong() & 0xFFFFFF, 36));
        for (int i = random.nextInt(3); i > 0; i--) {
            b.append(NASTY[random.nextInt(NASTY.length)]);
        }
        return b.toString();
    }

    private String maybe() {
        return random.nextInt(3) == 0 ? null : text();
    }

    private Long maybeCount() {
        return random.nextInt(3) == 0 ? null : (long) random.nextInt(1 << 20);
    }

    private Instant instant() {
        long seconds = Instant.parse("2000-01-01T00:00:00Z").getEpochSecond()
                + (long) (random.nextDouble() * 40 * 365 * 86_400);
        return Instant.ofEpochSecond(seconds, random.nextInt(1_000_000) * 1000L);
    }

    private Map<String, Object> attributes() {
        return random.nextBoolean() ? Map.of() : Map.of("k" + text(), text(), "n", (long) random.nextInt(100));
    }

    private List<String> texts() {
        List<String> out = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            out.add(text());
        }
        return out;
    }

    /** A record of one of the cdc fact types or bridges, with its event id and instant set. */
    FactRecord any() {
        UUID id = new UUID(random.nextLong(), random.nextLong());
        Instant at = instant();
        String source = "source-" + unique + text();
        String dependency = "dependency-" + unique + text();
        String skill = "skill-" + unique + text();
        return switch (random.nextInt(8)) {
            case 0 ->
                new SourceRegistration(
                        id,
                        at,
                        null,
                        source,
                        List.copyOf(SourceType.NAMES).get(random.nextInt(SourceType.NAMES.size())),
                        random.nextBoolean() ? "https://example.com/" + unique : "/tmp/" + text(),
                        1 + random.nextInt(10_000),
                        random.nextBoolean() ? dependency : null,
                        random.nextBoolean(),
                        attributes());
            case 1 ->
                new WatermarkCheck(
                        id,
                        at,
                        null,
                        source,
                        random.nextBoolean() ? "page/" + text() : null,
                        List.of("http", "file", "git").get(random.nextInt(3)),
                        random.nextBoolean() ? (long) (200 + random.nextInt(300)) : null,
                        maybe(),
                        maybe(),
                        maybe(),
                        maybe(),
                        random.nextBoolean(),
                        random.nextBoolean(),
                        maybeCount(),
                        maybe(),
                        random.nextBoolean() ? text() + "\n" + text() : null,
                        attributes());
            case 2 ->
                new DependencyCheck(
                        id,
                        at,
                        null,
                        dependency,
                        maybe(),
                        List.of("api_call", "schema_diff", "health_check").get(random.nextInt(3)),
                        random.nextBoolean(),
                        maybe(),
                        maybeCount(),
                        attributes());
            case 3 ->
                new Change(
                        id,
                        at,
                        null,
                        source,
                        random.nextBoolean() ? "page/" + text() : null,
                        random.nextBoolean() ? dependency : null,
                        List.copyOf(Change.DIFFERS).get(random.nextInt(Change.DIFFERS.size())),
                        "rule." + text(),
                        Classification.values()[random.nextInt(3)],
                        "kind_" + text(),
                        maybe(),
                        random.nextBoolean() ? "GET" : null,
                        maybe(),
                        maybe(),
                        maybe(),
                        maybe(),
                        "summary " + text(),
                        texts(),
                        attributes());
            case 4 ->
                new Validation(
                        id,
                        at,
                        null,
                        skill,
                        random.nextBoolean() ? "/skills/" + text() : null,
                        random.nextBoolean(),
                        random.nextInt(50),
                        texts(),
                        attributes());
            case 5 ->
                new UpdateAttempt(
                        id,
                        at,
                        null,
                        skill,
                        maybe(),
                        List.copyOf(UpdateAttempt.MODES).get(random.nextInt(3)),
                        List.copyOf(UpdateAttempt.STATUSES).get(random.nextInt(4)),
                        random.nextInt(20),
                        maybe(),
                        attributes());
            case 6 ->
                new ComponentDependency(
                        id,
                        at,
                        null,
                        "component-" + unique + text(),
                        maybe(),
                        dependency,
                        List.copyOf(ComponentDependency.RELATIONSHIPS).get(random.nextInt(3)),
                        random.nextBoolean(),
                        attributes());
            default -> new SkillSource(id, at, null, skill, source, random.nextBoolean(), attributes());
        };
    }
}
