package io.agentstore.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.audit.internal.QueryLog;
import io.agentstore.testing.ChildJvm;
import io.agentstore.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The query log spool under concurrency: appenders of other processes and threads append to
 * {@code <db>.query-log.jsonl} while a writable store drains it, and every line is recorded exactly once. An
 * appender that has the spool open when a drain starts is waited for (the lock file), not cut off: before the
 * lock, the drain renamed the spool, read it and deleted it while the appender still held it open, and the line the
 * appender wrote then was lost.
 */
class QueryLogRaceTest {
    @TempDir
    Path dir;

    private AgentStore open(Path db) {
        return AgentStore.builder()
                .path(db)
                .clock(new MutableClock(Instant.parse("2026-05-01T12:00:00Z")))
                .install(AuditModule.create().withQueryLog(true))
                .build();
    }

    private static long count(AgentStore store, String where) {
        return store.sql("SELECT count(*) AS n FROM fact_query_log WHERE " + where)
                .rows()
                .get(0)
                .int64("n");
    }

    @Test
    void anAppenderHoldingTheSpoolOpenIsWaitedForNotLost() throws Exception {
        Path db = dir.resolve("held.duckdb");
        Path go = dir.resolve("go");
        try (AgentStore store = open(db)) {
            AuditFacade audit = AuditModule.of(store);
            // a line already spooled, so that the drain has a spool to claim
            QueryLog.append(db, QueryLog.line(QueryLogAppenderChild.entry("before")), () -> {});
            try (ChildJvm child =
                    ChildJvm.start(dir, QueryLogAppenderChild.class, "hold", db.toString(), go.toString())) {
                child.awaitLine("OPENED"::equals, Duration.ofMinutes(2));
                // the child holds the spool open and has not written its line yet
                audit.drainQueryLog();
                Files.createFile(go);
                child.awaitLine("DONE"::equals, Duration.ofMinutes(1));
            }
            audit.drainQueryLog();
            assertThat(count(store, "origin = 'before'")).isEqualTo(1);
            assertThat(count(store, "origin = 'held'"))
                    .as("the held appender's line")
                    .isEqualTo(1);
        }
        assertThat(QueryLog.spool(db)).doesNotExist();
    }

    @Test
    void appendersOfTwoProcessesAndThreadsRacingDrainsAreRecordedExactlyOnce() throws Exception {
        Path db = dir.resolve("race.duckdb");
        int perChild = 1_500;
        int perThread = 1_000;
        try (AgentStore store = open(db)) {
            AuditFacade audit = AuditModule.of(store);
            List<ChildJvm> children = new ArrayList<>();
            AtomicBoolean failed = new AtomicBoolean();
            List<Thread> threads = new ArrayList<>();
            long drains = 0;
            try {
                for (int i = 0; i < 2; i++) {
                    children.add(ChildJvm.start(
                            dir, QueryLogAppenderChild.class, "append", db.toString(), String.valueOf(perChild)));
                }
                for (int t = 0; t < 2; t++) {
                    String origin = "thread " + t;
                    Thread th = new Thread(() -> {
                        try {
                            for (int i = 0; i < perThread; i++) {
                                QueryLog.append(db, QueryLog.line(QueryLogAppenderChild.entry(origin)), () -> {});
                            }
                        } catch (RuntimeException e) {
                            failed.set(true);
                            throw e;
                        }
                    });
                    th.start();
                    threads.add(th);
                }
                boolean running = true;
                while (running) {
                    audit.drainQueryLog();
                    drains++;
                    running = threads.stream().anyMatch(Thread::isAlive)
                            || children.stream().anyMatch(c -> c.process().isAlive());
                }
                for (Thread th : threads) {
                    th.join();
                }
                for (ChildJvm c : children) {
                    assertThat(c.process().waitFor()).isZero();
                }
            } finally {
                for (ChildJvm c : children) {
                    c.close();
                }
            }
            audit.drainQueryLog();
            assertThat(failed).isFalse();
            assertThat(drains).isGreaterThan(1);
            long total = 2L * perChild + 2L * perThread;
            assertThat(count(store, "true")).isEqualTo(total);
            assertThat(store.sql("SELECT count(DISTINCT event_id) AS n FROM fact_query_log")
                            .rows()
                            .get(0)
                            .int64("n"))
                    .isEqualTo(total);
            assertThat(count(store, "origin LIKE 'thread %'")).isEqualTo(2L * perThread);
            assertThat(count(store, "origin LIKE 'child %'")).isEqualTo(2L * perChild);
        }
    }
}
