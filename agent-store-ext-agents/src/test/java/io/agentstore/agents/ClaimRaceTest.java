package io.agentstore.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.spi.Row;
import io.agentstore.testing.Soak;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * 16 threads race for each of 40 work items: every thread tries every item in the same order, started
 * together, so each item has 16 claims in flight at once (the writer queue holds the others while it decides
 * one). Each item is claimed by exactly one thread; every loser is told that winner; the store holds exactly one
 * accepted assignment per item. One round (640 contended claims) in the normal build, 100 rounds on fresh
 * files (64,000 claims) with {@code -Dagentstore.soak=true}. A claim decided outside the writer's transaction
 * (read the holder, then record) fails it: two threads read "nobody holds it" before either records.
 */
class ClaimRaceTest {
    private static final int THREADS = 16;
    private static final int ITEMS = 40;

    @TempDir
    Path dir;

    @RepeatedTest(1)
    void sixteenThreadsRacingForEachItemClaimItExactlyOnce() throws Exception {
        int rounds = Soak.pick(1, 100);
        for (int round = 0; round < rounds; round++) {
            race(dir.resolve("race-" + round + ".duckdb"));
        }
    }

    private void race(Path file) throws Exception {
        try (AgentStore store =
                AgentStore.builder().path(file).install(AgentsModule.create()).build()) {
            AgentsFacade agents = AgentsModule.of(store);
            List<WorkItem> items = IntStream.range(0, ITEMS)
                    .mapToObj(i -> new WorkItem("w" + i, "file_edit", "src/F" + i + ".java", "item " + i))
                    .toList();
            agents.createWork(items);
            // what each thread was told: work id -> (agent, claimed?, holder)
            Map<String, List<ClaimResult>> answers = new ConcurrentHashMap<>();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    String agent = "agent-" + t;
                    List<WorkItem> order = items;
                    futures.add(pool.submit(() -> {
                        start.await();
                        for (WorkItem w : order) {
                            ClaimResult r = agents.claimWork(w.id(), agent);
                            answers.computeIfAbsent(w.id(), k -> Collections.synchronizedList(new ArrayList<>()))
                                    .add(
                                            r.claimed()
                                                    ? r
                                                    : new ClaimResult(
                                                            false,
                                                            w.id(),
                                                            r.holder() + "<-" + agent,
                                                            r.assignmentId(),
                                                            r.since(),
                                                            r.leaseExpiresAt()));
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : futures) {
                    f.get(10, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(answers).hasSize(ITEMS);
            for (Map.Entry<String, List<ClaimResult>> e : answers.entrySet()) {
                List<ClaimResult> rs = e.getValue();
                assertThat(rs).as("answers for %s", e.getKey()).hasSize(THREADS);
                List<ClaimResult> won = rs.stream().filter(ClaimResult::claimed).toList();
                assertThat(won).as("winners of %s", e.getKey()).hasSize(1);
                String winner = won.get(0).holder();
                for (ClaimResult lost : rs) {
                    if (!lost.claimed()) {
                        assertThat(lost.holder())
                                .as("loser of %s told the winner", e.getKey())
                                .startsWith(winner + "<-");
                        assertThat(lost.assignmentId()).isEqualTo(won.get(0).assignmentId());
                    }
                }
            }
            // the store agrees, counted from the fact table itself
            Map<String, Long> accepted = new HashMap<>();
            for (Row r : store.sql("SELECT w.work_id, count(*) AS n FROM fact_work_assignment f"
                            + " JOIN dim_work_item w ON w.work_item_key = f.work_item_key WHERE f.status = 'accepted'"
                            + " GROUP BY w.work_id")
                    .rows()) {
                accepted.put(r.string("work_id"), r.int64("n"));
            }
            assertThat(accepted).hasSize(ITEMS);
            assertThat(accepted.values()).containsOnly(1L);
            assertThat(store.sql("SELECT count(*) AS n FROM v_work_items WHERE status = 'in_progress'")
                            .rows()
                            .get(0)
                            .int64("n"))
                    .isEqualTo(ITEMS);
        }
    }
}
