// agent-store in JShell: open a store, record a short session, ask it what was tried, query the views.
//
//   bin/jshell examples/jshell/quickstart.jsh
//
// The database is $AGENT_STORE_DB, else ~/.agent-store/agent-store.duckdb. The store stays open when the
// script ends, so you can go on typing, for example:
//   store.sql("SELECT * FROM v_session_summary ORDER BY started_at DESC").print()
//   store.core().recallPreviousAttempts("src/main/java/com/acme/http/HttpClient.java", 5)
// then  store.close()  and  /exit  when you are done.

import io.agentstore.*;
import io.agentstore.spi.*;
import io.agentstore.core.*;
import java.nio.file.*;
import java.time.*;
import java.util.*;

// JShell may end a snippet at any line that could end a statement: break long statements only inside
// parentheses, never before a leading dot.
String fromEnv = System.getenv("AGENT_STORE_DB");
Path db = (fromEnv != null && !fromEnv.isBlank() ? Path.of(fromEnv)
        : Path.of(System.getProperty("user.home"), ".agent-store", "agent-store.duckdb"));
AgentStore store = AgentStore.builder().path(db).durability(Durability.GROUP_COMMIT).build();
System.out.println("Opened " + store);

String session = UUID.randomUUID().toString();
String file = "src/main/java/com/acme/http/HttpClient.java";
TaskRef task = new TaskRef("ACME-150", "Extract a builder for HttpClient", "refactor");
CoreFacade core = store.core();

core.recordSessionEvent(SessionEvent.builder().sessionId(session).eventType("start").agent(AgentRef.of("main", "main"))
        .project("quickstart-demo").workingDir("/home/dev/acme-http").gitBranch("refactor/client-builder").build());
core.recordToolCall(ToolCall.builder().sessionId(session).agent("main").task(task)
        .tool("Read").targetPath(file).durationMs(40L).build());
core.recordToolCall(ToolCall.builder().sessionId(session).agent("main").task(task)
        .tool("Edit").targetPath(file).failed("string_not_found").durationMs(9L).build());
core.recordToolCall(ToolCall.builder().sessionId(session).agent("main").task(task)
        .tool("Edit").targetPath(file).durationMs(130L).build());
core.recordFileModification(FileModification.builder().sessionId(session).agent("main").task(task)
        .tool("Edit").filePath(file).lines(38L, 21L).build());
core.recordApiCall(ApiCall.builder().sessionId(session).agent("main").task(task).model("claude-sonnet-4-5")
        .provider("anthropic").tokens(2_800, 940).cacheTokens(30_500, 1_200, 0).latencyMs(5_100L).build());
core.recordDecision(Decision.builder().sessionId(session).agent("main").task(task).decisionType("approach_selection")
        .chose("static builder() with validated build()").alternatives(List.of("telescoping constructors"))
        .outcome("success").build());
core.recordTaskOutcome(TaskOutcome.builder().sessionId(session).agent("main").task(task).success(true)
        .testPassRate(1.0).filesModified(1L).elapsedMs(240_000L).build());
System.out.println("Recorded session " + session);

System.out.println("What was tried on " + file + ":");
for (PastAttempt a : core.recallPreviousAttempts(file, 5)) {
    System.out.println("  " + a.occurredAt() + "  " + a.toolName() + "  " + (a.success() ? "ok" : "FAILED " + a.errorType()));
}
System.out.println("Best agents for refactor tasks: " + core.bestAgentsFor("refactor"));

store.sql("SELECT tool_name, invocations, failures FROM v_tool_usage_30d ORDER BY invocations DESC, tool_name").print();
store.sql("SELECT left(session_id, 8) AS session, git_branch, tool_calls, failed_tool_calls, total_tokens"
        + " FROM v_session_summary WHERE session_id = ?", session).print();
System.out.println(store.sql("SELECT count(*) AS tool_calls FROM v_tool_calls WHERE session_id = ?", session).toCsv());
System.out.println("quickstart.jsh done; the store is open as `store`");
