package io.agentstore.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.testing.MutableClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database in the reference document's SQLite schema, built here with the documented columns and hostile
 * rows (bad dates, bad JSON, unknown memory types, dangling ids), is imported, reported on, and re-imported
 * without duplicates.
 */
class SqliteImportTest {
    @TempDir
    Path dir;

    private static final String[] SCHEMA = {
        "CREATE TABLE jobs (id TEXT PRIMARY KEY, status TEXT, created_at TEXT, paused_at TEXT, resumed_at TEXT,"
                + " completed_at TEXT, pause_reason TEXT)",
        "CREATE TABLE sessions (id TEXT PRIMARY KEY, job_id TEXT, title TEXT, accomplishments JSON, decisions JSON,"
                + " pending JSON, bugs_fixed JSON, errors_encountered JSON, breakthrough_moment TEXT,"
                + " next_session_priority TEXT, quality_score INTEGER, created_at TEXT, ended_at TEXT)",
        "CREATE TABLE messages (id INTEGER PRIMARY KEY, session_id TEXT, conversation_flow TEXT, total_exchanges"
                + " INTEGER, duration_minutes INTEGER, created_at TEXT)",
        "CREATE TABLE flags (id INTEGER PRIMARY KEY, session_id TEXT, flag_type TEXT, source_module TEXT,"
                + " source_agent TEXT, affected_modules TEXT, change_description TEXT, action_required TEXT,"
                + " impact_level TEXT, status TEXT, related_files TEXT, code_location TEXT, example_usage TEXT,"
                + " context JSON, created_at TEXT, acknowledged_at TEXT, completed_at TEXT, completed_by TEXT, notes TEXT)",
        "CREATE TABLE agent_health (id INTEGER PRIMARY KEY, agent_id INTEGER, session_id TEXT, drift_score INTEGER,"
                + " confidence_score INTEGER, status TEXT, file_count_current INTEGER, file_count_baseline INTEGER,"
                + " memory_size_kb INTEGER, memory_size_warning TEXT, largest_memory_type TEXT, needs_compaction BOOLEAN,"
                + " patterns_changed TEXT, dependencies_changed TEXT, issues JSON, recommendations TEXT,"
                + " auto_upgrade_eligible BOOLEAN, checked_at TEXT, last_upgrade_at TEXT, upgraded_by TEXT)",
        "CREATE TABLE tool_logs (id INTEGER PRIMARY KEY, session_id TEXT, tool_name TEXT, tool_category TEXT,"
                + " parameters JSON, file_affected TEXT, lines_changed INTEGER, bytes_processed INTEGER,"
                + " result_summary TEXT, success BOOLEAN, error_message TEXT, blocked_by_hook BOOLEAN, hook_message TEXT,"
                + " duration_ms INTEGER, timestamp TEXT)",
        "CREATE TABLE todos (id INTEGER PRIMARY KEY, task TEXT, priority TEXT, status TEXT, due_date TEXT,"
                + " created_at TEXT, completed_at TEXT, agent_id INTEGER, session_id TEXT, assigned_to TEXT)",
        "CREATE TABLE agents (id INTEGER PRIMARY KEY, name TEXT UNIQUE, created_at TEXT, updated_at TEXT)",
        "CREATE TABLE agent_memory (id INTEGER PRIMARY KEY, agent_id INTEGER, memory_type TEXT, content JSON,"
                + " created_at TEXT, updated_at TEXT)",
    };

