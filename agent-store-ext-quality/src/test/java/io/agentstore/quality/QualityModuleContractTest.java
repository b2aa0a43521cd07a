package io.agentstore.quality;

import io.agentstore.spi.FactRecord;
import io.agentstore.spi.SchemaModule;
import io.agentstore.testing.SchemaModuleContract;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/** The quality module passes the schema-module contract kit of agent-store-testing. */
class QualityModuleContractTest extends SchemaModuleContract {
    private static final String[] TYPES = {"skill", "generated_code", "documentation"};

    @Override
    protected SchemaModule module() {
        return QualityModule.create();
    }

    /**
     * One of the six record types by {@code seed % 6}, filled from the seed. Dimension attributes are functions
     * of their natural key (a path always has the same type), and times grow with the seed, so that what a record
     * reads back is what it wrote.
     */
    @Override
    protected FactRecord randomRecord(long seed) {
        Random r = new Random(seed);
        UUID id = new UUID(r.nextLong(), r.nextLong());
        Instant at = Instant.parse("2025-01-01T00:00:00Z")
                .plusSeconds(seed * 1_000 + r.nextInt(1_000))
                .plusNanos(r.nextInt(1_000_000) * 1_000L);
        int n = r.nextInt(5);
        String path = "skills/s" + n + "/SKILL.md";
        String sha = HexFormat.of()
                .formatHex(new byte[] {(byte) seed, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19});
        String session = r.nextBoolean() ? "s" + r.nextInt(3) : null;
        return switch ((int) (seed % 6)) {
            case 0 ->
                QualityMeasurement.builder()
                        .eventId(id)
                        .occurredAt(at)
                        .sessionId(session)
                        .artifact(new ArtifactRef(path, TYPES[n % 3], "component-" + n))
                        .metric(new QualityMetric("metric-" + n, "lint", n / 4.0))
                        .measuredBy("ruff")
                        .score(r.nextInt(100) / 100.0)
                        .passed(r.nextBoolean())
                        .counts((long) r.nextInt(9), null)
                        .detail("first", "message " + r.nextInt())
                        .build();
            case 1 ->
                Validation.builder()
                        .eventId(id)
                        .occurredAt(at)
                        .sessionId(session)
                        .component("component-" + n, "skill")
                        .artifact(r.nextBoolean() ? new ArtifactRef(path, TYPES[n % 3], null) : null)
                        .validator("skills-ref", r.nextBoolean() ? "1." + n : null)
                        .errors(r.nextBoolean() ? new String[] {"e"} : new String[0])
                        .warnings("w" + r.nextInt(3))
                        .trigger(List.copyOf(Validation.TRIGGERS).get(n % Validation.TRIGGERS.size()))
                        .attribute("k", n)
                        .build();
            case 2 -> testRun(r, id, at, session, path, n, sha);
            case 3 ->
                new TestCaseResult(
                        id,
                        at,
                        null,
                        new UUID(seed, 1),
                        "demo.Class" + n,
                        "test" + r.nextInt(10),
                        "suite",
                        "failed",
                        (long) r.nextInt(1000),
                        "java.lang.AssertionError",
                        "expected " + r.nextInt(),
                        false,
                        r.nextInt(3),
                        Map.of());
            case 4 ->
                new Commit(
                        id,
                        at,
                        null,
                        "/repo",
                        sha,
                        r.nextBoolean() ? List.of(sha.replace('0', '1')) : List.of(),
                        "Ada " + n,
                        "ada" + n + "@example.com",
                        at.minusSeconds(60),
                        "message " + seed,
                        r.nextInt(5),
                        r.nextInt(100),
                        r.nextInt(100),
                        Map.of());
            default ->
                new CommitFile(
                        id,
                        at,
                        null,
                        sha,
                        "/repo/src/F" + n + ".java",
                        "src/F" + n + ".java",
                        r.nextBoolean() ? (long) r.nextInt(50) : null,
                        r.nextBoolean() ? (long) r.nextInt(50) : null,
                        Map.of());
        };
    }

    private static TestRun testRun(Random r, UUID id, Instant at, String session, String path, int n, String sha) {
        boolean committed = r.nextBoolean();
        return TestRun.builder()
                .eventId(id)
                .occurredAt(at)
                .sessionId(session)
                .artifact(r.nextBoolean() ? new ArtifactRef(path, TYPES[n % 3], null) : null)
                .framework(List.copyOf(TestRun.FRAMEWORKS).stream()
                        .sorted()
                        .toList()
                        .get(n))
                .counts(r.nextInt(50) + 1, r.nextInt(3), r.nextInt(2), r.nextInt(4))
                .flaky(1)
                .outcome((long) r.nextInt(100_000), r.nextBoolean() ? null : (long) r.nextInt(2))
                .report("/r/" + id + ".xml", "h" + id)
                .commit("/repo", committed ? sha : null, committed ? "explicit" : null)
                .build();
    }
}
