package io.agentstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.agents.AgentsFacade;
import io.agentstore.agents.AgentsModule;
import io.agentstore.agents.Todo;
import io.agentstore.agents.WorkItem;
import io.agentstore.spi.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agent-store work|flags|todos}, run in this JVM on a database file (no serve: each call opens it). */
class AgentsCliTest {
    @TempDir
    Path dir;

    @Test
    void claimReleaseFlagAndTodoFromTheCommandLine() {
        String db = dir.resolve("store/agent-store.duckdb").toString();
        Cli init = Cli.run("init", "--db", db, "--modules", "agents");
        assertThat(init.code()).as(init.err()).isZero();
        UUID todo;
        try (AgentStore s = AgentStore.builder()
                .path(Path.of(db))
                .install(AgentsModule.create())
                .build()) {
            AgentsFacade agents = AgentsModule.of(s);
            agents.createWork(List.of(
                    new WorkItem("fix-parser", "file_edit", "src/Parser.java", "fix the parser"),
                    new WorkItem("write-docs", "docs", "README.md", "write the docs")));
            todo = agents.createTodo(
                    Todo.builder().task("Add SSO").priority("high").build());
        }

        Cli list = Cli.run("work", "list", "--db", db, "--status", "pending");
        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.out()).contains("fix-parser").contains("write-docs");

        Cli won = Cli.run("work", "claim", "fix-parser", "--agent", "agent-1", "--db", db);
        assertThat(won.code()).as(won.err()).isZero();
        assertThat(won.out()).contains("claimed fix-parser");
        Cli lost = Cli.run("work", "claim", "fix-parser", "--agent", "agent-2", "--db", db, "--json");
        assertThat(lost.code()).as(lost.err()).isEqualTo(3);
        Map<?, ?> answer = (Map<?, ?>) Json.parse(lost.out().strip());
        assertThat(answer.get("claimed")).isEqualTo(false);
        assertThat(answer.get("holder")).isEqualTo("agent-1");
        assertThat(Cli.run("work", "release", "fix-parser", "--agent", "agent-2", "--db", db)
                        .code())
                .isEqualTo(3);
        Cli released = Cli.run("work", "release", "fix-parser", "--agent", "agent-1", "--db", db);
        assertThat(released.code()).as(released.err()).isZero();
        assertThat(Cli.run("work", "list", "--db", db, "--status", "completed").out())
                .contains("fix-parser");
        assertThat(Cli.run("work", "suggest", "--agent", "agent-2", "--db", db).out())
                .contains("write-docs")
                .doesNotContain("fix-parser");

        Cli created = Cli.run(
                "flags",
                "create",
                "--db",
                db,
                "--type",
                "refactor",
                "--affects",
                "api,auth",
                "--change",
                "moved the TIME utility",
                "--impact",
                "high",
                "--json");
        assertThat(created.code()).as(created.err()).isZero();
        String flag = (String) ((Map<?, ?>) Json.parse(created.out().strip())).get("flag_id");
        assertThat(Cli.run("flags", "list", "--db", db, "--module", "api", "--status", "pending")
                        .out())
                .contains("moved the TIME utility");
        Cli ack = Cli.run(
                "flags", "update", flag, "--db", db, "--module", "api", "--status", "acknowledged", "--agent", "a");
        assertThat(ack.code()).as(ack.err()).isZero();
        assertThat(Cli.run("flags", "list", "--db", db, "--module", "api", "--status", "pending")
                        .out())
                .doesNotContain("moved the TIME utility");
        Cli bad = Cli.run(
                "flags",
                "create",
                "--db",
                db,
                "--type",
                "refactor",
                "--affects",
                "api",
                "--change",
                "x",
                "--impact",
                "huge");
        assertThat(bad.code()).isEqualTo(Main.EXIT_DATA);
        assertThat(bad.err()).contains("impact").contains("huge");

