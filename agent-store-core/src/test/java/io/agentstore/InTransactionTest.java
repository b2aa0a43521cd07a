package io.agentstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstore.core.SessionEvent;
import io.agentstore.spi.QueryResult;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code inTransaction}: a decision reads what was committed before it and records in its own transaction. */
class InTransactionTest {
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
    void aDecisionSeesEarlierFactsAndCommitsItsOwnOrNothing() {
        try (AgentStore store = AgentStore.builder()
                .path(dir.resolve("t.duckdb"))
                .durability(Durability.ASYNC)
                .build()) {
            store.record(event("s1")); // queued, not yet committed when the decision is called
            long seen = store.inTransaction(tx -> {
                long n = tx.sql("SELECT count(*) AS n FROM fact_session_event")
                        .rows()
                        .get(0)
                        .int64("n");
                tx.record(event("s2"));
                tx.record(event("s3"));
                return n;
            });
            assertThat(seen)
                    .as("the decision ran after the fact recorded before it")
                    .isEqualTo(1);
            assertThat(count(store)).isEqualTo(3);

            assertThatThrownBy(() -> store.inTransaction(tx -> {
                        tx.record(event("s4"));
                        throw new IllegalStateException("changed my mind");
                    }))
                    .hasMessage("changed my mind");
            assertThat(count(store))
                    .as("a decision that throws records nothing")
                    .isEqualTo(3);

            AtomicReference<QueryResult> late = new AtomicReference<>();
            store.inTransaction(tx -> {
                late.set(tx.sql("SELECT 1 AS one"));
                return null;
            });
            assertThatThrownBy(() -> late.get().rows())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("after its decision returned");
        }
    }

    @Test
    void aReadOnlyStoreRefusesDecisions() {
        Path file = dir.resolve("r.duckdb");
        AgentStore.builder().path(file).build().close();
        try (AgentStore store = AgentStore.builder().path(file).readOnly().build()) {
            assertThatThrownBy(() -> store.inTransaction(tx -> null))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("read-only");
        }
    }
}
