package io.agentstore.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstore.AgentStore;
import io.agentstore.Durability;
import io.agentstore.spi.AgentStoreException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The writer's watchdog: when the writer thread ends outside the catch of a write (here: the failure handling
 * itself throws, because a fact type threw an exception whose message cannot be read), every caller waiting
 * on it fails with a clear error instead of waiting forever, and later calls fail at once.
 */
class WriterWatchdogTest {

    @Test
    void callersWaitingOnADeadWriterFailClearly() throws Exception {
        try (AgentStore store = AgentStore.builder()
                .inMemory()
                .install(new ProbeModule())
                .durability(Durability.GROUP_COMMIT)
                .build()) {
            // importAll waits for its commit; the guard only keeps a broken build from hanging
            CompletableFuture<Long> call = CompletableFuture.supplyAsync(
                    () -> store.importAll(List.of(ProbeModule.Probe.of("T", "unspeakable"))));
            ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(
                    ExecutionException.class, () -> call.get(2, TimeUnit.MINUTES));
            assertThat(failed.getCause())
                    .isInstanceOf(AgentStoreException.class)
                    .hasMessageContaining("writer thread")
                    .hasMessageContaining("ended unexpectedly")
                    .hasMessageContaining("this exception has no words")
                    .hasMessageContaining("open it again");
            assertThatThrownBy(() -> store.record(ProbeModule.Probe.of("T", "fine")))
                    .as("a later call fails at once")
                    .isInstanceOf(AgentStoreException.class)
                    .hasMessageContaining("ended unexpectedly");
            assertThatThrownBy(store::flush).isInstanceOf(AgentStoreException.class);
        }
    }
}
