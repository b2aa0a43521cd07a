package io.agentstore.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstore.AgentStore;
import io.agentstore.Durability;
import io.agentstore.it.ProbeModule.Probe;
import io.agentstore.spi.AgentStoreException;
import io.agentstore.testing.Eventually;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A full write queue blocks record calls, for at most the queue timeout, and never grows: what was accepted
 * is written, what timed out is not. The writer is slowed down by a probe whose write waits on a latch.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BackpressureTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void aFullQueueMakesTheCallerWaitThenFailWithAClearMessageAndLosesNothingAccepted() throws Exception {
        ProbeModule probes = new ProbeModule();
        try (AgentStore store = AgentStore.builder()
                        .inMemory()
                        .install(probes)
                        .durability(Durability.GROUP_COMMIT)
                        .queueCapacity(1)
                        .queueTimeout(Duration.ofMillis(100))
                        .build();
                ProbeModule.Blocker slow = probes.blockOn("slow")) {
            Async<UUID> a = Async.start("a", () -> store.record(Probe.of("bp", "slow")));
            slow.awaitEntered(TIMEOUT);
            Async<UUID> b = Async.start("b", () -> store.record(Probe.of("bp", "ok-b")));
            Eventually.await("b is queued and waits for its commit", TIMEOUT, () -> b.isInWriter("await"));

            long start = System.nanoTime();
            assertThatThrownBy(() -> store.record(Probe.of("bp", "ok-c")))
                    .isInstanceOf(AgentStoreException.class)
                    .hasMessageContaining("the write queue stayed full for PT0.1S (capacity 1)")
                    .hasMessageContaining("nothing of this call was recorded");
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .as("blocked for the queue timeout")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(100));
            assertThat(a.result()).isNotDone();

            slow.release();
            UUID idA = a.result().get(60, TimeUnit.SECONDS);
            UUID idB = b.result().get(60, TimeUnit.SECONDS);
            assertThat(labels(store)).containsExactlyInAnyOrder("slow", "ok-b");
            assertThat(store.find(Probe.class, idA)).isPresent();
            assertThat(store.find(Probe.class, idB)).isPresent();

            store.record(Probe.of("bp", "ok-d"));
            assertThat(labels(store)).containsExactlyInAnyOrder("slow", "ok-b", "ok-d");
        }
    }

    @Test
    void aBlockedCallerGoesOnAsSoonAsTheWriterCatchesUp() throws Exception {
        ProbeModule probes = new ProbeModule();
        try (AgentStore store = AgentStore.builder()
                        .inMemory()
                        .install(probes)
                        .durability(Durability.GROUP_COMMIT)
                        .queueCapacity(1)
                        .queueTimeout(TIMEOUT)
                        .build();
                ProbeModule.Blocker slow = probes.blockOn("slow")) {
            Async<UUID> a = Async.start("a", () -> store.record(Probe.of("bp", "slow")));
            slow.awaitEntered(TIMEOUT);
            Async<UUID> b = Async.start("b", () -> store.record(Probe.of("bp", "ok-b")));
            Eventually.await("b is queued", TIMEOUT, () -> b.isInWriter("await"));
            Async<UUID> c = Async.start("c", () -> store.record(Probe.of("bp", "ok-c")));
            Eventually.await(
                    "c blocks on the full queue",
                    TIMEOUT,
                    () -> c.isInWriter("offer") && c.thread().getState() == Thread.State.TIMED_WAITING);
            assertThat(c.result()).isNotDone();

            slow.release();
            for (Async<UUID> call : List.of(a, b, c)) {
                assertThat(call.result().get(60, TimeUnit.SECONDS)).isNotNull();
            }
            assertThat(labels(store)).containsExactlyInAnyOrder("slow", "ok-b", "ok-c");
        }
    }

    @Test
    void asyncCallsAlsoBlockOnAFullQueueAndFlushWritesWhatWasAccepted() throws Exception {
        ProbeModule probes = new ProbeModule();
        try (AgentStore store = AgentStore.builder()
                        .inMemory()
                        .install(probes)
                        .durability(Durability.ASYNC)
                        .queueCapacity(1)
                        .queueTimeout(Duration.ofMillis(100))
                        .build();
                ProbeModule.Blocker slow = probes.blockOn("slow")) {
            store.record(Probe.of("bp", "slow"));
            slow.awaitEntered(TIMEOUT);
            store.record(Probe.of("bp", "ok-b"));
            assertThatThrownBy(() -> store.record(Probe.of("bp", "ok-c")))
                    .isInstanceOf(AgentStoreException.class)
                    .hasMessageContaining("stayed full");
            // a flush cannot queue its marker either; it says so without claiming a record was refused
            assertThatThrownBy(store::flush)
                    .isInstanceOf(AgentStoreException.class)
                    .hasMessageContaining("stayed full")
                    .hasMessageNotContaining("recorded");

            slow.release();
            store.flush(); // the refused calls are not failures of the writer
            assertThat(labels(store)).containsExactlyInAnyOrder("slow", "ok-b");
        }
    }

    private static List<String> labels(AgentStore store) {
        return store.sql("SELECT label FROM fact_probe").rows().stream()
                .map(r -> r.string("label"))
                .toList();
    }
}