    private static final String[] ROWS = {
        "INSERT INTO jobs VALUES ('migration', 'paused', '2025-01-01 09:00', '2025-01-03 10:00',"
                + " '2025-01-02 10:00', NULL, 'CI broken')",
        "INSERT INTO jobs VALUES ('docs', 'completed', '2025-01-04', NULL, NULL, '2025-01-05 12:00:00', NULL)",
        "INSERT INTO jobs VALUES ('bad-date', 'active', 'yesterday', NULL, NULL, NULL, NULL)",
        "INSERT INTO sessions VALUES ('s1', 'migration', 'Set up', '[\"a\",\"b\"]', '[]', '[\"c\"]', NULL,"
                + " '[{\"msg\":\"x\"}]', 'insight', 'run the tests', 8, '2025-01-01 09:00', '2025-01-01 11:00')",
        "INSERT INTO sessions VALUES ('s2', 'ghost-job', 'x', 'not json', NULL, NULL, NULL, NULL, NULL, NULL, 15,"
                + " '2025-01-02 09:00', NULL)",
        "INSERT INTO messages VALUES (1, 's1', 'we did things', 12, 90, '2025-01-01 11:00')",
        "INSERT INTO messages VALUES (2, 's1', NULL, 1, 1, '2025-01-01 11:00')",
        "INSERT INTO agents VALUES (1, 'auth-agent', '2025-01-01 00:00', '2025-01-02 00:00')",
        "INSERT INTO agents VALUES (2, 'api-agent', '2025-01-01 00:00', '2025-01-01 00:00')",
        "INSERT INTO agent_memory VALUES (1, 1, 'knowledge', '{\"purpose\":\"auth\"}', '2025-01-01', '2025-01-02 00:00')",
        "INSERT INTO agent_memory VALUES (2, 1, 'structure', '{\"file_tree\":{}}', '2025-01-01', '2025-01-01 00:00')",
        "INSERT INTO agent_memory VALUES (3, 1, 'feelings', '{}', '2025-01-01', '2025-01-01')",
        "INSERT INTO agent_memory VALUES (4, 1, 'patterns', '{not json', '2025-01-01', '2025-01-01')",
        "INSERT INTO agent_memory VALUES (5, 99, 'knowledge', '{}', '2025-01-01', '2025-01-01')",
        "INSERT INTO agent_memory VALUES (6, 2, 'quality', '[1,2]', '2025-01-01', '2025-01-01')",
        "INSERT INTO agent_health VALUES (1, 1, 's1', 45, 55, 'degraded', 17, 15, 890, NULL, 'knowledge', 0, NULL,"
                + " NULL, '[\"files changed\"]', 'monitor', 0, '2025-01-17 10:25', NULL, NULL)",
        "INSERT INTO agent_health VALUES (2, 2, NULL, 10, 90, 'sick', 1, 1, 1, NULL, NULL, 0, NULL, NULL, NULL, NULL,"
                + " 0, '2025-01-17 10:25', NULL, NULL)",
        "INSERT INTO agent_health VALUES (3, 77, NULL, 10, 90, 'healthy', 1, 1, 1, NULL, NULL, 0, NULL, NULL, NULL,"
                + " NULL, 0, '2025-01-17 10:25', NULL, NULL)",
        "INSERT INTO tool_logs VALUES (1, 's1', 'Bash', 'execution', '{\"command\":\"ls\"}', NULL, NULL, 100, 'ok', 1,"
                + " NULL, 0, NULL, 12, '2025-01-01 09:30')",
        "INSERT INTO tool_logs VALUES (2, 's1', 'Bash', 'execution', '{\"command\":\"rm -rf /\"}', NULL, NULL, NULL,"
                + " NULL, 0, NULL, 1, 'Dangerous rm command detected', 1, '2025-01-01 09:31')",
        "INSERT INTO flags (id, session_id, flag_type, status) VALUES (1, 's1', 'new_feature', 'pending')",
        "INSERT INTO todos (id, task, status) VALUES (1, 'Fix bug', 'pending')",
        "INSERT INTO todos (id, task, status) VALUES (2, 'Write docs', 'completed')",
    };

    private Path source() throws Exception {
        Path db = dir.resolve("memory.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement st = c.createStatement()) {
            for (String s : SCHEMA) {
                st.execute(s);
            }
            for (String s : ROWS) {
                st.execute(s);
            }
        }
        return db;
    }

