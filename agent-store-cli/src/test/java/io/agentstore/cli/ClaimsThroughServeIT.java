package io.agentstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.agents.AgentsModule;
import io.agentstore.agents.WorkItem;
import io.agentstore.mcp.OwnerFile;
import io.agentstore.spi.Row;
import io.agentstore.testing.ChildJvm;
import io.agentstore.testing.Eventually;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Claims across processes: {@code agent-store serve} owns a database with 1,000 work items; four other JVMs
 * (clients that reach the file only through {@code StoreAccess}, so through the owner) claim every item, all in
 * the same order and started together, so each item has four claims in flight. Each item is claimed by exactly
 * one process; each of the three others is told that winner and the winner's assignment; the file, read after
 * serve stopped, holds one accepted assignment per item, by the agent the processes were told.
 */
class ClaimsThroughServeIT {
    private static final int CLIENTS = 4;
    private static final int ITEMS = 1_000;

    @TempDir
    Path dir;

    private record Answer(String agent, boolean claimed, String holder, String assignment) {}

    @Test
    void fourProcessesClaimingThroughServeClaimEachItemExactlyOnce() throws Exception {
        Path db = dir.resolve("claims.duckdb");
        try (AgentStore store =
                AgentStore.builder().path(db).install(AgentsModule.create()).build()) {
            AgentsModule.of(store)
                    .createWork(IntStream.range(0, ITEMS)
                            .mapToObj(i -> new WorkItem("w" + i, "file_edit", "src/F" + i + ".java", "item " + i))
                            .toList());
        }
        Map<String, List<Answer>> answers = new HashMap<>();
        // serve with the full JIT, as a user runs it (children are C1-only by default, for fast short runs)
        try (ChildJvm serve = ChildJvm.start(
                dir,
                List.of("-XX:TieredStopAtLevel=4"),
                Main.class,
                "serve",
                "--db",
                db.toString(),
                "--interval",
                "0s",
                "--lock-wait",
                "10s")) {
            Eventually.await(
                    "serve writes its owner file (stderr: " + serve.stderr() + ")",
                    Duration.ofMinutes(2),
                    () -> OwnerFile.read(db).isPresent() || !serve.process().isAlive());
            assertThat(serve.process().isAlive()).as(serve.stderr()).isTrue();
            List<ChildJvm> clients = new ArrayList<>();
            try {
                for (int c = 0; c < CLIENTS; c++) {
                    // two processes claim w0 upwards and two from the last item down: each pair races for the same
                    // item at the same moment, and the two directions cannot all be won by one process
                    clients.add(ChildJvm.start(
                            dir,
                            ClaimClientMain.class,
                            db.toString(),
                            "agent-" + c,
                            "" + ITEMS,
                            c % 2 == 0 ? "ascending" : "descending"));
                }
                for (ChildJvm client : clients) {
                    assertThat(client.nextLine(Duration.ofMinutes(2))).isEqualTo("READY");
                }
                clients.forEach(c -> c.send("GO"));
                for (int c = 0; c < CLIENTS; c++) {
                    ChildJvm client = clients.get(c);
                    for (int n = 0; n < ITEMS; n++) {
                        int i = c % 2 == 0 ? n : ITEMS - 1 - n;
                        String[] p = client.nextLine(Duration.ofMinutes(5)).split(" ");
                        assertThat(p[0]).isEqualTo("w" + i);
                        answers.computeIfAbsent(p[0], k -> new ArrayList<>())
                                .add(new Answer("agent-" + c, Boolean.parseBoolean(p[1]), p[2], p[3]));
                    }
                    assertThat(client.nextLine(Duration.ofMinutes(1))).isEqualTo("DONE");
                    assertThat(client.waitFor(Duration.ofMinutes(1))).isZero();
                }
            } finally {
                clients.forEach(ChildJvm::close);
            }
            serve.process().destroy(); // SIGTERM: serve closes the store and removes its owner file
            assertThat(serve.process().waitFor(1, TimeUnit.MINUTES)).isTrue();
        }

        assertThat(answers).hasSize(ITEMS);
        Map<String, String> winners = new HashMap<>();
        for (Map.Entry<String, List<Answer>> e : answers.entrySet()) {
            List<Answer> rs = e.getValue();
            assertThat(rs).hasSize(CLIENTS);
            List<Answer> won = rs.stream().filter(Answer::claimed).toList();
            assertThat(won).as("winners of %s", e.getKey()).hasSize(1);
            Answer w = won.get(0);
            assertThat(w.holder()).isEqualTo(w.agent());
            for (Answer lost : rs) {
                if (!lost.claimed()) {
                    assertThat(lost.holder())
                            .as("loser of %s told the winner", e.getKey())
                            .isEqualTo(w.agent());
                    assertThat(lost.assignment()).isEqualTo(w.assignment());
                }
            }
            winners.put(e.getKey(), w.agent());
        }
        // more than one process won items: they really ran at once (not one after the other)
        assertThat(winners.values().stream().distinct().count()).isGreaterThan(1);
        try (AgentStore store =
                AgentStore.builder().path(db).install(AgentsModule.create()).build()) {
            Map<String, String> accepted = new HashMap<>();
            for (Row r : store.sql("SELECT w.work_id, a.agent_name, count(*) OVER (PARTITION BY w.work_id) AS n"
                            + " FROM fact_work_assignment f JOIN dim_work_item w ON w.work_item_key = f.work_item_key"
                            + " JOIN dim_agent a ON a.agent_key = f.agent_key WHERE f.status = 'accepted'")
                    .rows()) {
                assertThat(r.int64("n"))
                        .as("accepted assignments of %s", r.string("work_id"))
                        .isEqualTo(1L);
                accepted.put(r.string("work_id"), r.string("agent_name"));
            }
            assertThat(accepted).isEqualTo(winners);
        }
        assertThat(OwnerFile.besideDatabase(db)).doesNotExist();
    }
}
