package io.agentstore.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstore.AgentStore;
import io.agentstore.quality.QualityModule;
import io.agentstore.spi.AgentStoreException;
import io.agentstore.spi.Row;
import io.agentstore.tokens.TokensModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code importAnalyticsDb} on SQLite files the test builds in the analytics system's schema, good and hostile
 * rows together; counts worked out by hand.
 */
class AnalyticsDbImportTest {
    @TempDir
    Path dir;

    private static AgentStore store() {
        return AgentStore.builder()
                .inMemory()
                .clock(Clock.fixed(Instant.parse("2025-06-20T12:00:00Z"), ZoneOffset.UTC))
                .install(TokensModule.create(), QualityModule.create(), StrategyModule.create())
                .build();
    }

    private Path analyticsDb() throws Exception {
        Path file = dir.resolve("analytics.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement st = c.createStatement()) {
            for (String sql : List.of(
                    "CREATE TABLE sessions (id INTEGER PRIMARY KEY AUTOINCREMENT, session_id TEXT UNIQUE NOT NULL,"
                            + " started_at TEXT NOT NULL, ended_at TEXT, duration_hours REAL, tasks_completed INTEGER DEFAULT 0,"
                            + " commands_run INTEGER DEFAULT 0, created_at TEXT DEFAULT CURRENT_TIMESTAMP)",
                    "CREATE TABLE tasks (id INTEGER PRIMARY KEY AUTOINCREMENT, task_id INTEGER NOT NULL, specialist TEXT, type TEXT,"
                            + " complexity TEXT, started_at TEXT, completed_at TEXT, duration_hours REAL, estimation_hours REAL,"
                            + " created_at TEXT DEFAULT CURRENT_TIMESTAMP)",
                    "CREATE TABLE commands (id INTEGER PRIMARY KEY AUTOINCREMENT, command TEXT NOT NULL, executed_at TEXT NOT NULL,"
                            + " session_id TEXT, model TEXT, thinking_budget INTEGER, duration_ms INTEGER, success BOOLEAN DEFAULT 1,"
                            + " created_at TEXT DEFAULT CURRENT_TIMESTAMP)",
                    "CREATE TABLE errors (id INTEGER PRIMARY KEY AUTOINCREMENT, command TEXT NOT NULL, severity INTEGER NOT NULL,"
                            + " message TEXT NOT NULL, context TEXT, timestamp TEXT NOT NULL, session_id TEXT,"
                            + " created_at TEXT DEFAULT CURRENT_TIMESTAMP)",
                    "CREATE TABLE pattern_usage (id INTEGER PRIMARY KEY AUTOINCREMENT, pattern_name TEXT NOT NULL, task_id INTEGER,"
                            + " session_id TEXT, time_saved_hours REAL, confidence REAL, source TEXT,"
                            + " created_at TEXT DEFAULT CURRENT_TIMESTAMP)",
                    "CREATE TABLE workflow_state (id INTEGER PRIMARY KEY CHECK (id = 1), current_task INTEGER, phase TEXT, updated_at TEXT)",
                    "CREATE TABLE metadata (key TEXT PRIMARY KEY, value TEXT, updated_at TEXT)",
                    "INSERT INTO sessions (session_id, started_at, ended_at, duration_hours, tasks_completed, commands_run) VALUES"
                            + " ('s-1', '2025-06-01 10:00:00', '2025-06-01 12:00:00', 2.0, 3, 10),"
                            + " ('s-2', '2025-06-02T09:00:00.000Z', NULL, NULL, 0, 0),"
                            + " ('s-bad', '2025-13-45 00:00:00', NULL, NULL, 0, 0)",
                    "INSERT INTO tasks (task_id, specialist, type, complexity, started_at, completed_at, duration_hours, estimation_hours)"
                            + " VALUES (42, '@hook-master', 'hook', 'medium', '2025-06-01 10:00:00', '2025-06-01 12:12:00', 2.2, 2.5),"
                            + " (43, NULL, NULL, NULL, '2025-06-02 10:00:00', NULL, NULL, NULL),"
                            + " (44, NULL, NULL, NULL, '2025-06-02 10:00:00', '2025-06-02 11:00:00', -1, NULL)",
                    "INSERT INTO commands (command, executed_at, session_id, model, thinking_budget, duration_ms, success) VALUES"
                            + " ('core:work', '2025-06-01 10:05:00', 's-1', 'claude-sonnet-4-5', 32000, 4500, 1),"
                            + " ('core:status', '2025-06-01 10:06:00', 's-1', 'claude-haiku-4-5', 0, 300, 0),"
                            + " ('core:x', 'not a date', 's-1', NULL, NULL, NULL, 1),"
                            + " ('', '2025-06-01 10:07:00', 's-1', NULL, NULL, NULL, 1),"
                            + " ('core:y''; DROP TABLE fact_command_run; --', '2025-06-01 10:08:00', 's-1', NULL, NULL, -5, 1)",
                    "INSERT INTO errors (command, severity, message, context, timestamp, session_id) VALUES"
                            + " ('core:work', 9, 'boom', NULL, '2025-06-01 10:09:00', 's-1'),"
                            + " ('core:sync', 5, 'network', '{\"retry\":2}', '2025-06-01 10:10:00', NULL),"
                            + " ('core:z', 'high', 'x', NULL, '2025-06-01 10:11:00', NULL)",
                    "INSERT INTO pattern_usage (pattern_name, task_id, session_id, time_saved_hours, confidence, source, created_at) VALUES"
                            + " ('directus-hook-pattern', 42, 's-1', 2.5, 0.95, 'context7', '2025-06-01 11:00:00'),"
                            + " ('api-client', 43, NULL, 0.5, 0.6, 'github', '2025-06-02 11:00:00'),"
                            + " ('too-sure', NULL, NULL, 1, 1.5, 'x', '2025-06-02 11:00:00'),"
                            + " ('nul' || char(0) || 'name', NULL, NULL, 1, 0.5, 'x', '2025-06-02 11:00:00')",
                    "INSERT INTO workflow_state VALUES (1, 42, 'review', '2025-06-01 12:00:00')",
                    "INSERT INTO metadata VALUES ('schema_version', '3', '2025-06-01 00:00:00'), ('owner', NULL, '2025-06-01 00:00:00')")) {
                st.execute(sql);
            }
        }
        return file;
    }

