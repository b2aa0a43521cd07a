package io.agentstore.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstore.AgentStore;
import io.agentstore.testing.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One knowledge memory through five versions: two updates, a backdated correction, a rollback and an expiry.
 * Every answer below is worked out by hand from the instants in the comments.
 */
class MemoryVersioningTest {
    @TempDir
    Path dir;

    private static final String AGENT = "auth-agent";
    private static final Map<String, Object> V1 = Map.of("purpose", "auth", "todos", List.of("a"));
    private static final Map<String, Object> V2 =
            Map.of("purpose", "auth", "todos", List.of("a", "b"), "architecture", "middleware");
    private static final Map<String, Object> V3 = Map.of("purpose", "authn");

    private MutableClock clock;
    private AgentStore store;
    private MemoryFacade memory;

    private static Instant at(String s) {
        return Instant.parse(s);
    }

    @BeforeEach
    void fill() {
        clock = MutableClock.at("2025-01-01T00:00:00Z");
        store = Stores.open(dir, clock);
        memory = MemoryModule.of(store);
        // v1 valid and recorded 01-01 00:00
        memory.updateMemory(MemoryUpdate.builder(AGENT, MemoryType.KNOWLEDGE)
                .content(V1)
                .reason("created")
                .author(AuthorKind.AGENT, AGENT)
                .sessionId("s1")
                .build());
        clock.set("2025-01-02T00:00:00Z");
        // v2 valid and recorded 01-02 00:00
        memory.updateMemory(MemoryUpdate.builder(AGENT, MemoryType.KNOWLEDGE)
                .content(V2)
                .reason("added b")
                .author(AuthorKind.USER, "ana")
                .build());
        clock.set("2025-01-03T00:00:00Z");
        // v3 recorded 01-03 00:00, valid from 01-01 12:00 (a correction of the past)
        memory.updateMemory(MemoryUpdate.builder(AGENT, MemoryType.KNOWLEDGE)
                .content(V3)
                .reason("correction")
                .author(AuthorKind.USER, "ana")
                .validFrom(at("2025-01-01T12:00:00Z"))
                .build());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Map<String, Object> asOf(String instant, TimeAxis axis) {
        return memory.memoryAsOf(AGENT, MemoryType.KNOWLEDGE, at(instant), axis)
                .map(Memory::content)
                .orElse(null);
    }

    @Test
    void bothIntervalsAreDerivedFromTheNextVersion() {
        List<MemoryChange> h = memory.history(AGENT, MemoryType.KNOWLEDGE);
        assertThat(h).extracting(c -> c.memory().version()).containsExactly(1L, 2L, 3L);
        Memory v1 = h.get(0).memory();
        Memory v2 = h.get(1).memory();
        Memory v3 = h.get(2).memory();
        // valid-time order: v1 (01-01 00:00), v3 (01-01 12:00), v2 (01-02)
        assertThat(v1.validTo()).contains(at("2025-01-01T12:00:00Z"));
        assertThat(v3.validTo()).contains(at("2025-01-02T00:00:00Z"));
        assertThat(v2.validTo()).isEmpty();
        // system-time order: v1, v2, v3
        assertThat(v1.recordedAt()).isEqualTo(at("2025-01-01T00:00:00Z"));
        assertThat(v1.supersededAt()).contains(at("2025-01-02T00:00:00Z"));
        assertThat(v2.supersededAt()).contains(at("2025-01-03T00:00:00Z"));
        assertThat(v3.supersededAt()).isEmpty();
        assertThat(v1.sessionId()).isEqualTo("s1");
        assertThat(v2.authorName()).isEqualTo("ana");
        assertThat(v2.authorKind()).isEqualTo(AuthorKind.USER);
    }

    @Test
    void currentMemoryIsTheVersionValidNow() {
        // now 01-03: the latest valid_from at or before now is v2's (01-02); the correction only changes 01-01 12:00 ..
        // 01-02
        assertThat(memory.currentMemory(AGENT, MemoryType.KNOWLEDGE))
                .map(Memory::content)
                .contains(V2);
        assertThat(memory.currentMemory(AGENT)).extracting(Memory::type).containsExactly(MemoryType.KNOWLEDGE);
        assertThat(memory.currentMemory(AGENT, MemoryType.DOMAIN)).isEmpty();
    }

    @Test
    void asOfAnswersOnEachAxis() {
        // 01-01 18:00: valid time by today's knowledge sees the correction; what the store held then was v1
        assertThat(asOf("2025-01-01T18:00:00Z", TimeAxis.VALID)).isEqualTo(V3);
        assertThat(asOf("2025-01-01T18:00:00Z", TimeAxis.SYSTEM)).isEqualTo(V1);
        assertThat(asOf("2025-01-01T06:00:00Z", TimeAxis.VALID)).isEqualTo(V1);
        assertThat(asOf("2025-01-02T12:00:00Z", TimeAxis.SYSTEM)).isEqualTo(V2);
        assertThat(asOf("2025-01-02T12:00:00Z", TimeAxis.VALID)).isEqualTo(V2);
        assertThat(asOf("2024-12-31T23:59:59Z", TimeAxis.SYSTEM)).isNull();
        assertThat(asOf("2024-12-31T23:59:59Z", TimeAxis.VALID)).isNull();
        // both axes at once: valid 01-01 18:00 as known on 01-02 12:00 (before the correction): v1
        assertThat(memory.memoryAsOf(
                        AGENT, MemoryType.KNOWLEDGE, at("2025-01-01T18:00:00Z"), at("2025-01-02T12:00:00Z")))
                .map(Memory::content)
                .contains(V1);
        assertThat(memory.memoryAsOf(AGENT, at("2025-01-01T18:00:00Z"), TimeAxis.VALID))
                .extracting(Memory::version)
                .containsExactly(3L);
    }

    @Test
    void historyCarriesTheDiffOfConsecutiveVersions() {
        List<MemoryChange> h = memory.history(AGENT, MemoryType.KNOWLEDGE);
        assertThat(h.get(0).diff().added()).containsExactlyInAnyOrder("/purpose", "/todos");
        assertThat(h.get(1).diff().added()).containsExactly("/architecture");
        assertThat(h.get(1).diff().changed()).containsExactly("/todos");
        assertThat(h.get(1).diff().removed()).isEmpty();
        assertThat(h.get(2).diff().removed()).containsExactlyInAnyOrder("/todos", "/architecture");
        assertThat(h.get(2).diff().changed()).containsExactly("/purpose");
    }

    @Test
    void rollbackWritesANewVersionEqualToTheOldOne() {
        clock.set("2025-01-04T00:00:00Z");
        Memory v4 = memory.rollback(AGENT, MemoryType.KNOWLEDGE, 1, AuthorKind.USER, "ana", null);
        assertThat(v4.version()).isEqualTo(4);
        assertThat(v4.content()).isEqualTo(V1);
        assertThat(v4.changeKind()).isEqualTo("rollback");
        assertThat(v4.reason()).isEqualTo("rollback to version 1");
        assertThat(memory.currentMemory(AGENT, MemoryType.KNOWLEDGE))
                .map(Memory::version)
                .contains(4L);
        // what the store held before the rollback is still there
        assertThat(asOf("2025-01-03T12:00:00Z", TimeAxis.SYSTEM)).isEqualTo(V2);
        assertThat(memory.history(AGENT, MemoryType.KNOWLEDGE)).hasSize(4);
        assertThat(store.sql("SELECT based_on_event_id FROM v_memory_versions WHERE version = 4")
                        .rows()
                        .get(0)
                        .uuid("based_on_event_id"))
                .isEqualTo(memory.history(AGENT, MemoryType.KNOWLEDGE)
                        .get(0)
                        .memory()
                        .eventId());
        assertThatThrownBy(() -> memory.rollback(AGENT, MemoryType.KNOWLEDGE, 9, AuthorKind.USER, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no version 9");
    }

    @Test
    void expiryHidesWithoutDeleting() {
        clock.set("2025-01-05T00:00:00Z");
        memory.expire(AGENT, MemoryType.KNOWLEDGE, null, AuthorKind.SYSTEM, null, "module removed");
        assertThat(memory.currentMemory(AGENT, MemoryType.KNOWLEDGE)).isEmpty();
        assertThat(asOf("2025-01-05T00:00:00Z", TimeAxis.SYSTEM)).isNull();
        assertThat(asOf("2025-01-04T00:00:00Z", TimeAxis.SYSTEM)).isEqualTo(V2);
        assertThat(store.sql("SELECT count(*) AS n FROM fact_memory_version")
                        .rows()
                        .get(0)
                        .int64("n"))
                .isEqualTo(4);
        assertThatThrownBy(() -> memory.expire(AGENT, MemoryType.KNOWLEDGE, null, AuthorKind.SYSTEM, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no current knowledge memory");
        // an update brings it back; a rollback past the expiry too
        clock.set("2025-01-06T00:00:00Z");
        memory.rollback(AGENT, MemoryType.KNOWLEDGE, 3, AuthorKind.AGENT, AGENT, "restore");
        assertThat(memory.currentMemory(AGENT, MemoryType.KNOWLEDGE))
                .map(Memory::content)
                .contains(V3);
        assertThatThrownBy(() -> memory.rollback(AGENT, MemoryType.KNOWLEDGE, 4, AuthorKind.USER, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is an expiry");
    }

    @Test
    void expiryCanBeDatedInTheFuture() {
        memory.expire(AGENT, MemoryType.KNOWLEDGE, at("2025-02-01T00:00:00Z"), AuthorKind.USER, "ana", "ttl");
        assertThat(memory.currentMemory(AGENT, MemoryType.KNOWLEDGE))
                .map(Memory::content)
                .contains(V2);
        clock.set("2025-02-01T00:00:00Z");
        assertThat(memory.currentMemory(AGENT, MemoryType.KNOWLEDGE)).isEmpty();
    }

    @Test
    void whoChangedListsAuthorsNewestFirst() {
        memory.updateMemory(MemoryUpdate.builder(AGENT, MemoryType.PATTERNS)
                .content(Map.of("p", 1))
                .author(AuthorKind.SYSTEM, "importer")
                .reason("seed")
                .build());
        List<MemoryChange> changes = memory.whoChanged(AGENT, null);
        assertThat(changes)
                .extracting(c -> c.memory().type() + "#" + c.memory().version() + " "
                        + c.memory().authorKind() + " " + c.memory().authorName() + " "
                        + c.memory().reason())
                .containsExactly(
                        "PATTERNS#1 SYSTEM importer seed",
                        "KNOWLEDGE#3 USER ana correction",
                        "KNOWLEDGE#2 USER ana added b",
                        "KNOWLEDGE#1 AGENT auth-agent created");
        assertThat(memory.whoChanged(AGENT, MemoryType.PATTERNS)).hasSize(1);
    }

    @Test
    void searchFindsCurrentMemoriesOnly() {
        // "authn" is only in v3, which is not current; "middleware" is in v2, which is
        assertThat(memory.searchMemory("MIDDLEWARE"))
                .extracting(Memory::version)
                .containsExactly(2L);
        assertThat(memory.searchMemory("authn")).isEmpty();
        assertThat(memory.searchMemory("nothing like it")).isEqualTo(List.of());
    }

    @Test
    void theStoreNeverUpdatesAVersion() {
        Optional<Memory> before =
                memory.history(AGENT, MemoryType.KNOWLEDGE).stream().findFirst().map(MemoryChange::memory);
        clock.set("2025-01-09T00:00:00Z");
        memory.updateMemory(MemoryUpdate.builder(AGENT, MemoryType.KNOWLEDGE)
                .content(Map.of("x", 1))
                .build());
        Memory after = memory.history(AGENT, MemoryType.KNOWLEDGE).get(0).memory();
        assertThat(after.content()).isEqualTo(before.orElseThrow().content());
        assertThat(after.recordedAt()).isEqualTo(before.orElseThrow().recordedAt());
    }

    @Test
    void secretsInMemoryAndReasonsAreRedactedBeforeTheyAreStored() {
        String key = "sk-ant-api03-" + "abcdefghijklmnopqrstuvwxyz0123456789";
        Memory m = memory.updateMemory(MemoryUpdate.builder(AGENT, MemoryType.OPERATIONS)
                .content(Map.of("environment_vars", List.of("ANTHROPIC_API_KEY"), "note", "use " + key))
                .reason("key is " + key)
                .build());
        assertThat((String) m.content().get("note")).matches("use \\[REDACTED:anthropic-key(:[0-9a-f]{16})?\\]");
        assertThat(m.reason()).matches("key is \\[REDACTED:anthropic-key(:[0-9a-f]{16})?\\]");
        assertThat(store.sql(
                                "SELECT count(*) AS n FROM fact_memory_version WHERE contains(CAST(content AS VARCHAR), ?)"
                                        + " OR contains(reason, ?)",
                                key,
                                key)
                        .rows()
                        .get(0)
                        .int64("n"))
                .isZero();
        assertThat(m.contentBytes())
                .isEqualTo(store.sql(
                                "SELECT octet_length(encode(CAST(content AS VARCHAR))) AS n"
                                        + " FROM fact_memory_version WHERE event_id = ?",
                                m.eventId())
                        .rows()
                        .get(0)
                        .int64("n"));
    }

    @Test
    void loadingTheMemoryChecksTheAgentsHealth() {
        clock.set("2025-01-11T00:00:00Z");
        LoadedMemory loaded = memory.loadMemory(AGENT);
        assertThat(loaded.memories()).extracting(Memory::version).containsExactly(2L);
        // no baseline: 10 days since the first memory (01-01) -> drift 20, counts unknown -> confidence 55
        assertThat(loaded.health()).map(HealthCheck::driftScore).contains(20L);
        assertThat(loaded.health()).map(HealthCheck::confidenceScore).contains(55L);
        assertThat(memory.health(AGENT)).hasSize(1);
        assertThat(memory.loadMemory("stranger").health()).isEmpty();
        assertThat(memory.loadMemory("stranger").memories()).isEmpty();
    }
}
