package io.agentstore.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.spi.Row;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code flags} and {@code todos} tables of the SQLite memory system (every column of
 * {@code reference/sqlite-memory-system.md}) imported into the agents module, twice.
 */
class SqliteFlagsTodosTest {
    @TempDir
    Path dir;

    @Test
    void flagsAndTodosOfTheSqliteMemorySystemBecomeAgentsFactsOnce() throws Exception {
        Path file = dir.resolve("memory.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement st = c.createStatement()) {
            st.execute(
                    "CREATE TABLE agents (id INTEGER PRIMARY KEY, name TEXT UNIQUE, created_at TEXT, updated_at TEXT)");
            st.execute("INSERT INTO agents VALUES (1, 'auth-agent', '2025-01-01', '2025-01-01')");
            st.execute(
                    "CREATE TABLE flags (id INTEGER PRIMARY KEY, session_id TEXT, flag_type TEXT, source_module TEXT,"
                            + " source_agent TEXT, affected_modules TEXT, change_description TEXT, action_required TEXT,"
                            + " impact_level TEXT, status TEXT, related_files TEXT, code_location TEXT, example_usage TEXT,"
                            + " context JSON, created_at TEXT, acknowledged_at TEXT, completed_at TEXT, completed_by TEXT,"
                            + " notes TEXT)");
            st.execute("INSERT INTO flags VALUES (1, 's1', 'refactor', 'core', 'core-agent', 'api, auth',"
                    + " 'Created global TIME utility', 'use TIME', 'high', 'completed', 'src/time.py,src/api.py',"
                    + " 'src/time.py:10', 'TIME.now()', '{\"ticket\":42}', '2025-01-17 10:30', '2025-01-17 11:00',"
                    + " '2025-01-18 09:00:00', 'api-agent', 'done')");
            st.execute("INSERT INTO flags (id, flag_type, affected_modules, change_description, impact_level, status,"
                    + " created_at) VALUES (2, 'new_feature', 'web', 'new endpoint', 'low', 'pending', '2025-01-19')");
            st.execute("INSERT INTO flags (id, flag_type, affected_modules, change_description, impact_level, status,"
                    + " created_at) VALUES (3, 'refactor', 'web', 'x', 'huge', 'pending', '2025-01-19')");
            st.execute(
                    "CREATE TABLE todos (id INTEGER PRIMARY KEY, task TEXT, priority TEXT, status TEXT, due_date TEXT,"
                            + " created_at TEXT, completed_at TEXT, agent_id INTEGER, session_id TEXT, assigned_to TEXT,"
                            + " estimated_hours REAL, actual_hours REAL, start_date TEXT, reminder_at TEXT, category TEXT,"
                            + " module TEXT, tags JSON, dependencies JSON, created_by TEXT, updated_at TEXT, updated_by TEXT,"
                            + " completed_by TEXT, related_files JSON, subtasks_total INTEGER, subtasks_completed INTEGER,"
                            + " blocked_reason TEXT, auto_created BOOLEAN, ai_suggested BOOLEAN, context JSON)");
            st.execute("INSERT INTO todos VALUES (1, 'Add SSO', 'high', 'completed', '2025-01-20', '2025-01-10 09:00',"
                    + " '2025-01-12 17:00', 1, 's1', 'auth-agent', 4, 6, '2025-01-11', NULL, 'feature', 'auth',"
                    + " '[\"sso\",\"auth\"]', '[2]', 'user', '2025-01-12 17:00', 'auth-agent', 'auth-agent',"
                    + " '[\"src/sso.py\"]', 0, 0, NULL, 0, 1, '{\"parent_id\": 3}')");
            st.execute(
                    "INSERT INTO todos (id, task, status, created_at) VALUES (2, 'Write ADR', 'pending', '2025-01-09')");
            st.execute("INSERT INTO todos (id, task, status, created_at, updated_at, updated_by) VALUES"
                    + " (3, 'Auth epic', 'in_progress', '2025-01-08', '2025-01-11 08:00', 'lead')");
            st.execute("INSERT INTO todos (id, task, status, created_at, tags) VALUES"
                    + " (4, 'Bad tags', 'pending', '2025-01-08', 'not json')");
        }
        try (AgentStore store = AgentStore.builder()
                .path(dir.resolve("store.duckdb"))
                .install(AgentsModule.create())
                .build()) {
            AgentsFacade agents = AgentsModule.of(store);
            FlagsTodosImport first = agents.importSqliteMemory(file);
            assertThat(first.read()).isEqualTo(Map.of("flags", 3L, "todos", 4L));
            // flag 1: the flag, acknowledged and completed for api and auth (5); flag 2: the flag (1)
            // todo 1: todo, pending, completed, assignment, one dependency (5); todo 2: todo, pending (2);
            // todo 3: todo, pending, in_progress (3)
            assertThat(first.imported()).isEqualTo(Map.of("flags", 6L, "todos", 10L));
            assertThat(first.refused()).hasSize(2);
            assertThat(first.refused().get(0)).startsWith("flags id 3:").contains("huge");
            assertThat(first.refused().get(1)).startsWith("todos id 4:").contains("tags");

            FlagsTodosImport again = agents.importSqliteMemory(file);
            assertThat(again.imported()).isEqualTo(Map.of("flags", 0L, "todos", 0L));
            assertThat(again.present()).isEqualTo(Map.of("flags", 6L, "todos", 10L));

            Row flag = store.sql("SELECT * FROM v_flags WHERE change_description = 'Created global TIME utility'")
                    .rows()
                    .get(0);
            assertThat(flag.string("status")).isEqualTo("completed");
            assertThat(flag.string("completed_by")).isEqualTo("api-agent");
            assertThat(flag.instant("acknowledged_at")).isEqualTo(Instant.parse("2025-01-17T11:00:00Z"));
            assertThat(flag.instant("completed_at")).isEqualTo(Instant.parse("2025-01-18T09:00:00Z"));
            assertThat(flag.instant("created_at")).isEqualTo(Instant.parse("2025-01-17T10:30:00Z"));
            assertThat(store.sql("SELECT change_description FROM v_flags WHERE status = 'pending'").rows().stream()
                            .map(r -> r.string("change_description"))
                            .toList())
                    .containsExactly("new endpoint");

            Row sso = store.sql("SELECT * FROM v_todos WHERE task = 'Add SSO'")
                    .rows()
                    .get(0);
            assertThat(sso.string("status")).isEqualTo("completed");
            assertThat(sso.instant("completed_at")).isEqualTo(Instant.parse("2025-01-12T17:00:00Z"));
            assertThat(sso.string("assigned_to")).isEqualTo("auth-agent");
            assertThat(sso.string("agent_name")).isEqualTo("auth-agent");
            assertThat(sso.float64("actual_hours")).isEqualTo(6.0);
            assertThat(sso.uuid("parent_todo_id")).isEqualTo(SqliteFlagsTodos.id("todos", "3"));
            assertThat(store.sql("SELECT count(*) AS n FROM v_todo_dependencies")
                            .rows()
                            .get(0)
                            .int64("n"))
                    .isEqualTo(1L);
            Map<String, String> status = new java.util.TreeMap<>();
            store.sql("SELECT task, status FROM v_todos")
                    .rows()
                    .forEach(r -> status.put(r.string("task"), r.string("status")));
            assertThat(status)
                    .isEqualTo(Map.of("Add SSO", "completed", "Write ADR", "pending", "Auth epic", "in_progress"));
            assertThat(List.copyOf(status.keySet())).doesNotContain("Bad tags");
        }
    }
}
