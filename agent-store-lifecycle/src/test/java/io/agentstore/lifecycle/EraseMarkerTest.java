package io.agentstore.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentstore.AgentStore;
import io.agentstore.audit.AuditFacade;
import io.agentstore.claudecode.ClaudeCodeImporter;
import io.agentstore.lifecycle.internal.Db;
import io.agentstore.spi.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The marker test of the erase: a unique marker in every text column of every table an erase of one session covers
 * (every installed module), in the WAL, the hook spool, the hook log, an ingest error's excerpt, a retention archive
 * and an export folder; after the erase no file under the store's folder holds its bytes, nor the session id, and
 * every row of the other sessions is still there.
 */
class EraseMarkerTest {
    static final String ERASED = "ef958aa1-0e93-49f0-bb71-150f63befcd1";

    @TempDir
    Path tmp;

    @Test
    void noByteOfTheErasedSessionIsLeftAndEverythingElseIsStillThere() throws Exception {
        Path projects = TestStores.copyTranscripts(
                tmp.resolve("projects"),
                List.of(
                        "-experiments-worktrees/ef958aa1-0e93-49f0-bb71-150f63befcd1.jsonl",
                        "-experiments-worktrees/ef958aa1-0e93-49f0-bb71-150f63befcd1/subagents/agent-a4ca7529859c158c2.jsonl",
                        "-Users-dain-workspace-danieldemmel-me-next/b25638d7-b104-4f06-a797-70ac33d069ed.jsonl",
                        "-experiments-ideas/a95fea4a-b88a-4e49-ac07-4cc323d8700c.jsonl"));
        Path storeDir = Files.createDirectories(tmp.resolve("store"));
        Path db = storeDir.resolve("agent.duckdb");
        Path exports = tmp.resolve("store/exports");
        String marker = "MRK" + UUID.randomUUID().toString().replace("-", "");
        try (AgentStore s = TestStores.open(db)) {
            TestStores.importInto(s, projects);
        }
        long sessionKey =
                TestStores.count(db, "SELECT session_key FROM dim_session WHERE session_id = '" + ERASED + "'");
        String transcript = projects.resolve("-experiments-worktrees/" + ERASED + ".jsonl")
                .toAbsolutePath()
                .toString();
        Planter planter = new Planter(marker);
        Connection c = Db.open(db);
        try {
            planter.plant(c, sessionKey, transcript);
        } finally {
            Db.close(c);
        }
        // the audit chain seals everything, planted rows included (they then need tombstones)
        try (AgentStore s = TestStores.open(db)) {
            s.module(AuditFacade.class).seal();
            assertThat(s.sql(
                                    "SELECT count(*) AS n FROM fact_audit_chain l JOIN fact_prompt p ON p.event_id ="
                                            + " l.fact_event_id WHERE contains(p.prompt_text, ?)",
                                    marker)
                            .single()
                            .orElseThrow()
                            .int64("n"))
                    .isEqualTo(1);
            s.export().parquet(exports).run();
        }
        // beside the database: a spool line of the session, a hook log line, a retention archive
        Path spool = Files.createDirectories(storeDir.resolve("agent.duckdb.hook-spool"));
        Files.writeString(
                spool.resolve("hooks-2026-01-15.jsonl"),
                "{\"id\":\"1\",\"payload\":{\"session_id\":\"" + ERASED + "\",\"prompt\":\"" + marker + "\"}}\n"
                        + "{\"id\":\"2\",\"payload\":{\"session_id\":\"other\",\"prompt\":\"kept\"}}\n");
        Files.writeString(storeDir.resolve("hook.log"), "2026-01-15T10:00:00Z PreToolUse: " + marker + "\n");
        Path archive = Files.createDirectories(storeDir.resolve("agent.duckdb.archive/fact_error"));
        c = Db.open(db);
        try {
            Db.exec(
                    c,
                    "COPY (SELECT uuid() AS event_id, TIMESTAMPTZ '2025-01-01 00:00:00+00' AS occurred_at, "
                            + sessionKey + "::BIGINT AS session_key, '" + marker
                            + "' AS message UNION ALL SELECT uuid(),"
                            + " TIMESTAMPTZ '2025-01-01 00:00:00+00', -5, 'kept') TO '" + archive.resolve("a.parquet")
                            + "' (FORMAT parquet)");
            // the WAL: a row written without a checkpoint at close
            Db.exec(c, "PRAGMA disable_checkpoint_on_shutdown");
            Db.exec(
                    c,
                    "INSERT INTO fact_error (event_id, occurred_at, recorded_at, session_key, severity, error_type, message)"
                            + " VALUES (uuid(), now(), now(), ?, 'error', 'x', ?)",
                    sessionKey,
                    marker + "-wal");
        } finally {
            Db.close(c);
        }
        Path wal = storeDir.resolve("agent.duckdb.wal");
        assertThat(TestStores.hits(wal, marker + "-wal")).isPositive();
        assertThat(hitsUnder(storeDir, marker)).isPositive();

        Map<String, Long> othersBefore = others(db, sessionKey, marker, ERASED);
        long sessionsBefore = TestStores.count(db, "SELECT count(*) FROM dim_session");
        long pricesBefore = TestStores.count(db, "SELECT count(*) FROM dim_model_price");
        assertThat(dangling(db)).isEmpty();

        EraseReport report = StoreEraser.builder(db).exports(exports).build().erase(EraseScope.session(ERASED));

        assertThat(hitsUnder(storeDir, marker))
                .as("marker bytes under " + storeDir)
                .isZero();
        assertThat(hitsUnder(storeDir, ERASED))
                .as("session id bytes under " + storeDir)
                .isZero();
        assertThat(Files.exists(wal)).isFalse();
        assertThat(others(db, sessionKey, marker, ERASED)).isEqualTo(othersBefore);
        assertThat(TestStores.count(db, "SELECT count(*) FROM dim_session")).isEqualTo(sessionsBefore - 1);
        // the dimension rows the remaining facts use are all there (the erase removed only rows nothing uses)
        assertThat(dangling(db)).isEmpty();
        assertThat(TestStores.count(db, "SELECT count(*) FROM dim_model_price")).isEqualTo(pricesBefore);
        assertThat(Files.readString(spool.resolve("hooks-2026-01-15.jsonl"))).contains("kept");
        assertThat(TestStores.count(db, "SELECT count(*) FROM read_parquet('" + archive.resolve("a.parquet") + "')"))
                .isEqualTo(1);
        assertThat(report.sessions()).isEqualTo(1);
        assertThat(report.tombstones()).isPositive();
        assertThat(report.files())
                .containsEntry("hook-spool lines", 1L)
                .containsEntry("hook-log lines", 1L)
                .containsEntry("archive rows", 1L);
        assertThat(report.files().get("export rows")).isPositive();
        // the export's manifest still describes its files: total_rows is what the Parquet files hold after the erase
        JsonNode manifest =
                Json.MAPPER.readTree(exports.resolve("_manifest.json").toFile());
        long erasedFromExport = 0;
        for (var t : manifest.path("tables").properties()) {
            boolean hasFiles = false;
            if (Files.isDirectory(exports.resolve(t.getKey()))) {
                try (var files = Files.walk(exports.resolve(t.getKey()))) {
                    hasFiles = files.anyMatch(f -> f.toString().endsWith(".parquet"));
                }
            }
            long inFiles = !hasFiles
                    ? 0
                    : TestStores.count(
                            db,
                            "SELECT count(*) FROM read_parquet('" + exports.resolve(t.getKey()) + "/**/*.parquet',"
                                    + " union_by_name = true)");
            assertThat(t.getValue().path("total_rows").asLong())
                    .as("total_rows of %s", t.getKey())
                    .isEqualTo(inFiles);
            erasedFromExport += manifest.path("erased_rows").path(t.getKey()).asLong(0);
        }
        assertThat(erasedFromExport).isEqualTo(report.files().get("export rows"));
        // the log names the kind and counts, never the session
        assertThat(TestStores.count(
                        db,
                        "SELECT count(*) FROM agent_store_erase_log WHERE scope_kind = 'session'"
                                + " AND status = 'complete' AND rows_erased = " + report.rowsErased()))
                .isEqualTo(1);
        // the audit chain still verifies: tombstones stand in for the erased facts it had sealed
        try (AgentStore s = TestStores.open(db)) {
            assertThat(s.module(AuditFacade.class).verify().intact()).isTrue();
        }
        System.out.println("marker planted in " + planter.plantedTables.size() + " tables: " + planter.plantedTables);
        System.out.println("tables with text columns an erase does not scope (no session, user or event link): "
                + planter.unscopedTextTables);
        System.out.println(report.describe());
    }

