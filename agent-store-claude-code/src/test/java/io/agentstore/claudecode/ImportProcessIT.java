package io.agentstore.claudecode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstore.AgentStore;
import io.agentstore.StoreLockedException;
import io.agentstore.spi.Row;
import io.agentstore.testing.ChildJvm;
import io.agentstore.testing.Eventually;
import io.agentstore.testing.Soak;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The importer as a separate process ({@link ImporterMain}) over a synthetic history that takes a few seconds
 * to import: killed with SIGKILL at random points, the store reopens every time without repair, holds no fact
 * twice, and the next import completes it to exactly what one clean import gives. A reader that opens the store
 * during an import gets a {@link StoreLockedException} naming the importer's PID, or, waiting long enough, its
 * turn, and then sees the complete import.
 */
class ImportProcessIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Instant END = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<String> FACT_TABLES = List.of(
            "fact_api_call",
            "fact_tool_call",
            "fact_file_modification",
            "fact_session_event",
            "fact_error",
            "fact_decision",
            "fact_task_outcome",
            "fact_ingest_run",
            "fact_ingest_error");

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    static Path projects;
    static SyntheticHistory.Ledger ledger;
    static Map<String, String> clean;

    @BeforeAll
    static void writeHistoryAndImportItOnce() {
        projects = shared.resolve("projects");
        ledger = SyntheticHistory.of(20260101L, 160, END, 30).writeTo(projects);
        try (AgentStore store = AgentStore.builder().inMemory().build()) {
            ClaudeCodeImporter.builder(store)
                    .projectsDir(projects)
                    .idleAfter(Duration.ZERO)
                    .build()
                    .run();
            clean = snapshot(store);
        }
        assertThat(clean.get("fact_api_call")).as("the clean import").isNotEqualTo("0 facts");
    }

    /** Per fact table: how many facts and a digest of their sorted event ids; tokens per day and model. */
    static Map<String, String> snapshot(AgentStore store) {
        Map<String, String> s = new TreeMap<>();
        for (String t : FACT_TABLES) {
            Row r = store.sql("SELECT count(*) AS n, count(DISTINCT event_id) AS d,"
                            + " md5(string_agg(CAST(event_id AS VARCHAR), ',' ORDER BY event_id)) AS h FROM " + t)
                    .single()
                    .orElseThrow();
            assertThat(r.int64("d")).as("%s: facts stored more than once", t).isEqualTo(r.int64("n"));
            s.put(t, r.int64("n") + " facts" + (r.int64("n") == 0 ? "" : " " + r.string("h")));
        }
        for (Row r : store.sql(
                        "SELECT CAST(timezone('UTC', occurred_at) AS DATE) AS day, model_name,"
                                + " sum(input_tokens) AS i, sum(output_tokens) AS o, sum(cache_read_tokens) AS r,"
                                + " sum(cache_write_5m_tokens) AS w5, sum(cache_write_1h_tokens) AS w1 FROM v_api_calls GROUP BY ALL")
                .rows()) {
            s.put(
                    "tokens " + r.get("day") + " " + r.string("model_name"),
                    r.get("i") + "/" + r.get("o") + "/" + r.get("r") + "/" + r.get("w5") + "/" + r.get("w1"));
        }
        return s;
    }

    @Test
    void killedImportsLeaveAStoreThatOpensHoldsNothingTwiceAndTheNextImportCompletes() throws Exception {
        long seed = Long.getLong("crash.seed", 0x5EED_0300L);
        int rounds = Integer.getInteger("crash.rounds", Soak.pick(3, 20));
        Random random = new Random(seed);
        Path db = dir.resolve("killed.duckdb");
        int killedMidway = 0;
        for (int round = 1; round <= rounds; round++) {
            long killAt = (long) (random.nextDouble() * ledger.bytes() * 0.9);
            String context = "import round " + round + " of seed " + seed + " (kill after " + killAt + " of "
                    + ledger.bytes() + " bytes)";
            boolean finished = false;
            try (ChildJvm child =
                    ChildJvm.start(dir, List.of(), ImporterMain.class, "import", db.toString(), projects.toString())) {
                child.awaitLine(l -> l.startsWith("READY"), TIMEOUT);
                while (true) {
                    String line = child.nextLine(TIMEOUT);
                    if (line.startsWith("IMPORTED")) {
                        finished = true;
                        break;
                    }
                    assertThat(line).as(context).startsWith("BYTES ");
                    if (Long.parseLong(line.substring(6)) >= killAt) {
                        break;
                    }
                }
                child.kill();
            }
            try (AgentStore store =
                    AgentStore.builder().path(db).lockWait(TIMEOUT).build()) {
                Map<String, String> now = snapshot(store);
                System.out.printf(
                        "ImportProcessIT %s: %s; %s API calls in the store%n",
                        context,
                        finished ? "the import had finished" : "killed in the middle",
                        now.get("fact_api_call"));
            }
            if (!finished) {
                killedMidway++;
            }
        }
        try (AgentStore store = AgentStore.builder().path(db).build()) {
            ImportSummary s = ClaudeCodeImporter.builder(store)
                    .projectsDir(projects)
                    .idleAfter(Duration.ZERO)
                    .build()
                    .run();
            assertThat(s.errors()).isZero();
            assertThat(snapshot(store))
                    .as("the killed imports plus one more equal one clean import")
                    .isEqualTo(clean);
            ImportSummary again = ClaudeCodeImporter.builder(store)
                    .projectsDir(projects)
                    .idleAfter(Duration.ZERO)
                    .build()
                    .run();
            assertThat(again.recordsWritten())
                    .as("importing once more changes nothing")
                    .isZero();
            assertThat(snapshot(store)).isEqualTo(clean);
        }
        long facts = clean.entrySet().stream()
                .filter(e -> e.getKey().startsWith("fact_"))
                .mapToLong(e -> Long.parseLong(e.getValue().split(" ")[0]))
                .sum();
        System.out.printf(
                "ImportProcessIT FIGURES import: %d kills survived (%d in the middle of an import), %d facts"
                        + " checked equal to a clean import (%d files, %d bytes), 0 lost, 0 doubled%n",
                rounds, killedMidway, facts, ledger.files(), ledger.bytes());
        assertThat(killedMidway).as("at least one kill landed inside an import").isPositive();
    }

    @Test
    void aReaderDuringAnImportIsToldWhoHoldsTheStoreOrWaitsForItsTurn() throws Exception {
        Path db = dir.resolve("held.duckdb");
        try (ChildJvm child = ChildJvm.start(
                dir, List.of(), ImporterMain.class, "import", db.toString(), projects.toString(), "hold")) {
            child.awaitLine(l -> l.startsWith("READY"), TIMEOUT);
            child.awaitLine(l -> l.startsWith("BYTES"), TIMEOUT);
            Path real = db.toRealPath();
            assertThatThrownBy(() -> AgentStore.builder()
                            .path(db)
                            .lockWait(Duration.ofMillis(300))
                            .build())
                    .isInstanceOfSatisfying(StoreLockedException.class, e -> {
                        assertThat(e.holderPid()).hasValue(child.pid());
                        assertThat(e.getMessage()).contains(real.toString()).contains("process " + child.pid());
                    });

            AtomicReference<Thread> opener = new AtomicReference<>();
            CompletableFuture<AgentStore> waiting = CompletableFuture.supplyAsync(() -> {
                opener.set(Thread.currentThread());
                return AgentStore.builder().path(db).lockWait(TIMEOUT).build();
            });
            child.awaitLine(l -> l.startsWith("IMPORTED"), TIMEOUT);
            Eventually.await(
                    "the reader waits for the lock",
                    TIMEOUT,
                    () -> opener.get() != null && Eventually.isIn(opener.get(), "AgentStore$Builder", "pause"));
            assertThat(waiting).isNotDone();
            child.closeStdin();
            assertThat(child.awaitLine(l -> l.equals("CLOSED"), TIMEOUT)).isEqualTo("CLOSED");
            assertThat(child.waitFor(TIMEOUT)).isZero();
            try (AgentStore store = waiting.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                assertThat(snapshot(store))
                        .as("the reader's turn came after the import: all of it")
                        .isEqualTo(clean);
            }
        }
    }
}