    @Test
    void importsEveryRowReportsTheRefusedAndIsIdempotent() throws Exception {
        Path db = source();
        try (AgentStore store = Stores.open(dir, MutableClock.at("2025-02-01T00:00:00Z"))) {
            MemoryFacade m = MemoryModule.of(store);
            SqliteImportReport r = m.importSqliteMemory(db);
            assertThat(r.read())
                    .containsEntry("jobs", 3L)
                    .containsEntry("sessions", 2L)
                    .containsEntry("messages", 2L)
                    .containsEntry("agents", 2L)
                    .containsEntry("agent_memory", 6L)
                    .containsEntry("agent_health", 3L)
                    .containsEntry("tool_logs", 2L)
                    .containsEntry("flags", 1L)
                    .containsEntry("todos", 2L);
            // migration: active, a pause before the resumption, resumed, paused; docs: active, completed
            assertThat(r.imported())
                    .containsEntry("jobs", 6L)
                    .containsEntry("sessions", 2L)
                    .containsEntry("messages", 1L)
                    .containsEntry("agents", 2L)
                    .containsEntry("agent_memory", 2L)
                    .containsEntry("agent_health", 1L)
                    .containsEntry("tool_logs", 2L);
            assertThat(r.skipped()).isEqualTo(Map.of("flags", 1L, "todos", 2L));
            assertThat(r.refused())
                    .hasSize(8)
                    .anyMatch(s -> s.startsWith("jobs#bad-date: ") && s.contains("created_at"))
                    .anyMatch(s -> s.startsWith("messages#2: ") && s.contains("conversationFlow"))
                    .anyMatch(s -> s.startsWith("agent_memory#3: ") && s.contains("feelings"))
                    .anyMatch(s -> s.startsWith("agent_memory#4: ") && s.contains("not valid JSON"))
                    .anyMatch(s -> s.startsWith("agent_memory#5: ") && s.contains("agent_id"))
                    .anyMatch(s -> s.startsWith("agent_memory#6: ") && s.contains("JSON object"))
                    .anyMatch(s -> s.startsWith("agent_health#3: ") && s.contains("agent_id"))
                    .noneMatch(s -> s.startsWith("agent_health#1"));
            assertThat(r.refused()).anyMatch(s -> s.startsWith("agent_health#2: ") && s.contains("sick"));
            assertThat(r.notes())
                    .anyMatch(s -> s.startsWith("sessions#s2: job 'ghost-job'"))
                    .anyMatch(s -> s.startsWith("sessions#s2: accomplishments is not JSON"))
                    .anyMatch(s -> s.startsWith("sessions#s2: quality_score 15"))
                    .anyMatch(s -> s.startsWith("jobs#migration: a pause before resumed_at"));

            Job migration = m.job("migration").orElseThrow();
            assertThat(migration.status()).isEqualTo(JobStatus.PAUSED);
            assertThat(migration.pausedAt()).isEqualTo(Instant.parse("2025-01-03T10:00:00Z"));
            assertThat(migration.resumedAt()).isEqualTo(Instant.parse("2025-01-02T10:00:00Z"));
            assertThat(migration.pauseReason()).isEqualTo("CI broken");
            assertThat(m.job("docs").orElseThrow().status()).isEqualTo(JobStatus.COMPLETED);
            SessionSummary s1 = m.sessionSummary("s1").orElseThrow();
            assertThat(s1.accomplishments()).containsExactly("a", "b");
            assertThat(s1.errorsEncountered()).containsExactly("{\"msg\":\"x\"}");
            assertThat(s1.qualityScore()).isEqualTo(8);
            assertThat(s1.jobId()).isEqualTo("migration");
            assertThat(m.sessionSummary("s2").orElseThrow().accomplishments()).containsExactly("not json");
            assertThat(m.messages("s1").orElseThrow().durationMs()).isEqualTo(5_400_000L);
            Memory knowledge =
                    m.currentMemory("auth-agent", MemoryType.KNOWLEDGE).orElseThrow();
            assertThat(knowledge.content()).isEqualTo(Map.of("purpose", "auth"));
            assertThat(knowledge.changeKind()).isEqualTo("import");
            assertThat(knowledge.validFrom()).isEqualTo(Instant.parse("2025-01-02T00:00:00Z"));
            assertThat(m.health("auth-agent").get(0).driftScore()).isEqualTo(45);
            assertThat(store.sql(
                                    "SELECT count(*) FILTER (WHERE NOT is_success) AS failed,"
                                            + " count(*) FILTER (WHERE error_type = 'blocked_by_hook') AS blocked FROM v_tool_calls")
                            .rows()
                            .get(0)
                            .int64("blocked"))
                    .isEqualTo(1);

            SqliteImportReport again = m.importSqliteMemory(db);
            assertThat(again.imported().values()).allMatch(n -> n == 0);
            assertThat(again.present())
                    .containsEntry("jobs", 6L)
                    .containsEntry("agent_memory", 2L)
                    .containsEntry("tool_logs", 2L);
            assertThat(store.sql("SELECT count(*) AS n FROM fact_memory_version")
                            .rows()
                            .get(0)
                            .int64("n"))
                    .isEqualTo(2);

            // a memory changed in the source since is a new version
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                    Statement st = c.createStatement()) {
                st.execute("UPDATE agent_memory SET content = '{\"purpose\":\"authn\"}', updated_at = '2025-01-20'"
                        + " WHERE id = 1");
            }
            SqliteImportReport third = m.importSqliteMemory(db);
            assertThat(third.imported()).containsEntry("agent_memory", 1L);
            Memory v2 = m.currentMemory("auth-agent", MemoryType.KNOWLEDGE).orElseThrow();
            assertThat(v2.version()).isEqualTo(2);
            assertThat(v2.content()).isEqualTo(Map.of("purpose", "authn"));
        }
    }
}
