package io.agentstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.core.CoreFacade;
import io.agentstore.spi.Row;
import io.agentstore.tokens.TokensFacade;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agent-store mcp} as a real process driven by the MCP SDK's own client over stdio: every tool on a store
 * filled from the shared fixtures, each answer checked against the reference query run directly; writes through
 * {@code sql} refused; two servers and an import at once, with and without {@code serve}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpServerIT {
    private static final String FILE = "/Users/dain/workspace/claude-code-log/claude_code_log/html_generator.py";
    private static final String PROJECT = "/Users/dain/workspace/claude-code-log";

    @TempDir
    static Path dir;

    Path db;
    McpSyncClient client;

    // expected answers, from the reference queries run directly
    List<String> attemptTimes;
    List<String> approaches;
    long decisionsOfType;
    List<String> recentTools;
    String lastSession;
    String lastSessionOfProject;
    List<String> bestAgents;
    BigDecimal usedToday;
    long contextTokens;
    List<String> overBudget;
    List<String> costModels;
    long totalTokensAll;
    long callsByDay;
    long toolCalls;

    @BeforeAll
    void fill() {
        db = dir.resolve("store.duckdb");
        McpFixture.fill(db);
        try (AgentStore s = McpFixture.open(db)) {
            attemptTimes = s.sql(CoreFacade.query("what_did_i_try_on_this_file.sql"), FILE, 5).rows().stream()
                    .map(r -> r.instant("occurred_at").toString())
                    .toList();
            approaches = s.sql(CoreFacade.query("successful_approaches.sql"), McpFixture.TASK_TYPE, 5).rows().stream()
                    .map(r -> r.string("option_chosen"))
                    .toList();
            decisionsOfType = s.sql(
                            "SELECT count(*) AS n FROM v_decisions WHERE decision_type = ? AND context_hash = ?",
                            McpFixture.DECISION_TYPE,
                            McpFixture.CONTEXT_HASH)
                    .rows()
                    .get(0)
                    .int64("n");
            lastSession = s.sql(CoreFacade.query("resume_context.sql"), 1)
                    .rows()
                    .get(0)
                    .string("session_id");
            recentTools = s
                    .sql(
                            "SELECT tool_name FROM v_tool_calls WHERE session_id = ? AND NOT is_superseded"
                                    + " ORDER BY occurred_at DESC, event_id LIMIT 5",
                            lastSession)
                    .rows()
                    .stream()
                    .map(r -> r.string("tool_name"))
                    .toList();
            lastSessionOfProject = s.sql(
                            "SELECT session_id FROM v_session_summary WHERE working_dir = ? AND tool_calls > 0"
                                    + " ORDER BY ended_at DESC LIMIT 1",
                            PROJECT)
                    .rows()
                    .get(0)
                    .string("session_id");
            bestAgents = s.sql(CoreFacade.query("best_agent_for_task_type.sql"), McpFixture.TASK_TYPE).rows().stream()
                    .map(r -> r.string("agent_name"))
                    .toList();
            LocalDate today = LocalDate.ofInstant(s.clock().instant(), ZoneOffset.UTC);
            usedToday = s.sql(
                            TokensFacade.query("budget_period_usage.sql"),
                            today.atStartOfDay(ZoneOffset.UTC).toInstant(),
                            today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())
                    .rows()
                    .get(0)
                    .decimal("total_tokens");
            contextTokens = s.sql(TokensFacade.query("session_context.sql"), McpFixture.SESSION)
                    .rows()
                    .get(0)
                    .int64("context_tokens");
            overBudget =
                    s.sql("SELECT component_name FROM tokens_over_budget(4000) ORDER BY component_name").rows().stream()
                            .map(r -> r.string("component_name"))
                            .toList();
            List<Row> cost = s.sql(
                            TokensFacade.query("cost_report.sql"),
                            "model",
                            Instant.EPOCH,
                            s.clock().instant().plus(Duration.ofDays(1)))
                    .rows();
            costModels = cost.stream().map(r -> r.string("bucket")).toList();
            totalTokensAll =
                    cost.stream().mapToLong(r -> r.int64("total_tokens")).sum();
            callsByDay = s.sql("SELECT sum(calls) AS n FROM v_cost_by_day")
                    .rows()
                    .get(0)
                    .decimal("n")
                    .longValue();
            toolCalls = s.sql("SELECT count(*) AS n FROM v_tool_calls")
                    .rows()
                    .get(0)
                    .int64("n");
        }
        assertThat(attemptTimes).as("fixture attempts on " + FILE).isNotEmpty();
        assertThat(approaches).isNotEmpty();
        assertThat(recentTools).isNotEmpty();
        assertThat(bestAgents).isNotEmpty();
        assertThat(overBudget).isNotEmpty();
        assertThat(costModels).isNotEmpty();
        client = client(db, "/Users/dain");
    }

    @AfterAll
    void close() {
        if (client != null) {
            client.closeGracefully();
        }
    }

    static McpSyncClient client(Path db, String home) {
        String jar = System.getProperty("agentstore.cli.jar", "target/agent-store.jar");
        ServerParameters params = ServerParameters.builder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString())
                .args("-Xmx256m", "-jar", jar, "mcp", "--db", db.toString())
                .addEnvVar("HOME", home)
                .build();
        McpSyncClient c = McpClient.sync(new StdioClientTransport(params, McpJsonDefaults.getMapper()))
                .requestTimeout(Duration.ofMinutes(2))
                .initializationTimeout(Duration.ofMinutes(1))
                .build();
        c.initialize();
        return c;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> call(McpSyncClient c, String tool, Map<String, Object> args) {
        McpSchema.CallToolResult r = c.callTool(request(tool, args));
        assertThat(r.isError()).as(tool + " " + args + ": " + r.content()).isFalse();
        assertThat(r.content()).as("text rendering").isNotEmpty();
        return (Map<String, Object>) r.structuredContent();
    }

    static McpSchema.CallToolRequest request(String tool, Map<String, Object> args) {
        return McpSchema.CallToolRequest.builder(tool).arguments(args).build();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> m, String key) {
        return (List<Map<String, Object>>) m.get(key);
    }

    @Test
    void everyToolIsListedWithASchemaAndTheReadOnlyHint() {
        List<McpSchema.Tool> tools = client.listTools().tools();
        assertThat(tools)
                .extracting(McpSchema.Tool::name)
                .contains(
                        "recall_previous_attempts",
                        "get_successful_approaches",
                        "check_decision_history",
                        "get_recent_actions",
                        "resume_context",
                        "best_agent_for",
                        "check_token_budget",
                        "suggest_token_optimizations",
                        "predict_context_overflow",
                        "get_cost_report",
                        "get_usage_stats",
                        "sql",
                        "describe_schema");
        for (McpSchema.Tool t : tools) {
            assertThat(t.description()).as(t.name()).hasSizeGreaterThan(40);
            assertThat(t.inputSchema()).as(t.name()).containsEntry("type", "object");
            assertThat(t.annotations().readOnlyHint()).as(t.name()).isTrue();
        }
    }

    @Test
    void recallMatchesTheReferenceQueryForAbsoluteRelativeAndHomePaths() {
        for (Map<String, Object> args : List.<Map<String, Object>>of(
                Map.of("file_path", FILE, "limit", 5),
                Map.of("file_path", "claude_code_log/html_generator.py", "project", PROJECT, "limit", 5),
                Map.of("file_path", "~/workspace/claude-code-log/claude_code_log/html_generator.py", "limit", 5))) {
            List<Map<String, Object>> attempts = list(call(client, "recall_previous_attempts", args), "attempts");
            assertThat(attempts)
                    .as(args.toString())
                    .extracting(a -> a.get("occurred_at"))
                    .containsExactlyElementsOf(attemptTimes);
        }
    }

    @Test
    void memoryToolsMatchTheReferenceQueries() {
        assertThat(list(
                        call(client, "get_successful_approaches", Map.of("task_type", McpFixture.TASK_TYPE)),
                        "approaches"))
                .extracting(a -> a.get("option_chosen"))
                .containsExactlyElementsOf(approaches);
        Map<String, Object> history = call(
                client,
                "check_decision_history",
                Map.of("decision_type", McpFixture.DECISION_TYPE, "context_hash", McpFixture.CONTEXT_HASH));
        assertThat(list(history, "decisions"))
                .hasSize((int) decisionsOfType)
                .extracting(d -> d.get("outcome"))
                .containsExactly("success", "failure");
        assertThat(list(call(client, "get_recent_actions", Map.of("session_id", lastSession, "limit", 5)), "actions"))
                .extracting(a -> a.get("tool_name"))
                .containsExactlyElementsOf(recentTools);
        assertThat(list(call(client, "get_recent_actions", Map.of("limit", 3)), "actions"))
                .hasSize(3);
        @SuppressWarnings("unchecked")
        Map<String, Object> session =
                (Map<String, Object>) call(client, "resume_context", Map.of()).get("session");
        assertThat(session).containsEntry("session_id", lastSession);
        Map<String, Object> ofProject = call(client, "resume_context", Map.of("project", PROJECT));
        assertThat(ofProject.get("session")).asString().contains(lastSessionOfProject);
        assertThat(list(ofProject, "actions")).isNotEmpty();
        assertThat(list(call(client, "best_agent_for", Map.of("task_type", McpFixture.TASK_TYPE)), "agents"))
                .extracting(a -> a.get("agent_name"))
                .containsExactlyElementsOf(bestAgents);
    }

    @Test
    void tokenToolsMatchTheReferenceQueries() {
        Map<String, Object> budget = call(client, "check_token_budget", Map.of("scope", "day", "limit", 1_000_000));
        assertThat(new BigDecimal(budget.get("used").toString()))
                .isEqualByComparingTo(usedToday)
                .isPositive();
        Map<String, Object> window =
                call(client, "check_token_budget", Map.of("scope", "five_hour_window", "limit", 1_000_000));
        assertThat(new BigDecimal(window.get("used").toString())).isPositive();
        assertThat(list(call(client, "suggest_token_optimizations", Map.of()), "optimizations"))
                .extracting(o -> o.get("subject"))
                .containsAll(overBudget);
        Map<String, Object> overflow = call(
                client,
                "predict_context_overflow",
                Map.of(
                        "session_id",
                        McpFixture.SESSION,
                        "planned_tokens",
                        1_000,
                        "planned_components",
                        List.of(McpFixture.COMPONENT)));
        assertThat(((Number) overflow.get("used_tokens")).longValue()).isEqualTo(contextTokens);
        assertThat(((Number) overflow.get("projected_tokens")).longValue()).isEqualTo(contextTokens + 1_000 + 6_000);
        Map<String, Object> cost = call(client, "get_cost_report", Map.of("period", "all", "group_by", "model"));
        assertThat(list(cost, "lines")).extracting(l -> l.get("key")).containsExactlyElementsOf(costModels);
        assertThat(((Number) cost.get("total_tokens")).longValue()).isEqualTo(totalTokensAll);
        Map<String, Object> usage = call(client, "get_usage_stats", Map.of("days", 36500));
        assertThat(((Number) usage.get("total_calls")).longValue())
                .isEqualTo(callsByDay)
                .isPositive();
    }

    @Test
    void sqlReadsAndRefusesWritesAndFileAccess() {
        Map<String, Object> r = call(client, "sql", Map.of("query", "SELECT count(*) AS n FROM v_tool_calls"));
        assertThat(((Number) list(r, "rows").get(0).get("n")).longValue())
                .isEqualTo(toolCalls)
                .isPositive();
        Map<String, Object> limited = call(client, "sql", Map.of("query", "SELECT * FROM v_tool_calls", "max_rows", 3));
        assertThat(list(limited, "rows")).hasSize(3);
        assertThat(limited).containsEntry("truncated", true);
        for (String write : List.of(
                "DELETE FROM fact_tool_call",
                "DROP VIEW v_tool_calls",
                "SET threads = 1",
                "COPY fact_tool_call TO '" + dir.resolve("out.csv") + "'",
                "ATTACH '" + dir.resolve("x.duckdb") + "'",
                "SELECT * FROM read_text('/etc/passwd')",
                "SELECT 1; DELETE FROM fact_tool_call")) {
            McpSchema.CallToolResult refused = client.callTool(request("sql", Map.of("query", write)));
            assertThat(refused.isError()).as(write).isTrue();
            assertThat(refused.content().get(0).toString()).as(write).contains("query");
        }
        assertThat(Files.exists(dir.resolve("out.csv"))).isFalse();
        Map<String, Object> after = call(client, "sql", Map.of("query", "SELECT count(*) AS n FROM v_tool_calls"));
        assertThat(((Number) list(after, "rows").get(0).get("n")).longValue()).isEqualTo(toolCalls);
    }

    @Test
    void describeSchemaListsTheViewsWithTheirColumns() {
        List<Map<String, Object>> objects = list(call(client, "describe_schema", Map.of()), "objects");
        assertThat(objects).extracting(o -> o.get("name")).contains("v_tool_calls", "v_cost_by_day", "v_usage_windows");
        Map<String, Object> toolCallsView = objects.stream()
                .filter(o -> "v_tool_calls".equals(o.get("name")))
                .findFirst()
                .orElseThrow();
        assertThat(toolCallsView.get("columns")).asString().contains("target_path", "is_success");
    }

    @Test
    void badArgumentsAreToolErrorsNamingTheArgument() {
        McpSchema.CallToolResult r = client.callTool(request("get_cost_report", Map.of("period", "last tuesday")));
        assertThat(r.isError()).isTrue();
        assertThat(r.content().get(0).toString()).contains("period").doesNotContain("at io.agentstore");
        McpSchema.CallToolResult missing =
                client.callTool(request("resume_context", Map.of("session_id", "no-such-session")));
        assertThat(missing.isError()).isTrue();
        assertThat(missing.content().get(0).toString()).contains("session_id");
    }

    @Test
    void twoServersAndAnImportAtOnceWithAndWithoutServe() throws Exception {
        runConcurrently(false);
        Process serve = new ProcessBuilder(
                        java(), "-Xmx512m", "-jar", jar(), "serve", "--db", db.toString(), "--interval", "0s")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("serve.log").toFile())
                .start();
        try {
            Path ownerFile = db.resolveSibling(db.getFileName() + ".owner.json");
            io.agentstore.testing.Eventually.await(
                    "serve writes its owner file (or exits)",
                    java.time.Duration.ofMinutes(2),
                    () -> Files.exists(ownerFile) || !serve.isAlive());
            assertThat(ownerFile).as(Files.readString(dir.resolve("serve.log"))).exists();
            assertThat(Files.getPosixFilePermissions(ownerFile))
                    .extracting(Object::toString)
                    .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
            runConcurrently(true);
        } finally {
            serve.destroy();
            assertThat(serve.waitFor(1, TimeUnit.MINUTES)).isTrue();
        }
        assertThat(Files.readString(dir.resolve("serve.log"))).contains("stopped");
        assertThat(db.resolveSibling(db.getFileName() + ".owner.json")).doesNotExist();
    }

    private void runConcurrently(boolean served) throws Exception {
        Process ingest = new ProcessBuilder(
                        java(),
                        "-jar",
                        jar(),
                        "ingest",
                        "claude-code",
                        "--db",
                        db.toString(),
                        "--projects",
                        McpFixture.projects().toString(),
                        "--no-hooks")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("ingest-" + served + ".log").toFile())
                .start();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < 2; i++) {
            Thread t = new Thread(() -> {
                try (McpSyncClient c = client(db, "/Users/dain")) {
                    for (int k = 0; k < 3; k++) {
                        call(c, "recall_previous_attempts", Map.of("file_path", FILE, "limit", 5));
                        call(c, "sql", Map.of("query", "SELECT count(*) FROM v_tool_calls"));
                        call(c, "check_token_budget", Map.of("scope", "five_hour_window", "limit", 100));
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join(TimeUnit.MINUTES.toMillis(5));
        }
        assertThat(ingest.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String ingestLog = Files.readString(dir.resolve("ingest-" + served + ".log"));
        assertThat(ingest.exitValue()).as(ingestLog).isZero();
        if (served) {
            assertThat(ingestLog).contains("imported by the owner process");
        }
        assertThat(failures).isEmpty();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String jar() {
        return System.getProperty("agentstore.cli.jar", "target/agent-store.jar");
    }
}
