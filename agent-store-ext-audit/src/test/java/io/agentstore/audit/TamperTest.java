package io.agentstore.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.testing.MutableClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hash chain catches every edit made to a real store file with plain SQL behind the store's back, at the
 * exact fact: the five facts P1, R1, P2, R2, P3 are recorded one second apart (chain positions 1 to 5), the
 * store is closed, the file is changed through DuckDB's own JDBC driver, and a read-only open verifies.
 */
class TamperTest {
    @TempDir
    Path dir;

    private Path file;
    private UUID p1;
    private UUID r1;
    private UUID p2;
    private UUID r2;
    private UUID p3;

    @BeforeEach
    void record() {
        file = dir.resolve("audit.duckdb");
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        UserRef me = new UserRef("me", "box", null, null);
        try (AgentStore store = AgentStore.builder()
                .path(file)
                .clock(clock)
                .install(AuditModule.create())
                .build()) {
            AuditFacade audit = AuditModule.of(store);
            p1 = audit.recordPrompt(Prompt.of("s1", "summarize the report", me));
            clock.advance(Duration.ofSeconds(1));
            r1 = audit.recordResponse(response("the report says yes"));
            clock.advance(Duration.ofSeconds(1));
            p2 = audit.recordPrompt(Prompt.of("s1", "and the memo?", me));
            clock.advance(Duration.ofSeconds(1));
            r2 = audit.recordResponse(response("the memo says no"));
            clock.advance(Duration.ofSeconds(1));
            p3 = audit.recordPrompt(Prompt.of("s1", "thanks", me));
        }
    }

    private static Response response(String text) {
        return new Response(
                null, null, null, "s1", null, null, null, text, "stop", null, null, null, null, Map.of(), Map.of());
    }

    private void tamper(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
                Statement s = c.createStatement()) {
            assertThat(s.executeUpdate(sql)).as(sql).isPositive();
        }
    }

    private ChainVerification verify() {
        try (AgentStore store = AgentStore.builder()
                .path(file)
                .readOnly()
                .install(AuditModule.create())
                .build()) {
            return AuditModule.of(store).verify();
        }
    }

    @Test
    void anUntouchedStoreIsIntact() {
        ChainVerification v = verify();
        assertThat(v.intact()).as(v.describe()).isTrue();
        assertThat(v.links()).isEqualTo(5);
    }

    @Test
    void anUpdatedTextIsCaughtAsEdited() throws SQLException {
        tamper("UPDATE fact_response SET response_text = 'the report says no' WHERE event_id = '" + r1 + "'");
        assertThat(verify()).satisfies(v -> {
            assertThat(v.problem()).contains("edited");
            assertThat(v.eventId()).contains(r1);
            assertThat(v.position()).isEqualTo(2);
        });
    }

    @Test
    void aDeletedRowIsCaughtAsRemoved() throws SQLException {
        tamper("DELETE FROM fact_prompt WHERE event_id = '" + p2 + "'");
        assertThat(verify()).satisfies(v -> {
            assertThat(v.problem()).contains("removed");
            assertThat(v.eventId()).contains(p2);
            assertThat(v.position()).isEqualTo(3);
        });
    }

    @Test
    void anInsertedRowIsCaughtAsInserted() throws SQLException {
        UUID forged = UUID.fromString("00000000-0000-4000-8000-000000000001");
        tamper("INSERT INTO fact_prompt SELECT * REPLACE ('" + forged + "'::UUID AS event_id, 'forged' AS prompt_text,"
                + " TIMESTAMPTZ '2026-03-01 10:00:01.5+00' AS recorded_at) FROM fact_prompt WHERE event_id = '" + p1
                + "'");
        assertThat(verify()).satisfies(v -> {
            assertThat(v.problem()).contains("inserted");
            assertThat(v.eventId()).contains(forged);
            assertThat(v.position()).isEqualTo(3);
        });
    }

    @Test
    void twoSwappedRecordedAtAreCaughtAsReordered() throws SQLException {
        // P2 was recorded at 10:00:02, R2 at 10:00:03; they swap
        tamper("UPDATE fact_prompt SET recorded_at = TIMESTAMPTZ '2026-03-01 10:00:03+00' WHERE event_id = '" + p2
                + "'");
        tamper("UPDATE fact_response SET recorded_at = TIMESTAMPTZ '2026-03-01 10:00:02+00' WHERE event_id = '" + r2
                + "'");
        assertThat(verify()).satisfies(v -> {
            assertThat(v.problem()).contains("reordered");
            assertThat(v.eventId()).contains(p2);
            assertThat(v.position()).isEqualTo(3);
        });
    }

    @Test
    void oneFlippedBitOfATextIsCaughtAsEdited() throws SQLException {
        // 't' (0x74) xor 1 = 'u' (0x75): "thanks" becomes "uhanks"
        tamper("UPDATE fact_prompt SET prompt_text = chr(xor(ascii(left(prompt_text, 1)), 1)) || substr(prompt_text, 2)"
                + " WHERE event_id = '" + p3 + "'");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
                Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT prompt_text FROM fact_prompt WHERE event_id = '" + p3 + "'")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("uhanks");
        }
        assertThat(verify()).satisfies(v -> {
            assertThat(v.problem()).contains("edited");
            assertThat(v.eventId()).contains(p3);
            assertThat(v.position()).isEqualTo(5);
        });
    }
}
