package io.agentstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code import analytics-db} and {@code report strategies}, run in this JVM. */
class StrategyCliTest {
    @TempDir
    Path dir;

    @Test
    void importAnAnalyticsDatabaseThenReportStrategies() throws Exception {
        Path file = dir.resolve("analytics.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE pattern_usage (id INTEGER PRIMARY KEY AUTOINCREMENT, pattern_name TEXT NOT NULL,"
                    + " task_id INTEGER, session_id TEXT, time_saved_hours REAL, confidence REAL, source TEXT,"
                    + " created_at TEXT DEFAULT CURRENT_TIMESTAMP)");
            st.execute(
                    "INSERT INTO pattern_usage (pattern_name, time_saved_hours, confidence, source, created_at) VALUES"
                            + " ('directus-hook-pattern', 2.5, 0.95, 'context7', '2025-06-01 11:00:00'),"
                            + " ('broken', -1, 0.5, 'x', '2025-06-01 11:00:00')");
        }
        String db = dir.resolve("store/agent-store.duckdb").toString();
        Cli imported = Cli.run("import", "analytics-db", "--db", db, file.toString());
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.out())
                .contains("imported 1 new fact(s)")
                .contains("1 bad row(s)")
                .contains("pattern_usage        1 new, 1 bad")
                .contains("not in the file: sessions, tasks, commands");
        assertThat(Cli.run("import", "analytics-db", "--db", db, file.toString())
                        .out())
                .contains("imported 0 new fact(s)");

        Cli report = Cli.run("report", "strategies", "--db", db, "--agent", "main");
        assertThat(report.code()).as(report.err()).isZero();
        assertThat(report.out())
                .contains("Strategies: 0")
                .contains("Patterns: 1")
                .contains("directus-hook-pattern            1 use(s), 2.5 h saved")
                .contains("Routes: 0")
                .contains("main, last 30 day(s): 0 attempt(s), 0% succeeded");
        Cli missing = Cli.run(
                "import", "analytics-db", "--db", db, dir.resolve("nope.db").toString());
        assertThat(missing.code()).isEqualTo(Main.EXIT_DATA);
        assertThat(missing.err()).contains("does not exist");
    }
}
