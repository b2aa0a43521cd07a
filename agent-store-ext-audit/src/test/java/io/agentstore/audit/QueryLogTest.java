package io.agentstore.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.spi.Row;
import io.agentstore.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The optional query log: off by default; on, every query run while an origin is set (a CLI command, an MCP tool)
 * becomes a row of {@code fact_query_log} with the OS user and the SHA-256 of the SQL text; a read-only open spools
 * it (owner-only, no SQL text) and the next writable open records it.
 */
class QueryLogTest {
    @TempDir
    Path dir;

    private static String sha256(String s) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Row> log(AgentStore store) {
        return store.sql("SELECT origin, sql_hash, os_user, occurred_at FROM v_query_log ORDER BY occurred_at, origin")
                .rows();
    }

    @Test
    void offByDefault() {
        try (AgentStore store = AgentStore.builder()
                .path(dir.resolve("off.duckdb"))
                .install(AuditModule.create().withQueryLog(false))
                .build()) {
            store.withOrigin("cli query", () -> store.sql("SELECT 42 AS x").rows());
            assertThat(log(store)).isEmpty();
        }
    }

    @Test
    void commandsAndToolsAreLoggedWithUserAndHashAndReadOnlyOpensSpool() throws Exception {
        Path file = dir.resolve("on.duckdb");
        MutableClock clock = new MutableClock(Instant.parse("2026-04-01T08:00:00Z"));
        AuditModule audit = AuditModule.create().withQueryLog(true);
        String me = System.getProperty("user.name");
        try (AgentStore store =
                AgentStore.builder().path(file).clock(clock).install(audit).build()) {
            store.sql("SELECT 1 AS not_logged").rows();
            store.withOrigin("cli query", () -> store.sql("SELECT 42 AS x").rows());
            // spooled, recorded in batches: now on request
            assertThat(AuditModule.of(store).drainQueryLog()).isEqualTo(1);
            List<Row> rows = log(store);
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).string("origin")).isEqualTo("cli query");
            assertThat(rows.get(0).string("sql_hash")).isEqualTo(sha256("SELECT 42 AS x"));
            assertThat(rows.get(0).string("os_user")).isEqualTo(me);
            assertThat(rows.get(0).instant("occurred_at")).isEqualTo(Instant.parse("2026-04-01T08:00:00Z"));
            // a tool's own queries carry the tool as their origin
            store.callTool("export_audit_log", Map.of("start", "2026-01-01T00:00:00Z", "end", "2026-12-31T00:00:00Z"));
            AuditModule.of(store).drainQueryLog();
            assertThat(log(store))
                    .extracting(r -> r.string("origin"))
                    .contains("tool export_audit_log")
                    .doesNotContain("tool audit");
        }
        long before;
        try (AgentStore store = AgentStore.builder().path(file).build()) {
            before = store.sql("SELECT count(*) AS n FROM fact_query_log")
                    .rows()
                    .get(0)
                    .int64("n");
        }
        clock.set("2026-04-02T09:00:00Z");
        try (AgentStore ro = AgentStore.builder()
                .path(file)
                .clock(clock)
                .readOnly()
                .install(audit)
                .build()) {
            ro.withOrigin(
                    "cli report prompts",
                    () -> ro.sql("SELECT 'secret literal' AS s").rows());
        }
        Path spool = file.resolveSibling("on.duckdb.query-log.jsonl");
        assertThat(spool).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(spool)))
                .isEqualTo("rw-------");
        String line = Files.readString(spool);
        assertThat(line)
                .contains(sha256("SELECT 'secret literal' AS s"))
                .contains("cli report prompts")
                .doesNotContain("secret literal");
        try (AgentStore store =
                AgentStore.builder().path(file).clock(clock).install(audit).build()) {
            List<Row> rows = store.sql("SELECT origin, sql_hash, occurred_at FROM v_query_log WHERE occurred_at >="
                            + " TIMESTAMPTZ '2026-04-02 00:00:00+00'")
                    .rows();
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).string("origin")).isEqualTo("cli report prompts");
            assertThat(rows.get(0).string("sql_hash")).isEqualTo(sha256("SELECT 'secret literal' AS s"));
            assertThat(rows.get(0).instant("occurred_at")).isEqualTo(Instant.parse("2026-04-02T09:00:00Z"));
            assertThat(store.sql("SELECT count(*) AS n FROM fact_query_log")
                            .rows()
                            .get(0)
                            .int64("n"))
                    .isEqualTo(before + 1);
        }
        assertThat(spool).doesNotExist();
    }

    /**
     * A writable store records its query log in batches of {@link io.agentstore.audit.internal.QueryLog#BATCH}
     * (one transaction each instead of one per query) and the rest when it closes: 1,234 queries are 1,000 rows
     * after the 1,234th query and 1,234 after the close, each once. An ingest runs thousands of queries.
     */
    @Test
    void aWritableStoreRecordsItsQueryLogInBatchesAndTheRestAtClose() {
        Path file = dir.resolve("batch.duckdb");
        AuditModule audit = AuditModule.create().withQueryLog(true);
        try (AgentStore store = AgentStore.builder().path(file).install(audit).build()) {
            store.withOrigin("cli ingest claude-code", () -> {
                for (int i = 0; i < 1_234; i++) {
                    store.sql("SELECT ? AS i", i).rows();
                }
                return null;
            });
            assertThat(store.sql("SELECT count(*) AS n FROM fact_query_log")
                            .rows()
                            .get(0)
                            .int64("n"))
                    .isEqualTo(1_000);
        }
        assertThat(file.resolveSibling("batch.duckdb.query-log.jsonl")).doesNotExist();
        try (AgentStore store = AgentStore.builder().path(file).readOnly().build()) {
            assertThat(store.sql("SELECT count(*) AS n, count(DISTINCT event_id) AS d, min(origin) AS o"
                                    + " FROM fact_query_log")
                            .rows()
                            .get(0)
                            .values())
                    .containsExactly(1_234L, 1_234L, "cli ingest claude-code");
        }
    }
}
