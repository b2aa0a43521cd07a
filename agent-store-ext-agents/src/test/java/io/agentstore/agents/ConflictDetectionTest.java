package io.agentstore.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.core.FileModification;
import io.agentstore.spi.Row;
import io.agentstore.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conflicts come from what really happened: core file modifications by two sessions within 30 minutes of each
 * other on one file are one conflict; edits farther apart, or by one session alone, are none.
 */
class ConflictDetectionTest {
    @TempDir
    Path dir;

    private static FileModification edit(String session, String agent, String path, String at) {
        return FileModification.builder()
                .sessionId(session)
                .agent(agent)
                .filePath(path)
                .modificationType("edit")
                .tool("Edit")
                .occurredAt(Instant.parse(at))
                .build();
    }

    @Test
    void twoSessionsEditingOneFileWithinTheWindowConflictOnce() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-10T10:20:00Z"));
        try (AgentStore store = AgentStore.builder()
                .path(dir.resolve("c.duckdb"))
                .clock(clock)
                .install(AgentsModule.create())
                .build()) {
            AgentsFacade agents = AgentsModule.of(store);
            store.recordAll(List.of(
                    edit("s1", "main", "src/A.java", "2026-01-10T10:00:00Z"),
                    edit("s2", "main", "src/A.java", "2026-01-10T10:10:00Z"), // 10 min after s1: conflict
                    edit("s1", "main", "src/A.java", "2026-01-10T10:15:00Z"), // same pair again: same conflict
                    edit("s1", "main", "src/B.java", "2026-01-10T10:00:00Z"),
                    edit("s1", "main", "src/B.java", "2026-01-10T10:05:00Z"), // one session alone: none
                    edit("s3", "main", "src/C.java", "2026-01-10T08:00:00Z"),
                    edit("s4", "main", "src/C.java", "2026-01-10T09:00:00Z"))); // an hour apart: none

            assertThat(agents.detectConflicts(null)).isEqualTo(1);
            assertThat(agents.detectConflicts(null))
                    .as("detecting again records nothing new")
                    .isZero();
            Row c = store.sql("SELECT * FROM v_conflicts").single().orElseThrow();
            assertThat(c.string("target_path")).isEqualTo("src/A.java");
            assertThat(List.of(c.string("session1"), c.string("session2"))).containsExactlyInAnyOrder("s1", "s2");
            assertThat(c.string("conflict_type")).isEqualTo("file_edit");
            assertThat(c.instant("first_edit_at")).isEqualTo(Instant.parse("2026-01-10T10:00:00Z"));
            assertThat(c.instant("second_edit_at")).isEqualTo(Instant.parse("2026-01-10T10:15:00Z"));
            assertThat(c.string("resolution")).isNull();

            // before editing A: the open conflict and the recent edits (all within 30 minutes of 10:20)
            List<ConflictCheck> checks = agents.checkConflicts("src/A.java");
            assertThat(checks).extracting(ConflictCheck::kind).containsOnly("conflict", "recent_edit");
            assertThat(checks).filteredOn(k -> k.kind().equals("conflict")).hasSize(1);
            assertThat(checks).filteredOn(k -> k.kind().equals("recent_edit")).hasSize(3);
            assertThat(agents.checkConflicts("src/C.java"))
                    .as("edits of C are old and an hour apart")
                    .isEmpty();

            // a claim on the path shows up too
            agents.createWork(new WorkItem("w-c", "file_edit", "src/C.java", null), null);
            agents.claimWork("w-c", "reviewer", Duration.ofMinutes(5));
            assertThat(agents.checkConflicts("src/C.java"))
                    .singleElement()
                    .satisfies(k -> assertThat(k.kind() + " " + k.party() + " " + k.detail())
                            .isEqualTo("claim reviewer w-c"));

            UUID id = c.uuid("conflict_id");
            agents.resolveConflict(id, "merge");
            Row resolved = store.sql("SELECT * FROM v_conflicts").single().orElseThrow();
            assertThat(resolved.string("resolution")).isEqualTo("merge");
            assertThat(resolved.instant("resolved_at")).isEqualTo(clock.instant());
            assertThat(resolved.instant("detected_at")).isEqualTo(Instant.parse("2026-01-10T10:15:00Z"));
            assertThat(agents.checkConflicts("src/A.java"))
                    .extracting(ConflictCheck::kind)
                    .containsOnly("recent_edit");
        }
    }

    @Test
    void anExpiredLeaseFreesTheWorkForAnotherAgent() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-10T10:00:00Z"));
        try (AgentStore store = AgentStore.builder()
                .path(dir.resolve("l.duckdb"))
                .clock(clock)
                .install(AgentsModule.create())
                .build()) {
            AgentsFacade agents = AgentsModule.of(store);
            agents.createWork(WorkItem.of("w1"), "lead");
            assertThat(agents.claimWork("w1", "a", Duration.ofMinutes(10)).claimed())
                    .isTrue();
            ClaimResult lost = agents.claimWork("w1", "b");
            assertThat(lost.claimed()).isFalse();
            assertThat(lost.holder()).isEqualTo("a");
            assertThat(lost.leaseExpiresAt()).contains(Instant.parse("2026-01-10T10:10:00Z"));
            clock.advance(Duration.ofMinutes(11));
            ClaimResult won = agents.claimWork("w1", "b");
            assertThat(won.claimed()).isTrue();
            assertThat(store.sql("SELECT status, reason FROM v_work_assignments WHERE agent_name = 'a'")
                            .single()
                            .orElseThrow()
                            .string("status"))
                    .isEqualTo("abandoned");
            assertThat(agents.releaseWork("w1", "a", "completed", null).released())
                    .as("a no longer holds it")
                    .isFalse();
            ReleaseResult done = agents.releaseWork("w1", "b", "completed", "done");
            assertThat(done.released()).isTrue();
            assertThat(store.sql("SELECT status, completed_at FROM v_work_items WHERE work_id = 'w1'")
                            .single()
                            .orElseThrow()
                            .string("status"))
                    .isEqualTo("completed");
            assertThat(agents.holder("w1")).isEmpty();
        }
    }
}
