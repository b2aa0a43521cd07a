package io.agentstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstore.core.AgentRef;
import io.agentstore.core.CallContext;
import io.agentstore.core.SessionEvent;
import io.agentstore.spi.InvalidRecordException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The background recorder that instrumented SDK clients and framework listeners share: what is submitted is in the
 * store after close, one bad record loses only itself, a full queue or a closed recorder never throws at the caller;
 * and the one {@link CallContext} they all read.
 */
class BackgroundRecorderTest {
    @TempDir
    Path dir;

    private static SessionEvent event(String session) {
        return SessionEvent.builder().sessionId(session).eventType("start").build();
    }

    private static long count(AgentStore store) {
        return store.sql("SELECT count(*) AS n FROM fact_session_event")
                .rows()
                .get(0)
                .int64("n");
    }

    @Test
    void everythingSubmittedIsRecordedByClose() {
        try (AgentStore store =
                AgentStore.builder().path(dir.resolve("r.duckdb")).build()) {
            try (BackgroundRecorder recorder = new BackgroundRecorder(store, 10_000, "test-recorder")) {
                for (int i = 0; i < 2_500; i++) {
                    String session = "s" + i;
                    recorder.submit(() -> new BackgroundRecorder.Facts(event(session), List.of()));
                }
            }
            assertThat(count(store)).isEqualTo(2_500);
        }
    }

    @Test
    void aRecordThatFailsToBuildLosesOnlyItself() {
        try (AgentStore store =
                AgentStore.builder().path(dir.resolve("b.duckdb")).build()) {
            try (BackgroundRecorder recorder = new BackgroundRecorder(store, 100, "test-recorder")) {
                recorder.submit(() -> new BackgroundRecorder.Facts(event("good-1"), List.of()));
                recorder.submit(() -> new BackgroundRecorder.Facts(event(" "), List.of())); // blank session id
                recorder.submit(() -> {
                    throw new IllegalStateException("the SDK response could not be read");
                });
                recorder.submit(() -> new BackgroundRecorder.Facts(event("good-2"), List.of()));
            }
            assertThat(store
                            .sql("SELECT s.session_id FROM fact_session_event f JOIN dim_session s USING (session_key)"
                                    + " ORDER BY 1")
                            .rows()
                            .stream()
                            .map(r -> r.string("session_id"))
                            .toList())
                    .containsExactly("good-1", "good-2");
        }
    }

    @Test
    void aFullQueueAndAClosedRecorderCostALogLineNotAnException() throws Exception {
        try (AgentStore store =
                AgentStore.builder().path(dir.resolve("f.duckdb")).build()) {
            CountDownLatch blocked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            BackgroundRecorder recorder = new BackgroundRecorder(store, 2, "test-recorder");
            recorder.submit(() -> {
                blocked.countDown();
                awaitQuietly(release);
                return new BackgroundRecorder.Facts(event("first"), List.of());
            });
            assertThat(blocked.await(30, TimeUnit.SECONDS)).isTrue();
            recorder.submit(() -> new BackgroundRecorder.Facts(event("queued-1"), List.of()));
            recorder.submit(() -> new BackgroundRecorder.Facts(event("queued-2"), List.of()));
            recorder.submit(() -> new BackgroundRecorder.Facts(event("dropped"), List.of())); // queue of 2 is full
            release.countDown();
            recorder.close();
            recorder.submit(() -> new BackgroundRecorder.Facts(event("after-close"), List.of()));
            recorder.close();
            assertThat(count(store)).as("first, queued-1, queued-2").isEqualTo(3);
        }
    }

    @Test
    void badConstructionArgumentsAreNamed() {
        try (AgentStore store =
                AgentStore.builder().path(dir.resolve("c.duckdb")).build()) {
            assertThatThrownBy(() -> new BackgroundRecorder(store, 0, "x"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("capacity")
                    .hasMessageContaining("0");
        }
        assertThatThrownBy(() -> new BackgroundRecorder(null, 1, "x")).hasMessageContaining("store");
    }

    @Test
    void anEnteredContextWinsUntilItsScopeClosesAndNests() {
        CallContext given = CallContext.session("s-given");
        assertThat(CallContext.currentOr(given)).isSameAs(given);
        CallContext outer = CallContext.session("s-outer").withAgent("main");
        CallContext inner = outer.withAgent(AgentRef.of("reviewer", "subagent"));
        CallContext.Scope a = CallContext.enter(outer);
        assertThat(CallContext.currentOr(given)).isEqualTo(outer);
        CallContext.Scope b = CallContext.enter(inner);
        assertThat(CallContext.current()).contains(inner);
        b.close();
        b.close(); // closing twice does nothing
        assertThat(CallContext.current()).contains(outer);
        a.close();
        assertThat(CallContext.current()).isEmpty();
        assertThatThrownBy(() -> CallContext.session(" "))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("sessionId");
        assertThatThrownBy(() -> CallContext.enter(null)).hasMessageContaining("CallContext.NONE");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