    private static long count(AgentStore store, String sql) {
        return store.sql(sql).rows().get(0).int64("n");
    }

    @Test
    void everyTableImportedHostileRowsRecordedAndSkippedTwiceIsOnce() throws Exception {
        Path file = analyticsDb();
        try (AgentStore store = store()) {
            AnalyticsImportSummary s = StrategyModule.of(store).importAnalyticsDb(file);
            assertThat(s.imported())
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "sessions",
                            3L,
                            "tasks",
                            2L,
                            "commands",
                            2L,
                            "errors",
                            2L,
                            "workflow_state",
                            1L,
                            "metadata",
                            2L,
                            "pattern_usage",
                            2L));
            assertThat(s.badRows())
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "sessions",
                            1L,
                            "tasks",
                            1L,
                            "commands",
                            3L,
                            "errors",
                            1L,
                            "workflow_state",
                            0L,
                            "metadata",
                            0L,
                            "pattern_usage",
                            2L));
            assertThat(s.missingTables()).isEmpty();

            assertThat(count(store, "SELECT count(*) AS n FROM v_session_events WHERE event_type = 'end'"))
                    .isEqualTo(1L);
            List<Row> commands = store.sql("SELECT command, model_name, thinking_budget_tokens, duration_ms, is_success"
                            + " FROM v_command_runs ORDER BY occurred_at")
                    .rows();
            assertThat(commands)
                    .extracting(r ->
                            r.string("command") + " " + r.string("model_name") + " " + r.int64("thinking_budget_tokens")
                                    + " " + r.int64("duration_ms") + " " + r.bool("is_success"))
                    .containsExactly(
                            "core:work claude-sonnet-4-5 32000 4500 true", "core:status claude-haiku-4-5 0 300 false");
            assertThat(store.sql("SELECT severity FROM v_errors ORDER BY occurred_at")
                            .rows())
                    .extracting(r -> r.string("severity"))
                    .containsExactly("critical", "error");
            Row task = store.sql("SELECT task_id, agent_name, task_type, is_success, elapsed_ms, estimated_ms"
                            + " FROM v_task_outcomes WHERE task_id = 'analytics-42'")
                    .rows()
                    .get(0);
            assertThat(List.of(
                            task.string("agent_name"),
                            task.string("task_type"),
                            String.valueOf(task.bool("is_success")),
                            String.valueOf(task.int64("elapsed_ms")),
                            String.valueOf(task.int64("estimated_ms"))))
                    .containsExactly("@hook-master", "hook", "true", "7920000", "9000000");
            StrategyFacade strategy = StrategyModule.of(store);
            assertThat(strategy.metadata("schema_version")).contains("3");
            assertThat(strategy.metadata("owner")).isEmpty();
            assertThat(strategy.workflowState())
                    .contains(Map.of(
                            "id", 1, "current_task", 42, "phase", "review", "updated_at", "2025-06-01 12:00:00"));
            assertThat(strategy.patternRoi())
                    .extracting(PatternRoi::patternName, PatternRoi::hoursSaved)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("directus-hook-pattern", 2.5),
                            org.assertj.core.groups.Tuple.tuple("api-client", 0.5));
            List<Row> errors = store.sql("SELECT line_number, reason FROM v_ingest_errors WHERE source = 'analytics-db'"
                            + " ORDER BY reason")
                    .rows();
            assertThat(errors).hasSize(8);
            assertThat(errors)
                    .extracting(r -> r.string("reason"))
                    .anySatisfy(
                            m -> assertThat(m).startsWith("commands row 3: executed_at is not a time: 'not a date'"))
                    .anySatisfy(m -> assertThat(m).startsWith("errors row 3: severity must be a number"))
                    .anySatisfy(
                            m -> assertThat(m).contains("pattern_usage row 3").contains("confidence"))
                    .anySatisfy(
                            m -> assertThat(m).contains("pattern_usage row 4").contains("NUL"))
                    .anySatisfy(m -> assertThat(m).contains("commands row 5").contains("duration_ms must be >= 0"));

            AnalyticsImportSummary again = strategy.importAnalyticsDb(file);
            assertThat(again.totalImported()).isZero();
            assertThat(again.totalBadRows()).isEqualTo(8);
            assertThat(count(store, "SELECT count(*) AS n FROM v_ingest_errors"))
                    .isEqualTo(8L);
            assertThat(count(store, "SELECT count(*) AS n FROM fact_command_run"))
                    .isEqualTo(2L);
        }
    }

    @Test
    void missingTablesAreReportedAndAFileThatIsNotSqliteIsRefused() throws Exception {
        Path partial = dir.resolve("partial.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + partial);
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE metadata (key TEXT PRIMARY KEY, value TEXT)");
            st.execute("INSERT INTO metadata VALUES ('k', 'v')");
        }
        Path text = Files.writeString(
                dir.resolve("notes.db"), "this is not a database, just text long enough to look like one\n".repeat(20));
        try (AgentStore store = store()) {
            AnalyticsImportSummary s = StrategyModule.of(store).importAnalyticsDb(partial);
            assertThat(s.missingTables())
                    .containsExactly("sessions", "tasks", "commands", "errors", "workflow_state", "pattern_usage");
            assertThat(s.imported()).containsExactly(Map.entry("metadata", 1L));
            assertThatThrownBy(() -> StrategyModule.of(store).importAnalyticsDb(text))
                    .isInstanceOf(AgentStoreException.class)
                    .hasMessageContaining("notes.db");
            assertThatThrownBy(() -> StrategyModule.of(store).importAnalyticsDb(dir.resolve("none.db")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("does not exist");
            assertThat(Files.exists(dir.resolve("none.db"))).isFalse();
        }
    }
}