    @Test
    void theNextIngestSkipsTheErasedTranscriptUntilForget() throws Exception {
        Path projects = TestStores.copyTranscripts(
                tmp.resolve("projects"),
                List.of(
                        "-experiments-worktrees/ef958aa1-0e93-49f0-bb71-150f63befcd1.jsonl",
                        "-experiments-worktrees/ef958aa1-0e93-49f0-bb71-150f63befcd1/subagents/agent-a4ca7529859c158c2.jsonl",
                        "-experiments-ideas/a95fea4a-b88a-4e49-ac07-4cc323d8700c.jsonl"));
        Path db = tmp.resolve("agent.duckdb");
        try (AgentStore s = TestStores.open(db)) {
            TestStores.importInto(s, projects);
        }
        StoreEraser eraser = StoreEraser.builder(db).build();
        eraser.erase(EraseScope.session(ERASED));
        assertThat(TestStores.count(db, "SELECT count(*) FROM agent_store_erase_skip"))
                .isEqualTo(3); // 1 id, 2 paths
        try (AgentStore s = TestStores.open(db)) {
            SkipList skip = SkipList.of(s);
            ClaudeCodeImporter.builder(s)
                    .projectsDir(projects)
                    .idleAfter(Duration.ZERO)
                    .exclude(skip)
                    .build()
                    .run();
            assertThat(skip.skipped()).isEqualTo(2);
            assertThat(s.sql("SELECT count(*) AS n FROM dim_session WHERE session_id = ?", ERASED)
                            .single()
                            .orElseThrow()
                            .int64("n"))
                    .isZero();
        }
        assertThat(eraser.forget()).isEqualTo(3);
        try (AgentStore s = TestStores.open(db)) {
            SkipList skip = SkipList.of(s);
            ClaudeCodeImporter.builder(s)
                    .projectsDir(projects)
                    .idleAfter(Duration.ZERO)
                    .exclude(skip)
                    .build()
                    .run();
            assertThat(skip.skipped()).isZero();
            assertThat(s.sql("SELECT count(*) AS n FROM dim_session WHERE session_id = ?", ERASED)
                            .single()
                            .orElseThrow()
                            .int64("n"))
                    .isEqualTo(1);
        }
    }

