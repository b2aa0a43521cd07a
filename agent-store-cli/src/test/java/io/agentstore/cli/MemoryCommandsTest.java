package io.agentstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code import sqlite-memory}, {@code memory show|history|compact|health} and {@code jobs}, run in this JVM. */
class MemoryCommandsTest {
    @TempDir
    Path dir;

    private Path source(boolean hostile) throws Exception {
        Path db = dir.resolve(hostile ? "hostile.db" : "memory.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE jobs (id TEXT PRIMARY KEY, status TEXT, created_at TEXT, paused_at TEXT,"
                    + " resumed_at TEXT, completed_at TEXT, pause_reason TEXT)");
            st.execute(
                    "CREATE TABLE agents (id INTEGER PRIMARY KEY, name TEXT UNIQUE, created_at TEXT, updated_at TEXT)");
            st.execute("CREATE TABLE agent_memory (id INTEGER PRIMARY KEY, agent_id INTEGER, memory_type TEXT,"
                    + " content JSON, created_at TEXT, updated_at TEXT)");
            st.execute("INSERT INTO jobs VALUES ('migration', 'paused', '2025-01-01 09:00', '2025-01-02 10:00', NULL,"
                    + " NULL, 'waiting for review')");
            st.execute("INSERT INTO agents VALUES (1, 'auth-agent', '2025-01-01', '2025-01-01')");
            st.execute("INSERT INTO agent_memory VALUES (1, 1, 'knowledge', '{\"purpose\":\"auth\",\"todos\":"
                    + "[\"[x] login\",\"sso\"]}', '2025-01-01', '2025-01-01 00:00')");
            if (hostile) {
                st.execute("INSERT INTO agent_memory VALUES (2, 1, 'feelings', '{}', '2025-01-01', '2025-01-01')");
            }
        }
        return db;
    }

    @Test
    void importThenShowHistoryCompactHealthAndJobs() throws Exception {
        String db = dir.resolve("store/agent-store.duckdb").toString();
        String source = source(false).toString();
        Cli first = Cli.run("import", "sqlite-memory", "--db", db, source);
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out())
                .containsPattern("agent_memory\\s+1\\s+1\\s+0\\s+0")
                .containsPattern("jobs\\s+1\\s+2\\s+0");
        Cli again = Cli.run("import", "sqlite-memory", "--db", db, source);
        assertThat(again.out()).containsPattern("agent_memory\\s+1\\s+0\\s+1\\s+0");

        Cli show = Cli.run("memory", "show", "auth-agent", "--db", db);
        assertThat(show.code()).isZero();
        assertThat(show.out())
                .contains("knowledge v1")
                .contains("import by system")
                .contains("\"purpose\" : \"auth\"");

        Cli compact = Cli.run("memory", "compact", "auth-agent", "--force", "--db", db);
        assertThat(compact.code()).isZero();
        assertThat(compact.out()).contains("knowledge").contains("(v2)");

        Cli history = Cli.run("memory", "history", "auth-agent", "--type", "knowledge", "--db", db);
        assertThat(history.out())
                .contains("v1")
                .contains("v2")
                .contains("compaction by system")
                .contains("~ /todos");

        Cli asOf = Cli.run(
                "memory",
                "show",
                "auth-agent",
                "--type",
                "knowledge",
                "--as-of",
                "2025-01-01T12:00:00Z",
                "--axis",
                "valid",
                "--db",
                db);
        assertThat(asOf.out()).contains("knowledge v1");

        Cli health = Cli.run("memory", "health", "auth-agent", "--db", db);
        assertThat(health.code()).isZero();
        assertThat(health.out()).contains("auth-agent");

        Cli jobs = Cli.run("jobs", "--db", db);
        assertThat(jobs.out()).contains("migration").contains("paused").contains("waiting for review");

        Cli bad = Cli.run("memory", "show", "auth-agent", "--type", "feelings", "--db", db);
        assertThat(bad.code()).isEqualTo(Main.EXIT_DATA);
        assertThat(bad.err()).contains("--type").contains("feelings");
    }

    @Test
    void refusedRowsAreReportedWithExitCode65() throws Exception {
        Cli r = Cli.run(
                "import",
                "sqlite-memory",
                "--db",
                dir.resolve("s.duckdb").toString(),
                source(true).toString());
        assertThat(r.code()).isEqualTo(Main.EXIT_DATA);
        assertThat(r.out()).contains("refused: agent_memory#2: memory_type must be one of");
    }
}
