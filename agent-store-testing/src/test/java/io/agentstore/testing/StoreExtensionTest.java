package io.agentstore.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstore.AgentStore;
import io.agentstore.core.ToolCall;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store extension opens what it was told to, gives each test its own store, and cleans up after. */
class StoreExtensionTest {
    private static final List<Path> FOLDERS = new ArrayList<>();
    private static final List<AgentStore> STORES = new ArrayList<>();

    final MutableClock clock = MutableClock.at("2025-06-15T12:00:00Z");

    @RegisterExtension
    final StoreExtension memory = StoreExtension.inMemory().clock(clock);

    @RegisterExtension
    final StoreExtension file = StoreExtension.file().fileName("agent.duckdb");

    @AfterAll
    static void everyStoreWasClosedAndEveryFolderDeleted() {
        assertThat(STORES).isNotEmpty();
        for (AgentStore s : STORES) {
            assertThatThrownBy(() -> s.sql("SELECT 1")).isInstanceOf(IllegalStateException.class);
        }
        assertThat(FOLDERS).isNotEmpty().allSatisfy(f -> assertThat(f).doesNotExist());
    }

    @Test
    void theInMemoryStoreRunsOnTheInjectedClock() {
        AgentStore store = memory.get();
        STORES.add(store);
        FOLDERS.add(memory.folder());
        assertThat(store.path()).isEmpty();
        assertThat(store.clock().instant()).isEqualTo(Instant.parse("2025-06-15T12:00:00Z"));
        clock.advance(Duration.ofHours(1));
        UUID id = store.core()
                .recordToolCall(
                        ToolCall.builder().tool("Edit").targetPath("a.txt").build());
        assertThat(store.sql("SELECT occurred_at FROM fact_tool_call WHERE event_id = ?", id)
                        .rows()
                        .get(0)
                        .instant("occurred_at"))
                .isEqualTo(Instant.parse("2025-06-15T13:00:00Z"));
        assertThatThrownBy(memory::path)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("in-memory");
    }

    @Test
    void eachTestGetsAFreshStore() {
        STORES.add(memory.get());
        FOLDERS.add(memory.folder());
        assertThat(memory.get()
                        .sql("SELECT count(*) AS n FROM fact_tool_call")
                        .rows()
                        .get(0)
                        .int64("n"))
                .isZero();
        memory.get().core().recordToolCall(ToolCall.builder().tool("Read").build());
    }

    @Test
    void aFileStoreSurvivesAReopen() {
        AgentStore first = file.get();
        STORES.add(first);
        FOLDERS.add(file.folder());
        assertThat(file.path()).isEqualTo(file.folder().resolve("agent.duckdb"));
        assertThat(first.path()).contains(file.path());
        UUID id = first.core()
                .recordToolCall(
                        ToolCall.builder().tool("Write").targetPath("b.txt").build());
        AgentStore second = file.reopen();
        STORES.add(second);
        assertThatThrownBy(() -> first.sql("SELECT 1")).isInstanceOf(IllegalStateException.class);
        assertThat(second.find(ToolCall.class, id)).map(ToolCall::toolName).contains("Write");
        assertThat(Files.exists(file.path())).isTrue();
    }

    @Test
    void configuringDuringATestIsRefused() {
        assertThatThrownBy(() -> memory.clock(clock))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before its store opens");
        assertThatThrownBy(() -> StoreExtension.inMemory().copyOf(() -> Path.of("x")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("file store");
        assertThatThrownBy(() -> StoreExtension.file().fileName("a/b.duckdb"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a/b.duckdb");
    }

    @Test
    void outsideATestThereIsNoStore() {
        assertThatThrownBy(() -> StoreExtension.inMemory().get())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only while a test runs");
    }
}