    /**
     * Rows of every table that belong to no erased scope: no session column equal to the session, no text holding
     * the marker or the session id (filtered here in Java, row by row).
     */
    static Map<String, Long> others(Path db, long sessionKey, String marker, String sessionId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        Connection c = Db.open(db);
        try {
            String catalog = Db.catalog(c);
            for (String t : Db.tables(c, catalog)) {
                // rollups (agg_*) are emptied by the erase and rebuilt from the remaining facts at the next open
                if (t.startsWith("agent_store_")
                        || t.startsWith("dim_")
                        || t.startsWith("agg_")
                        || t.equals("fact_audit_chain")) {
                    continue;
                }
                List<String> names = List.copyOf(Db.columns(c, catalog, t).keySet());
                long n = 0;
                for (Object[] row : Db.rows(c, "SELECT * FROM " + Db.q(t))) {
                    boolean erased = false;
                    for (int i = 0; i < row.length; i++) {
                        Object v = row[i];
                        if (v == null) {
                            continue;
                        }
                        if (names.get(i).matches("session\\d*_key") && ((Number) v).longValue() == sessionKey) {
                            erased = true;
                        }
                        String text = String.valueOf(v);
                        if (text.contains(marker) || text.contains(sessionId)) {
                            erased = true;
                        }
                    }
                    if (!erased) {
                        n++;
                    }
                }
                counts.put(t, n);
            }
        } finally {
            Db.close(c);
        }
        return counts;
    }

    /** Key values of any table that no row of their dimension has, as "table.column=value". */
    static List<String> dangling(Path db) {
        List<String> found = new java.util.ArrayList<>();
        Connection c = Db.open(db);
        try {
            String catalog = Db.catalog(c);
            List<String> tables = Db.tables(c, catalog);
            java.util.Set<String> entities = new java.util.LinkedHashSet<>();
            tables.stream().filter(t -> t.startsWith("dim_")).forEach(t -> entities.add(t.substring(4)));
            for (String t : tables) {
                for (String col : Db.columns(c, catalog, t).keySet()) {
                    var en = Planter.entityOf(col, entities);
                    if (en.isEmpty() || t.equals("dim_" + en.get()) || en.get().equals("source_host")) {
                        continue;
                    }
                    for (String v : Db.strings(
                            c,
                            "SELECT DISTINCT " + Db.q(col) + " FROM " + Db.q(t) + " WHERE "
                                    + Db.q(col) + " IS NOT NULL AND " + Db.q(col) + " NOT IN (SELECT " + en.get()
                                    + "_key FROM dim_" + en.get() + ")")) {
                        found.add(t + "." + col + "=" + v);
                    }
                }
            }
        } finally {
            Db.close(c);
        }
        return found;
    }

    static long hitsUnder(Path folder, String needle) throws IOException {
        long hits = 0;
        try (Stream<Path> s = Files.walk(folder)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                long h = TestStores.hits(p, needle);
                if (h > 0) {
                    System.out.println(needle.substring(0, 8) + "... found " + h + "x in " + p);
                }
                hits += h;
            }
        }
        return hits;
    }
}
