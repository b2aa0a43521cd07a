package io.agentstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstore.core.AgentRef;
import io.agentstore.core.ApiCall;
import io.agentstore.core.SessionEvent;
import io.agentstore.core.ToolCall;
import io.agentstore.spi.Row;
import io.agentstore.testing.MutableClock;
import io.agentstore.testing.StoreExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class AgentStoreTest {
    private final MutableClock clock = MutableClock.at("2026-05-01T10:00:00Z");

    @RegisterExtension
    final StoreExtension memory = StoreExtension.inMemory().clock(clock);

    @TempDir
    Path dir;

    @Test
    void builderChecksEveryArgumentByName() {
        AgentStore.Builder b = AgentStore.builder();
        assertThatThrownBy(() -> b.path(null)).hasMessageContaining("path");
        assertThatThrownBy(() -> b.durability(null)).hasMessageContaining("durability");
        assertThatThrownBy(() -> b.clock(null)).hasMessageContaining("clock");
        assertThatThrownBy(() -> b.lockWait(Duration.ofSeconds(-1))).hasMessageContaining("lockWait");
        assertThatThrownBy(() -> b.threads(0)).hasMessageContaining("threads must be >= 1, was 0");
        assertThatThrownBy(() -> b.memoryLimit("lots"))
                .hasMessageContaining("memoryLimit")
                .hasMessageContaining("lots");
        assertThatThrownBy(() -> b.queueCapacity(0)).hasMessageContaining("queueCapacity");
        assertThatThrownBy(() -> b.install((io.agentstore.spi.SchemaModule) null))
                .hasMessageContaining("null");
        assertThatThrownBy(b::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("path(Path) or inMemory()");
        assertThatThrownBy(() -> AgentStore.builder().path(dir).build()).hasMessageContaining("is a folder");
    }

    @Test
    void closeIsIdempotentAndUseAfterCloseFails() {
        AgentStore store =
                AgentStore.builder().inMemory().memoryLimit("256MB").threads(1).build();
        store.close();
        store.close();
        assertThatThrownBy(() -> store.sql("SELECT 1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> store.core()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.record(ToolCall.builder().tool("x").build()))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(store::flush).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closeWritesWhatIsPendingAndTheFileReopensWithIt() {
        Path file = dir.resolve("sub/folder/a.duckdb");
        try (AgentStore store =
                AgentStore.builder().path(file).durability(Durability.ASYNC).build()) {
            for (int i = 0; i < 500; i++) {
                store.core()
                        .recordToolCall(ToolCall.builder().tool("t" + (i % 7)).build());
            }
        }
        try (AgentStore store = AgentStore.builder().path(file).build()) {
            assertThat(store.sql("SELECT count(*) AS n FROM fact_tool_call")
                            .single()
                            .orElseThrow()
                            .int64("n"))
                    .isEqualTo(500);
            assertThat(store.path()).contains(file.toAbsolutePath());
        }
    }

    @Test
    void newFileIsReadableByItsOwnerOnly() throws Exception {
        Path file = dir.resolve("private.duckdb");
        AgentStore.builder().path(file).build().close();
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void missingOccurredAtComesFromTheStoreClockAndRecordedAtStrictlyIncreases() {
        AgentStore store = memory.get();
        UUID a = store.core().recordToolCall(ToolCall.builder().tool("x").build());
        UUID b = store.core().recordToolCall(ToolCall.builder().tool("x").build()); // same clock instant
        assertThat(store.find(ToolCall.class, a).orElseThrow().occurredAt()).isEqualTo(clock.instant());
        Row ra = store.sql("SELECT recorded_at FROM fact_tool_call WHERE event_id = ?", a)
                .single()
                .orElseThrow();
        Row rb = store.sql("SELECT recorded_at FROM fact_tool_call WHERE event_id = ?", b)
                .single()
                .orElseThrow();
        assertThat(ra.instant("recorded_at")).isEqualTo(Instant.parse("2026-05-01T10:00:00Z"));
        assertThat(rb.instant("recorded_at")).isEqualTo(Instant.parse("2026-05-01T10:00:00.000001Z"));
    }

    @Test
    void agentsAreVersionedByPromptHashAndFactsPointAtTheVersionInEffect() {
        AgentStore store = memory.get();
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        store.core()
                .recordToolCall(ToolCall.builder()
                        .agent(new AgentRef("coder", "main", "h1"))
                        .tool("x")
                        .occurredAt(t0)
                        .build());
        store.core()
                .recordToolCall(ToolCall.builder()
                        .agent(new AgentRef("coder", "main", "h1"))
                        .tool("x")
                        .occurredAt(t0.plusSeconds(10))
                        .build());
        store.core()
                .recordToolCall(ToolCall.builder()
                        .agent(new AgentRef("coder", "main", "h2"))
                        .tool("x")
                        .occurredAt(t0.plusSeconds(20))
                        .build());
        // a fact without a hash belongs to the current version; a late fact with the old hash to the old one
        store.core()
                .recordToolCall(ToolCall.builder()
                        .agent(AgentRef.of("coder"))
                        .tool("x")
                        .occurredAt(t0.plusSeconds(30))
                        .build());
        store.core()
                .recordToolCall(ToolCall.builder()
                        .agent(new AgentRef("coder", "main", "h1"))
                        .tool("x")
                        .occurredAt(t0.plusSeconds(5))
                        .build());
        assertThat(store.sql(
                                "SELECT system_prompt_hash, valid_from, valid_to, is_current FROM dim_agent ORDER BY valid_from")
                        .rows())
                .extracting(
                        r -> r.string("system_prompt_hash"),
                        r -> r.instant("valid_from"),
                        r -> r.instant("valid_to"),
                        r -> r.bool("is_current"))
                .containsExactly(
                        org.assertj.core.api.Assertions.tuple("h1", t0, t0.plusSeconds(20), false),
                        org.assertj.core.api.Assertions.tuple("h2", t0.plusSeconds(20), null, true));
        assertThat(store.sql("SELECT system_prompt_hash, count(*) AS n FROM v_tool_calls GROUP BY 1 ORDER BY 1")
                        .rows())
                .extracting(r -> r.string("system_prompt_hash"), r -> r.int64("n"))
                .containsExactly(
                        org.assertj.core.api.Assertions.tuple("h1", 3L),
                        org.assertj.core.api.Assertions.tuple("h2", 2L));
    }

    @Test
    void dimensionAttributesUnknownAtFirstAreFilledInLater() {
        AgentStore store = memory.get();
        store.core().recordToolCall(ToolCall.builder().sessionId("s").tool("x").build());
        store.core()
                .recordSessionEvent(SessionEvent.builder()
                        .sessionId("s")
                        .eventType("start")
                        .project("p")
                        .workingDir("/w")
                        .gitBranch("main")
                        .clientVersion("2.1")
                        .build());
        store.core()
                .recordSessionEvent(SessionEvent.builder()
                        .sessionId("s")
                        .eventType("end")
                        .project("other")
                        .build());
        Row s = store.sql("SELECT * FROM dim_session").single().orElseThrow();
        assertThat(s.string("project")).as("first known value kept").isEqualTo("p");
        assertThat(s.string("git_branch")).isEqualTo("main");
    }

    @Test
    void toolsAreClassified() {
        AgentStore store = memory.get();
        store.core()
                .recordToolCall(
                        ToolCall.builder().tool("mcp__github__create_issue").build());
        store.core().recordToolCall(ToolCall.builder().tool("Read").build());
        assertThat(store.sql("SELECT tool_name, tool_type, mcp_server FROM dim_tool ORDER BY tool_name")
                        .rows())
                .extracting(r -> r.values().toString())
                .containsExactly("[Read, builtin, null]", "[mcp__github__create_issue, mcp, github]");
    }

    @Test
    void findAndModuleExplainWhatIsMissing() {
        AgentStore store = memory.get();
        assertThat(store.find(ApiCall.class, UUID.randomUUID())).isEmpty();
        assertThatThrownBy(() -> store.module(String.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no installed module provides java.lang.String")
                .hasMessageContaining("[core]");
        assertThatThrownBy(() -> store.sql(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.sql("SELECT * FROM no_such_table").rows())
                .isInstanceOf(StoreAccessException.class)
                .hasMessageContaining("no_such_table");
    }

    @Test
    void recordKeepsEveryCallWhileImportAllSkipsKnownEventIds() {
        AgentStore store = memory.get();
        UUID id = UUID.nameUUIDFromBytes("x".getBytes());
        // record() appends: the same id twice is two rows (facts are append-only, nothing is dropped)
        store.core().recordToolCall(ToolCall.builder().eventId(id).tool("x").build());
        store.core().recordToolCall(ToolCall.builder().eventId(id).tool("x").build());
        assertThat(store.sql("SELECT count(*) AS n FROM fact_tool_call WHERE event_id = ?", id)
                        .single()
                        .orElseThrow()
                        .int64("n"))
                .isEqualTo(2);
        // importAll() records only what is new, including duplicates within one call
        UUID other = UUID.nameUUIDFromBytes("y".getBytes());
        ToolCall y = ToolCall.builder().eventId(other).tool("y").build();
        assertThat(store.importAll(java.util.List.of(
                        ToolCall.builder().eventId(id).tool("x").build(), y, y)))
                .isEqualTo(1);
        assertThat(store.importAll(java.util.List.of(y))).isZero();
        assertThat(store.sql("SELECT count(*) AS n FROM fact_tool_call")
                        .single()
                        .orElseThrow()
                        .int64("n"))
                .isEqualTo(3);
    }
}
