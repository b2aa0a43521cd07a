package io.agentstore.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstore.AgentStore;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.testing.MutableClock;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every record type of the module is stored and read back equal, and refused naming the field when bad. */
class RoundTripTest {
    @TempDir
    Path dir;

    private static final Instant T = Instant.parse("2025-03-01T10:00:00.123456Z");

    @Test
    void everyRecordTypeComesBackEqual() {
        Map<String, Object> attrs = Map.of("k", "v", "n", 3, "d", new BigDecimal("1.5"));
        List<FactRecord> records = List.of(
                new JobTransition(
                        UUID.randomUUID(),
                        T,
                        null,
                        "job-1",
                        "Port to DuckDB",
                        "shop",
                        "s1",
                        JobStatus.ACTIVE,
                        "start",
                        attrs),
                new JobSession(UUID.randomUUID(), T, null, "job-1", "s1", attrs),
                SessionSummary.builder()
                        .eventId(UUID.randomUUID())
                        .occurredAt(T)
                        .sessionId("s1")
                        .jobId("job-1")
                        .agent("main")
                        .title("t")
                        .accomplishments(List.of("a1", "a2"))
                        .decisions(List.of("d"))
                        .pending(List.of("p"))
                        .bugsFixed(List.of("b"))
                        .errorsEncountered(List.of("e"))
                        .breakthrough("x")
                        .nextSessionPriority("y")
                        .qualityScore(7)
                        .span(T.minusSeconds(60), T)
                        .attributes(attrs)
                        .build(),
                new SessionMessages(UUID.randomUUID(), T, null, "s1", "we talked", 12L, 3_600_000L, attrs),
                new MemoryVersion(
                        UUID.randomUUID(),
                        T,
                        null,
                        "auth-agent",
                        "s1",
                        MemoryType.KNOWLEDGE,
                        1,
                        T.minusSeconds(3600),
                        "update",
                        Map.of("purpose", "auth", "todos", List.of("a", "b"), "nested", Map.of("x", 1.25)),
                        AuthorKind.USER,
                        "ana",
                        "first",
                        null,
                        attrs),
                new MemoryVersion(
                        UUID.randomUUID(),
                        T,
                        null,
                        "auth-agent",
                        null,
                        MemoryType.KNOWLEDGE,
                        2,
                        T,
                        "expire",
                        Map.of(),
                        AuthorKind.SYSTEM,
                        null,
                        null,
                        UUID.randomUUID(),
                        Map.of()),
                new AgentBaseline(UUID.randomUUID(), T, null, "auth-agent", "src/auth", 15L, "manual", attrs),
                new HealthCheck(
                        UUID.randomUUID(),
                        T,
                        null,
                        "auth-agent",
                        "s1",
                        "src/auth",
                        17L,
                        15L,
                        3L,
                        26,
                        74,
                        HealthStatus.HEALTHY,
                        2048,
                        null,
                        "knowledge",
                        false,
                        "p",
                        "d",
                        List.of("i1"),
                        "none",
                        false,
                        T.minusSeconds(86400),
                        "manual",
                        attrs));
        try (AgentStore store = Stores.open(dir, MutableClock.at("2025-03-02T00:00:00Z"))) {
            store.recordAll(records);
            for (FactRecord r : records) {
                assertThat(store.find(r.getClass(), r.eventId()).map(Object.class::cast))
                        .as(r.getClass().getSimpleName())
                        .contains(r);
            }
        }
    }

    @Test
    void badFieldsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> JobTransition.of(" ", JobStatus.ACTIVE, null))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("jobId");
        assertThatThrownBy(() ->
                        SessionSummary.builder().sessionId("s").qualityScore(11).build())
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("qualityScore")
                .hasMessageContaining("11");
        assertThatThrownBy(() ->
                        SessionSummary.builder().sessionId("s").source("robot").build())
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("source");
        assertThatThrownBy(() -> MemoryType.of("memory_type", "feelings"))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("memory_type")
                .hasMessageContaining("feelings");
        assertThatThrownBy(() -> MemoryUpdate.builder("a", MemoryType.DOMAIN).build())
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("content");
        assertThatThrownBy(() -> MemoryUpdate.builder("a", MemoryType.DOMAIN)
                        .content(Map.of("x", "a\u0000b"))
                        .build())
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("content");
        assertThatThrownBy(() -> new MemoryVersion(
                        null,
                        null,
                        null,
                        "a",
                        null,
                        MemoryType.DOMAIN,
                        0,
                        T,
                        "update",
                        Map.of(),
                        AuthorKind.AGENT,
                        null,
                        null,
                        null,
                        Map.of()))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("version");
        assertThatThrownBy(() -> new HealthCheck(
                        null,
                        null,
                        null,
                        "a",
                        null,
                        null,
                        null,
                        null,
                        null,
                        101,
                        0,
                        HealthStatus.CRITICAL,
                        0,
                        null,
                        null,
                        false,
                        null,
                        null,
                        List.of(),
                        null,
                        false,
                        null,
                        null,
                        Map.of()))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("driftScore");
    }
}