        assertThat(Cli.run("todos", "list", "high", "--db", db).out()).contains("Add SSO");
        Cli done = Cli.run("todos", "update", todo.toString(), "--db", db, "--status", "completed", "--hours", "2");
        assertThat(done.code()).as(done.err()).isZero();
        assertThat(Cli.run("todos", "list", "completed", "--db", db).out()).contains("Add SSO");
        assertThat(Cli.run("todos", "list", "pending", "--db", db).out()).doesNotContain("Add SSO");
        Cli badTodo = Cli.run("todos", "update", "not-a-uuid", "--db", db, "--status", "completed");
        assertThat(badTodo.code()).isEqualTo(Main.EXIT_DATA);
        assertThat(badTodo.err()).contains("todo_id");
    }

    @Test
    void importSqliteMemoryBringsFlagsAndTodosAndAnIdleTeammateIsToldThePendingWork() throws Exception {
        Path file = dir.resolve("memory.db");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
                java.sql.Statement st = c.createStatement()) {
            st.execute(
                    "CREATE TABLE flags (id INTEGER PRIMARY KEY, session_id TEXT, flag_type TEXT, source_module TEXT,"
                            + " source_agent TEXT, affected_modules TEXT, change_description TEXT, action_required TEXT,"
                            + " impact_level TEXT, status TEXT, created_at TEXT)");
            st.execute("INSERT INTO flags VALUES (1, 's1', 'new_feature', 'core', 'core-agent', 'api',"
                    + " 'Created global TIME utility', 'use it', 'medium', 'pending', '2025-01-17 10:30')");
            st.execute("CREATE TABLE todos (id INTEGER PRIMARY KEY, task TEXT, priority TEXT, status TEXT,"
                    + " created_at TEXT)");
            st.execute("INSERT INTO todos VALUES (1, 'Fix bug', 'high', 'pending', '2025-01-10')");
            st.execute("INSERT INTO todos VALUES (2, 'Write docs', 'low', 'completed', '2025-01-11')");
        }
        String db = dir.resolve("store/agent-store.duckdb").toString();
        Cli imported = Cli.run("import", "sqlite-memory", "--db", db, file.toString());
        assertThat(imported.code()).as(imported.err()).isZero();
        // flags: the flag (1 fact); todos: two todos with their pending status, the second also completed (5)
        assertThat(imported.out())
                .contains("flags               1         1        0        0  (facts)")
                .contains("todos               2         5        0        0  (facts)");
        assertThat(Cli.run("todos", "list", "completed", "--db", db).out())
                .contains("Write docs")
                .doesNotContain("Fix bug");

        try (AgentStore s = AgentStore.builder()
                .path(Path.of(db))
                .install(AgentsModule.create())
                .build()) {
            AgentsModule.of(s).createWork(new WorkItem("review-api", "review", "src/api", "review the API"), "lead");
        }
        StoreOptions options = new StoreOptions();
        options.db = Path.of(db);
        io.agentstore.mcp.HookAnswers answers = io.agentstore.mcp.HookAnswers.forDatabase(
                Path.of(db), () -> Access.of(options, java.time.Duration.ofSeconds(2)));
        String idle = answers.context(
                        ("{\"session_id\":\"s1\",\"hook_event_name\":\"TeammateIdle\",\"teammate_name\":\"tester\","
                                        + "\"team_name\":\"t\"}")
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .orElseThrow();
        assertThat(((Map<?, ?>) Json.parse(idle)).get("systemMessage"))
                .asString()
                .contains("pending work nobody holds, for tester")
                .contains("review-api: review the API");

        // the real hook: it answers, and the spooled payload records what it suggested; the drain makes the idle a
        // fact of the agents module, with whether work was suggested and which
        Cli hook = Cli.withStdin(
                "{\"session_id\":\"s1\",\"hook_event_name\":\"TeammateIdle\",\"teammate_name\":\"tester\","
                        + "\"team_name\":\"t\",\"cwd\":\"/work/demo\"}",
                "hook",
                "--db",
                db);
        assertThat(hook.code()).as(hook.err()).isZero();
        Cli drain = Cli.run(
                "ingest",
                "claude-code",
                "--db",
                db,
                "--projects",
                dir.resolve("none").toString(),
                "--idle-after",
                "0s");
        assertThat(drain.code()).as(drain.err()).isZero();
        try (AgentStore s = AgentStore.builder()
                .path(Path.of(db))
                .install(AgentsModule.create())
                .build()) {
            io.agentstore.spi.Row idleFact = s.sql("SELECT teammate_name, team_name, is_work_suggested,"
                            + " suggested_work::VARCHAR AS w, session_id FROM v_teammate_idle")
                    .single()
                    .orElseThrow();
            assertThat(idleFact.string("teammate_name")).isEqualTo("tester");
            assertThat(idleFact.string("team_name")).isEqualTo("t");
            assertThat(idleFact.bool("is_work_suggested")).isTrue();
            assertThat(idleFact.string("w")).isEqualTo("[\"review-api\"]");
            assertThat(idleFact.string("session_id")).isEqualTo("s1");
        }
    }
}
