package io.agentstore.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstore.AgentStore;
import io.agentstore.Durability;
import io.agentstore.core.ToolCall;
import io.agentstore.it.ProbeModule.Probe;
import io.agentstore.spi.AgentStoreException;
import io.agentstore.spi.Row;
import io.agentstore.testing.Eventually;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Many threads recording at once through the one writer: nothing lost, nothing doubled, one dimension row per
 * natural key even when threads see a key for the first time together, and a record that fails inside the
 * writer fails alone. A hung writer fails the test by its timeout instead of hanging the build.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConcurrencyTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int TOOLS = 37;
    private static final int SESSIONS = 11;

    @TempDir
    Path dir;

    /** What each thread recorded: event id to (tool, session). */
    private final Map<UUID, List<String>> expected = new ConcurrentHashMap<>();

    @Test
    void groupCommitFromEightThreadsKeepsEveryCallOnceWithOneDimensionRowPerKey() throws Exception {
        try (AgentStore store = AgentStore.builder()
                .inMemory()
                .durability(Durability.GROUP_COMMIT)
                .build()) {
            recordConcurrently(store, 8, 2_000);
            assertStoredExactly(store, 16_000);
        }
    }

    @Test
    void syncFromEightThreadsKeepsEveryCallOnce() throws Exception {
        try (AgentStore store =
                AgentStore.builder().inMemory().durability(Durability.SYNC).build()) {
            recordConcurrently(store, 8, 150);
            assertStoredExactly(store, 1_200);
        }
    }

    @Test
    void asyncFromEightThreadsKeepsEveryCallOnceAfterFlush() throws Exception {
        try (AgentStore store =
                AgentStore.builder().inMemory().durability(Durability.ASYNC).build()) {
            recordConcurrently(store, 8, 2_000);
            store.flush();
            assertStoredExactly(store, 16_000);
        }
    }

    @Test
    void aRecordThatFailsInsideTheWriterFailsAloneAndItsBatchCompanionsAreWritten() throws Exception {
        ProbeModule probes = new ProbeModule();
        try (AgentStore store = AgentStore.builder()
                        .inMemory()
                        .install(probes)
                        .durability(Durability.GROUP_COMMIT)
                        .build();
                ProbeModule.Blocker gate = probes.blockOn("gate")) {
            // Hold the writer so that everything below queues up and is drained as one batch.
            Async<UUID> gateCall = Async.start("gate", () -> store.record(Probe.of("gate-tool", "gate")));
            gate.awaitEntered(TIMEOUT);

            UUID poisonId = UUID.randomUUID();
            List<Async<UUID>> companions = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                int n = i;
                companions.add(
                        Async.start("probe-" + i, () -> store.record(Probe.of("fresh-probe-tool-" + n, "ok-" + n))));
                companions.add(Async.start(
                        "call-" + i,
                        () -> store.core()
                                .recordToolCall(ToolCall.builder()
                                        .tool("fresh-tool-" + n)
                                        .sessionId("fresh-session")
                                        .build())));
            }
            Async<UUID> poison =
                    Async.start("poison", () -> store.record(Probe.of(poisonId, "poison-only-tool", "poison")));
            companions.add(Async.start("probe-late", () -> store.record(Probe.of("fresh-probe-tool-late", "ok-late"))));
            for (Async<UUID> a : concat(companions, List.of(poison))) {
                Eventually.await(a.thread().getName() + " waits for its commit", TIMEOUT, () -> a.isInWriter("await"));
            }
            gate.release();

            assertThat(gateCall.result().get(60, TimeUnit.SECONDS)).isNotNull();
            assertThatThrownBy(() -> poison.result().get(60, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(AgentStoreException.class)
                    .hasMessageContaining("fact_probe event " + poisonId)
                    .hasMessageContaining("probe poison refuses to be written");
            List<UUID> written = new ArrayList<>();
            for (Async<UUID> a : companions) {
                written.add(a.result().get(60, TimeUnit.SECONDS));
            }

            assertThat(count(store, "SELECT count(*) AS n FROM fact_probe")).isEqualTo(8);
            assertThat(count(store, "SELECT count(*) AS n FROM fact_tool_call")).isEqualTo(6);
            assertThat(count(store, "SELECT count(*) AS n FROM fact_probe WHERE event_id = ?", poisonId))
                    .isZero();
            for (UUID id : written) {
                assertThat(count(
                                store,
                                "SELECT (SELECT count(*) FROM fact_probe WHERE event_id = ?)"
                                        + " + (SELECT count(*) FROM fact_tool_call WHERE event_id = ?) AS n",
                                id,
                                id))
                        .as("copies of %s", id)
                        .isEqualTo(1);
            }
            // the failed record's new tool was rolled back with it; its companions' new tools were kept, once
            assertThat(count(store, "SELECT count(*) AS n FROM dim_tool WHERE tool_name = 'poison-only-tool'"))
                    .isZero();
            assertThat(count(store, "SELECT count(*) AS n FROM dim_tool WHERE tool_name LIKE 'fresh-%'"))
                    .isEqualTo(13);
            assertThat(
                            count(
                                    store,
                                    "SELECT count(*) AS n FROM v_probes WHERE label LIKE 'ok-%' AND tool_name LIKE 'fresh-probe-tool-%'"))
                    .isEqualTo(7);
            assertThat(count(
                            store,
                            "SELECT count(*) AS n FROM v_tool_calls WHERE tool_name LIKE 'fresh-tool-%'"
                                    + " AND session_id = 'fresh-session'"))
                    .isEqualTo(6);

            // and the store goes on: the same tables, the same dimensions, a retry of the failed tool name
            UUID after = store.record(Probe.of("poison-only-tool", "ok-after"));
            store.core().recordToolCall(ToolCall.builder().tool("fresh-tool-0").build());
            assertThat(store.find(Probe.class, after))
                    .hasValueSatisfying(p -> assertThat(p.tool()).isEqualTo("poison-only-tool"));
            assertThat(count(store, "SELECT count(*) AS n FROM dim_tool WHERE tool_name = 'poison-only-tool'"))
                    .isEqualTo(1);
            assertThat(count(store, "SELECT count(*) AS n FROM fact_tool_call")).isEqualTo(7);
        }
    }

    @Test
    void aBulkCallWithOneBadRecordWritesNoneOfItAndTheStoreGoesOn() {
        try (AgentStore store =
                AgentStore.builder().inMemory().install(new ProbeModule()).build()) {
            assertThatThrownBy(() -> store.recordAll(List.of(
                            Probe.of("bulk-tool", "ok-1"),
                            Probe.of("bulk-tool", "poison"),
                            Probe.of("bulk-tool", "ok-2"))))
                    .isInstanceOf(AgentStoreException.class)
                    .hasMessageContaining("probe poison refuses to be written");
            assertThat(count(store, "SELECT count(*) AS n FROM fact_probe")).isZero();
            assertThat(count(store, "SELECT count(*) AS n FROM dim_tool WHERE tool_name = 'bulk-tool'"))
                    .isZero();
            assertThat(store.recordAll(List.of(Probe.of("bulk-tool", "ok-1"), Probe.of("bulk-tool", "ok-2"))))
                    .hasSize(2);
            assertThat(count(store, "SELECT count(*) AS n FROM v_probes WHERE tool_name = 'bulk-tool'"))
                    .isEqualTo(2);
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anErrorThrownInsideTheWriterFailsThatRecordAndTheWriterSurvives() throws Exception {
        for (Durability durability : List.of(Durability.SYNC, Durability.GROUP_COMMIT)) {
            try (AgentStore store = AgentStore.builder()
                    .inMemory()
                    .install(new ProbeModule())
                    .durability(durability)
                    .build()) {
                Async<UUID> failing = Async.start("error", () -> store.record(Probe.of("t", "error")));
                assertThatThrownBy(() -> failing.result().get(60, TimeUnit.SECONDS))
                        .as(durability.name())
                        .isInstanceOf(ExecutionException.class)
                        .cause()
                        .isInstanceOf(AgentStoreException.class)
                        .hasMessageContaining("probe error throws an Error");
                Async<UUID> next = Async.start("next", () -> store.record(Probe.of("t", "ok")));
                assertThat(next.result().get(60, TimeUnit.SECONDS))
                        .as(durability.name())
                        .isNotNull();
                assertThat(count(store, "SELECT count(*) AS n FROM v_probes WHERE tool_name = 't'"))
                        .isEqualTo(1);
            }
        }
    }

    @Test
    void asyncFailuresInOneLargeBatchAreReportedByTheNextFlushOnceAndTheRestIsWritten() throws Exception {
        ProbeModule probes = new ProbeModule();
        Set<Integer> poisoned = Set.of(0, 417, 418, 999);
        try (AgentStore store = AgentStore.builder()
                        .inMemory()
                        .install(probes)
                        .durability(Durability.ASYNC)
                        .build();
                ProbeModule.Blocker gate = probes.blockOn("gate")) {
            store.record(Probe.of("gate-tool", "gate"));
            gate.awaitEntered(TIMEOUT);
            // all of these queue behind the gate and reach the writer as one batch
            for (int i = 0; i < 1_000; i++) {
                store.record(Probe.of("async-tool-" + (i % 10), poisoned.contains(i) ? "poison-" + i : "ok-" + i));
            }
            gate.release();
            assertThatThrownBy(store::flush)
                    .isInstanceOf(AgentStoreException.class)
                    .hasMessageContaining("4 asynchronously recorded fact(s) could not be written")
                    .hasMessageContaining("refuses to be written");
            store.flush(); // reported once
            assertThat(count(store, "SELECT count(*) AS n FROM fact_probe")).isEqualTo(997);
            assertThat(count(store, "SELECT count(DISTINCT label) AS n FROM fact_probe"))
                    .isEqualTo(997);
            assertThat(count(store, "SELECT count(*) AS n FROM fact_probe WHERE label LIKE 'poison%'"))
                    .isZero();
            assertThat(count(store, "SELECT count(*) AS n FROM dim_tool WHERE tool_name LIKE 'async-tool-%'"))
                    .isEqualTo(10);
        }
    }

    @ParameterizedTest
    @EnumSource(Durability.class)
    void closingWhileThreadsRecordStrandsNoCallerAndKeepsEverythingAccepted(Durability durability) throws Exception {
        for (int round = 0; round < 5; round++) {
            Path file = dir.resolve("closing-" + durability + "-" + round + ".duckdb");
            Set<UUID> accepted = ConcurrentHashMap.newKeySet();
            List<Throwable> refusals = Collections.synchronizedList(new ArrayList<>());
            AgentStore store = AgentStore.builder()
                    .path(file)
                    .durability(durability)
                    .queueCapacity(64)
                    .build();
            List<Async<Void>> workers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                workers.add(Async.start("closing-" + t, () -> {
                    while (true) {
                        try {
                            accepted.add(store.core()
                                    .recordToolCall(
                                            ToolCall.builder().tool("Close").build()));
                        } catch (IllegalStateException closed) {
                            refusals.add(closed);
                            return null;
                        }
                    }
                }));
            }
            Eventually.await("the threads have recorded a few hundred calls", TIMEOUT, () -> accepted.size() >= 300);
            store.close();
            for (Async<Void> w : workers) {
                // a caller whose record slipped in behind the writer's stop waited here for ever
                w.result().get(30, TimeUnit.SECONDS);
            }
            assertThat(refusals).hasSize(8).allSatisfy(e -> assertThat(e).hasMessageContaining("closed"));
            try (AgentStore reopened = AgentStore.builder().path(file).build()) {
                Set<UUID> stored = new HashSet<>();
                reopened.sql("SELECT event_id FROM fact_tool_call").rows().forEach(r -> stored.add(r.uuid("event_id")));
                // in every mode, close() writes what it accepted: a call that returned an id is in the file
                assertThat(stored)
                        .as("round %d: ids returned before close but not written", round)
                        .containsAll(accepted);
            }
        }
    }

    private void recordConcurrently(AgentStore store, int threads, int perThread) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Async<Void>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            workers.add(Async.start("recorder-" + t, () -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    // threads walk the names in different orders, so first sightings race
                    String tool = "Tool-" + ((i * (thread + 1)) % TOOLS);
                    String session = "session-" + ((i + thread) % SESSIONS);
                    UUID id = store.core()
                            .recordToolCall(ToolCall.builder()
                                    .tool(tool)
                                    .sessionId(session)
                                    .targetPath("src/" + thread + "/F" + (i % 5) + ".java")
                                    .build());
                    if (expected.put(id, List.of(tool, session)) != null) {
                        throw new AssertionError("event id " + id + " handed out twice");
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Async<Void> w : workers) {
            w.result().get(5, TimeUnit.MINUTES);
        }
    }

    private void assertStoredExactly(AgentStore store, int total) {
        assertThat(expected).hasSize(total);
        Map<UUID, List<String>> stored = new HashMap<>();
        for (Row r : store.sql("SELECT event_id, tool_name, session_id FROM v_tool_calls")
                .rows()) {
            List<String> previous =
                    stored.put(r.uuid("event_id"), List.of(r.string("tool_name"), r.string("session_id")));
            assertThat(previous)
                    .as("event %s is stored more than once", r.uuid("event_id"))
                    .isNull();
        }
        assertThat(count(store, "SELECT count(*) AS n FROM fact_tool_call")).isEqualTo(total);
        assertThat(stored).isEqualTo(expected);
        assertThat(count(store, "SELECT count(*) AS n FROM dim_tool")).isEqualTo(TOOLS);
        assertThat(count(store, "SELECT count(DISTINCT tool_name) AS n FROM dim_tool"))
                .isEqualTo(TOOLS);
        assertThat(count(store, "SELECT count(*) AS n FROM dim_session")).isEqualTo(SESSIONS);
        assertThat(count(store, "SELECT count(DISTINCT session_id) AS n FROM dim_session"))
                .isEqualTo(SESSIONS);
        assertThat(count(store, "SELECT count(*) AS n FROM dim_file"))
                .isEqualTo(count(store, "SELECT count(DISTINCT file_path) AS n FROM dim_file"));
        // every fact points at an existing member: no key handed out twice, none lost to a rollback
        assertThat(
                        count(
                                store,
                                "SELECT count(*) AS n FROM fact_tool_call f LEFT JOIN dim_tool t USING (tool_key)"
                                        + " LEFT JOIN dim_session s USING (session_key) WHERE t.tool_key IS NULL OR s.session_key IS NULL"))
                .isZero();
    }

    private static long count(AgentStore store, String sql, Object... params) {
        return store.sql(sql, params).single().orElseThrow().int64("n");
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> r = new ArrayList<>(a);
        r.addAll(b);
        return r;
    }
}
