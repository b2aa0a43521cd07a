package io.agentstore.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstore.AgentStore;
import io.agentstore.audit.AuditFacade;
import io.agentstore.lifecycle.internal.Db;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention: archive first, read back and counted, then exactly the archived rows purged; logged. */
class RetentionTest {
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path tmp;

    /** 300 tool calls, one a day back from NOW (i = 0..299), and 100 errors likewise. */
    static Path storeWithHistory(Path db) {
        try (AgentStore s = TestStores.open(db)) {
            s.path();
        }
        Connection c = Db.open(db);
        try {
            Db.exec(
                    c,
                    "INSERT INTO fact_tool_call (event_id, occurred_at, recorded_at, tool_key, action_type, is_success)"
                            + " SELECT uuid(), TIMESTAMPTZ '2026-01-01 00:00:00+00' - i * INTERVAL 1 DAY, now(), 1,"
                            + " 'tool_call', true FROM range(300) r(i)");
            Db.exec(
                    c,
                    "INSERT INTO fact_error (event_id, occurred_at, recorded_at, severity, error_type, message)"
                            + " SELECT uuid(), TIMESTAMPTZ '2026-01-01 00:00:00+00' - i * INTERVAL 1 DAY, now(), 'error',"
                            + " 'x', 'm' || i FROM range(100) r(i)");
        } finally {
            Db.close(c);
        }
        return db;
    }

    @Test
    void archivesReadsBackThenPurgesExactlyTheOlderRows() {
        Path db = storeWithHistory(tmp.resolve("agent.duckdb"));
        Retention r = Retention.of(db, Clock.fixed(NOW, ZoneOffset.UTC), s -> {});
        r.keep("fact_tool_call", 100);
        r.keep("fact_error", 30);
        // due: occurred before NOW - N days; the row at exactly the cutoff (i = N) is kept
        assertThat(r.show())
                .extracting(RetentionPolicy::factTable, RetentionPolicy::dueRows)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("fact_error", 69L),
                        org.assertj.core.groups.Tuple.tuple("fact_tool_call", 199L));
        List<RetentionRun> runs = r.run();
        assertThat(runs)
                .extracting(RetentionRun::factTable, RetentionRun::archivedRows, RetentionRun::purgedRows)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("fact_error", 69L, 69L),
                        org.assertj.core.groups.Tuple.tuple("fact_tool_call", 199L, 199L));
        assertThat(TestStores.count(db, "SELECT count(*) FROM fact_tool_call")).isEqualTo(101);
        assertThat(TestStores.count(db, "SELECT count(*) FROM fact_error")).isEqualTo(31);
        assertThat(TestStores.count(
                        db,
                        "SELECT count(*) FROM read_parquet('" + runs.get(1).archive() + "') WHERE occurred_at <"
                                + " TIMESTAMPTZ '2025-09-23 00:00:00+00'"))
                .isEqualTo(199);
        assertThat(TestStores.count(db, "SELECT count(*) FROM v_retention_log WHERE status = 'purged'"))
                .isEqualTo(2);
        // a second run finds nothing due
        assertThat(r.run()).isEmpty();
    }

    @Test
    void purgingSealedAuditFactsLeavesTombstonesSoTheChainStillVerifies() {
        Path db = tmp.resolve("agent.duckdb");
        try (AgentStore s = TestStores.open(db)) {
            TestStores.importInto(
                    s,
                    TestStores.copyTranscripts(
                            tmp.resolve("projects"),
                            List.of(
                                    "-Users-dain-workspace-danieldemmel-me-next/b25638d7-b104-4f06-a797-70ac33d069ed.jsonl")));
            s.module(AuditFacade.class).seal();
        }
        long prompts = TestStores.count(db, "SELECT count(*) FROM fact_prompt");
        assertThat(prompts).isPositive();
        Retention r = Retention.of(db, Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC), s -> {});
        r.keep("fact_prompt", 1);
        assertThat(r.run()).singleElement().extracting(RetentionRun::purgedRows).isEqualTo(prompts);
        assertThat(TestStores.count(db, "SELECT count(*) FROM agent_store_tombstone"))
                .isEqualTo(prompts);
        try (AgentStore s = TestStores.open(db)) {
            assertThat(s.module(AuditFacade.class).verify().intact()).isTrue();
        }
    }

    @Test
    void aPolicyNamesAFactTable() {
        Path db = storeWithHistory(tmp.resolve("agent.duckdb"));
        Retention r = Retention.of(db);
        assertThatThrownBy(() -> r.keep("dim_tool", 5)).hasMessageContaining("'dim_tool' is not a fact table");
        assertThatThrownBy(() -> r.keep("fact_tool_call", 0)).hasMessageContaining("days must be at least 1, was 0");
    }
}
