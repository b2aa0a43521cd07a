package io.agentstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstore.core.SessionEvent;
import io.agentstore.core.ToolCall;
import io.agentstore.spi.AgentStoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The write journal of a file store in {@link Durability#SYNC} and {@link Durability#GROUP_COMMIT}, in one
 * process: what the owner's queries, exports and decisions see, what closing leaves, and a full disk under the
 * journal. The kill points are in {@code JournalCrashIT}.
 */
class WriteJournalTest {
    @TempDir
    Path dir;

    private static SessionEvent event(String session) {
        return SessionEvent.builder().sessionId(session).eventType("start").build();
    }

    private static long count(AgentStore store, String where, Object... params) {
        return store.sql("SELECT count(*) AS n FROM fact_session_event" + where, params)
                .single()
                .orElseThrow()
                .int64("n");
    }

    private static Path journal(Path db) {
        return db.resolveSibling(db.getFileName() + ".journal");
    }

    @ParameterizedTest
    @EnumSource(
            value = Durability.class,
            names = {"SYNC", "GROUP_COMMIT"})
    void theOwnersQueriesSeeEveryAcknowledgedRecordAndCloseEmptiesTheJournal(Durability durability) throws Exception {
        Path db = dir.resolve("q-" + durability + ".duckdb");
        try (AgentStore store =
                AgentStore.builder().path(db).durability(durability).build()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(journal(db))))
                    .as("the journal is owner-only, like the database")
                    .isEqualTo("rw-------");
            for (int i = 1; i <= 100; i++) {
                store.record(event("one"));
                assertThat(count(store, ""))
                        .as("after %d acknowledged records", i)
                        .isEqualTo(i);
            }
            // many threads, each checking its own records right after they were acknowledged
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    String session = "thread-" + t;
                    done.add(pool.submit(() -> {
                        for (int i = 1; i <= 25; i++) {
                            store.record(event(session));
                            long seen = count(
                                    store, " e JOIN dim_session s USING (session_key) WHERE s.session_id = ?", session);
                            assertThat(seen).as("%s after %d", session, i).isEqualTo(i);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(5, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(store.journalPending())
                    .as("nothing pending after a query")
                    .isZero();
            store.record(event("last"));
        }
        assertThat(journal(db)).as("closing loads the journal and removes it").doesNotExist();
        try (AgentStore store = AgentStore.builder().path(db).readOnly().build()) {
            assertThat(store.journalPending()).isZero();
            assertThat(count(store, "")).isEqualTo(100 + 8 * 25 + 1);
        }
    }

    @Test
    void anExportLoadsTheJournalFirst() throws Exception {
        Path db = dir.resolve("export.duckdb");
        Path out = dir.resolve("out");
        try (AgentStore store =
                AgentStore.builder().path(db).durability(Durability.SYNC).build()) {
            for (int i = 0; i < 7; i++) {
                store.core()
                        .recordToolCall(ToolCall.builder()
                                .tool("Read")
                                .sessionId("s")
                                .targetPath("F" + i)
                                .build());
            }
            ExportSummary summary = store.export().parquet(out).run();
            assertThat(summary.rows()).containsEntry("fact_tool_call", 7L);
        }
        assertThat(ParquetFiles.rows(ParquetFiles.readAll(out), "fact_tool_call"))
                .hasSize(7);
    }

    @Test
    void aDecisionSeesTheJournaledRecordsAndIsCommittedBeforeItReturnsNeverJournaled() throws Exception {
        Path db = dir.resolve("decide.duckdb");
        try (AgentStore store =
                AgentStore.builder().path(db).durability(Durability.SYNC).build()) {
            for (int i = 0; i < 3; i++) {
                store.record(event("before"));
            }
            long seen = store.inTransaction(tx -> {
                long n = tx.sql("SELECT count(*) AS n FROM fact_session_event")
                        .single()
                        .orElseThrow()
                        .int64("n");
                tx.record(event("decided"));
                return n;
            });
            assertThat(seen)
                    .as("the decision ran after the journaled records were loaded")
                    .isEqualTo(3);
            assertThat(io.agentstore.internal.Journal.pending(db))
                    .as("the decision's record went straight into DuckDB's transaction, not to the journal")
                    .isZero();
            assertThat(store.journalPending()).isZero();
            store.record(event("after"));
            assertThat(io.agentstore.internal.Journal.pending(db))
                    .as("an ordinary record after it is journaled")
                    .isPositive();
            assertThat(count(store, "")).isEqualTo(5);
        }
    }

    @Test
    void importAllIsCommittedDirectlyAndSkipsWhatTheJournalLoaded() throws Exception {
        Path db = dir.resolve("import.duckdb");
        try (AgentStore store = AgentStore.builder()
                .path(db)
                .durability(Durability.GROUP_COMMIT)
                .build()) {
            SessionEvent e = SessionEvent.builder()
                    .eventId(java.util.UUID.nameUUIDFromBytes(new byte[] {7}))
                    .sessionId("s")
                    .eventType("start")
                    .build();
            store.record(e);
            assertThat(store.importAll(List.of(e)))
                    .as("the journaled copy was loaded before the import looked for its event id")
                    .isZero();
            assertThat(io.agentstore.internal.Journal.pending(db)).isZero();
            assertThat(count(store, "")).isEqualTo(1);
        }
    }

    @Test
    void aFullDiskUnderTheJournalFailsTheCallClearlyAndRecordsNothing() throws Exception {
        Path db = dir.resolve("full.duckdb");
        AgentStore.builder().path(db).build().close();
        Path devFull = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(devFull), "/dev/full is needed");
        // every write to the journal fails with ENOSPC, as on a full disk
        Files.createSymbolicLink(journal(db), devFull);
        try (AgentStore store =
                AgentStore.builder().path(db).durability(Durability.SYNC).build()) {
            assertThatThrownBy(() -> store.record(event("s")))
                    .isInstanceOf(AgentStoreException.class)
                    .hasMessageContaining("could not write fact_session_event event")
                    .hasMessageContaining("No space left on device")
                    .hasMessageContaining("is full")
                    .hasMessageContaining("Free space");
            assertThat(count(store, "")).as("the refused record is nowhere").isZero();
            assertThat(store.journalPending()).isZero();
        }
    }

    @Test
    void inAsyncNothingIsJournaled() throws Exception {
        Path db = dir.resolve("async.duckdb");
        try (AgentStore store =
                AgentStore.builder().path(db).durability(Durability.ASYNC).build()) {
            store.record(event("s"));
            store.flush();
            assertThat(io.agentstore.internal.Journal.pending(db)).isZero();
            assertThat(count(store, "")).isEqualTo(1);
        }
    }
}
