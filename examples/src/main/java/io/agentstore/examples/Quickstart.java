package io.agentstore.examples;

import io.agentstore.AgentStore;
import io.agentstore.Durability;
import io.agentstore.StoreLockedException;
import io.agentstore.core.AgentRef;
import io.agentstore.core.AgentScore;
import io.agentstore.core.ApiCall;
import io.agentstore.core.Approach;
import io.agentstore.core.CoreFacade;
import io.agentstore.core.Decision;
import io.agentstore.core.ErrorEvent;
import io.agentstore.core.FileModification;
import io.agentstore.core.PastAttempt;
import io.agentstore.core.SessionEvent;
import io.agentstore.core.TaskOutcome;
import io.agentstore.core.TaskRef;
import io.agentstore.core.ToolCall;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The agent-store quickstart: records one small, realistic coding session (an agent debugging a flaky retry
 * in an HTTP client: reads, an edit, a failing test run, a fix, a passing run) into a store file, then shows
 * what the store gives back: recall for the agent, and three of the core views as tables.
 *
 * <p>Run it with {@code bin/quickstart [database-file]}. The database is the argument, else the
 * {@code AGENT_STORE_DB} environment variable, else {@code ~/.agent-store/agent-store.duckdb}. Running it
 * again records another session into the same file; recall then returns the earlier sessions too.
 */
public final class Quickstart {
    /** The project name the demo sessions are recorded under, so they are easy to tell apart. */
    public static final String PROJECT = "quickstart-demo";
    /** The file the demo session works on. */
    public static final String FILE = "src/main/java/com/acme/http/RetryPolicy.java";
    /** The test file the demo session changes. */
    public static final String TEST_FILE = "src/test/java/com/acme/http/RetryPolicyTest.java";
    /** The task the demo session works on. */
    public static final TaskRef TASK = new TaskRef("ACME-142", "Fix flaky retry in HttpClient", "debug");

    private static final AgentRef AGENT = AgentRef.of("main", "main");

    private Quickstart() {}

    /**
     * Records one demo session and prints recall and views.
     *
     * @param args an optional database file
     */
    public static void main(String[] args) {
        if (args.length > 1 || (args.length == 1 && (args[0].equals("-h") || args[0].equals("--help")))) {
            System.out.println("usage: bin/quickstart [database-file]");
            System.out.println("  default: $AGENT_STORE_DB, else ~/.agent-store/agent-store.duckdb");
            return;
        }
        Path db =
                args.length == 1 ? Path.of(args[0]) : defaultDatabase(System.getenv(), System.getProperty("user.home"));
        try {
            run(db, System.out);
        } catch (StoreLockedException e) {
            System.err.println("quickstart: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * The database the quickstart uses when no argument names one: {@code AGENT_STORE_DB} when set, else
     * {@code <home>/.agent-store/agent-store.duckdb}.
     */
    public static Path defaultDatabase(Map<String, String> env, String home) {
        String fromEnv = env.get("AGENT_STORE_DB");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        return Path.of(home, ".agent-store", "agent-store.duckdb");
    }

    /**
     * Opens (or creates) the store at {@code db}, records one demo session, prints recall results and views
     * to {@code out}, and closes the store.
     *
     * @return the id of the session it recorded
     */
    public static String run(Path db, PrintStream out) {
        try (AgentStore store = AgentStore.builder()
                .path(db)
                .durability(Durability.GROUP_COMMIT)
                .build()) {
            String sessionId = recordSession(store);
            out.println(
                    "Recorded session " + sessionId + " into " + store.path().orElseThrow());
            out.println();
            showRecall(store.core(), out);
            showViews(store, out);
            return sessionId;
        }
    }

    /**
     * Records one session, as an agent client's hooks would: start, tool calls (one of them failing), model
     * calls, file changes, a decision, an error, the task's outcome, end. Times are spread over the last
     * quarter of an hour on the store's clock.
     *
     * @return the session id
     */
    public static String recordSession(AgentStore store) {
        CoreFacade core = store.core();
        String session = UUID.randomUUID().toString();
        Instant start = store.clock().instant().minus(Duration.ofMinutes(15)).truncatedTo(ChronoUnit.MILLIS);

        core.recordSessionEvent(SessionEvent.builder()
                .sessionId(session)
                .agent(AGENT)
                .eventType("start")
                .project(PROJECT)
                .workingDir("/home/dev/acme-http")
                .gitBranch("fix/retry-backoff")
                .clientVersion("2.0.14")
                .detail("startup")
                .occurredAt(start)
                .build());

        core.recordToolCall(tool(session, start, 20, "Read", FILE)
                .durationMs(35L)
                .bytes(96L, 4_210L)
                .attribute("file_path", FILE)
                .build());
        core.recordToolCall(tool(session, start, 28, "Grep", "src")
                .durationMs(210L)
                .attribute("pattern", "maxAttempts|backoff")
                .attribute("matches", 7)
                .build());
        core.recordApiCall(ApiCall.builder()
                .sessionId(session)
                .agent(AGENT)
                .task(TASK)
                .model("claude-sonnet-4-5")
                .provider("anthropic")
                .requestId("req_" + shortId(session) + "_1")
                .tokens(3_412, 1_186)
                .cacheTokens(41_250, 2_730, 0)
                .latencyMs(6_840L)
                .occurredAt(at(start, 40))
                .build());

        Instant decidedAt = at(start, 55);
        UUID decision = core.recordDecision(Decision.builder()
                .sessionId(session)
                .agent(AGENT)
                .task(TASK)
                .decisionType("approach_selection")
                .chose("exponential backoff with full jitter, capped at 30 s")
                .alternatives(List.of("fixed 1 s delay", "retry only idempotent requests"))
                .rationale("retries of concurrent clients collide; jitter spreads them within the 30 s budget")
                .occurredAt(decidedAt)
                .build());

        // The first edit fails the way real ones do: the text to replace is not in the file as quoted.
        core.recordToolCall(tool(session, start, 66, "Edit", FILE)
                .failed("string_not_found")
                .durationMs(12L)
                .attribute("error", "old_string not found in file")
                .build());
        core.recordToolCall(tool(session, start, 70, "Read", FILE)
                .durationMs(22L)
                .bytes(120L, 1_630L)
                .attribute("offset", 40)
                .attribute("limit", 60)
                .build());
        core.recordToolCall(tool(session, start, 75, "Edit", FILE)
                .durationMs(120L)
                .bytes(1_180L, 64L)
                .build());
        core.recordFileModification(change(session, start, 75, FILE)
                .lines(14L, 6L)
                .chars(612L, 240L)
                .diffSnippet(
                        "-    long delay = baseDelay * attempt;\n+    long delay = jitter(min(cap, base << attempt));")
                .build());

        Instant failedAt = at(start, 110);
        core.recordToolCall(tool(session, start, 110, "Bash", null)
                .failed("test_failure")
                .durationMs(48_300L)
                .attribute("command", "mvn -q test -Dtest=RetryPolicyTest")
                .attribute("exit_code", 1)
                .build());
        core.recordError(ErrorEvent.builder()
                .sessionId(session)
                .agent(AGENT)
                .task(TASK)
                .tool("Bash")
                .severity("error")
                .errorType("test_failure")
                .message("RetryPolicyTest.delayIsCapped: expected delay <= 30000 ms but was 32000 ms")
                .attribute("test", "RetryPolicyTest.delayIsCapped")
                .occurredAt(failedAt)
                .build());

        core.recordApiCall(ApiCall.builder()
                .sessionId(session)
                .agent(AGENT)
                .task(TASK)
                .model("claude-sonnet-4-5")
                .provider("anthropic")
                .requestId("req_" + shortId(session) + "_2")
                .tokens(1_904, 655)
                .cacheTokens(44_120, 1_310, 0)
                .latencyMs(4_210L)
                .occurredAt(at(start, 170))
                .build());
        core.recordToolCall(tool(session, start, 190, "Edit", FILE)
                .durationMs(95L)
                .bytes(410L, 64L)
                .build());
        core.recordFileModification(
                change(session, start, 190, FILE).lines(2L, 1L).chars(88L, 41L).build());
        core.recordToolCall(tool(session, start, 215, "Edit", TEST_FILE)
                .durationMs(101L)
                .bytes(530L, 64L)
                .build());
        core.recordFileModification(change(session, start, 215, TEST_FILE)
                .lines(9L, 0L)
                .chars(402L, 0L)
                .build());
        core.recordToolCall(tool(session, start, 240, "Bash", null)
                .durationMs(51_900L)
                .attribute("command", "mvn -q test -Dtest=RetryPolicyTest")
                .attribute("exit_code", 0)
                .build());

        // Facts are append-only: the decision's outcome, known only now, is recorded as a correction of it.
        core.recordDecision(Decision.builder()
                .sessionId(session)
                .agent(AGENT)
                .task(TASK)
                .decisionType("approach_selection")
                .chose("exponential backoff with full jitter, capped at 30 s")
                .alternatives(List.of("fixed 1 s delay", "retry only idempotent requests"))
                .rationale("retries of concurrent clients collide; jitter spreads them within the 30 s budget")
                .outcome("success")
                .supersedes(decision)
                .occurredAt(decidedAt)
                .build());

        long tokens = (3_412 + 1_186 + 41_250 + 2_730) + (1_904 + 655 + 44_120 + 1_310);
        core.recordTaskOutcome(TaskOutcome.builder()
                .sessionId(session)
                .agent(AGENT)
                .task(TASK)
                .success(true)
                .testPassRate(1.0)
                .filesModified(2L)
                .totalTokens(tokens)
                .estimatedMs(Duration.ofMinutes(8).toMillis())
                .elapsedMs(Duration.ofSeconds(300).toMillis())
                .occurredAt(at(start, 300))
                .build());
        core.recordSessionEvent(SessionEvent.builder()
                .sessionId(session)
                .agent(AGENT)
                .eventType("end")
                .detail("task completed")
                .occurredAt(at(start, 310))
                .build());
        return session;
    }

    private static ToolCall.Builder tool(String session, Instant start, int second, String tool, String target) {
        return ToolCall.builder()
                .sessionId(session)
                .agent(AGENT)
                .task(TASK)
                .tool(tool)
                .targetPath(target)
                .occurredAt(at(start, second));
    }

    private static FileModification.Builder change(String session, Instant start, int second, String file) {
        return FileModification.builder()
                .sessionId(session)
                .agent(AGENT)
                .task(TASK)
                .tool("Edit")
                .filePath(file)
                .modificationType("edit")
                .occurredAt(at(start, second).plusMillis(1));
    }

    private static Instant at(Instant start, int second) {
        return start.plusSeconds(second);
    }

    private static String shortId(String session) {
        return session == null ? "-" : session.substring(0, Math.min(8, session.length()));
    }

    /** Prints what an agent would ask the store before it starts: recall of earlier work. */
    static void showRecall(CoreFacade core, PrintStream out) {
        out.println("What was tried on " + FILE + " (recallPreviousAttempts, newest first):");
        for (PastAttempt a : core.recallPreviousAttempts(FILE, 8)) {
            out.printf(
                    Locale.ROOT,
                    "  %s  %-5s %-23s %7s  session %s%n",
                    time(a.occurredAt()),
                    a.toolName(),
                    a.success() ? "ok" : "FAILED " + a.errorType(),
                    a.durationMs() == null ? "" : a.durationMs() + " ms",
                    shortId(a.sessionId()));
        }
        out.println();

        out.println("Approaches that worked for '" + TASK.type() + "' tasks (successfulApproaches):");
        for (Approach a : core.successfulApproaches(TASK.type(), 3)) {
            out.printf(
                    Locale.ROOT,
                    "  %s %s: %s (instead of %s)%n",
                    time(a.occurredAt()),
                    a.task().id(),
                    a.optionChosen(),
                    String.join(", ", a.alternatives()));
        }
        out.println();

        out.println("Best agents for '" + TASK.type() + "' tasks (bestAgentsFor):");
        for (AgentScore s : core.bestAgentsFor(TASK.type())) {
            out.printf(
                    Locale.ROOT,
                    "  %-12s tasks %d, success %.0f%%, tests passing %s, avg %s%n",
                    s.agentName(),
                    s.tasks(),
                    s.successRate() * 100,
                    s.avgTestPassRate() == null
                            ? "n/a"
                            : String.format(Locale.ROOT, "%.0f%%", s.avgTestPassRate() * 100),
                    s.avgElapsedMs() == null
                            ? "n/a"
                            : String.format(Locale.ROOT, "%.1f min", s.avgElapsedMs() / 60_000));
        }
        out.println();

        out.println("Where the latest session left off (resumeContext, newest first):");
        for (PastAttempt a : core.resumeContext(3)) {
            out.printf(
                    Locale.ROOT,
                    "  %s  %-5s %-7s %s%n",
                    time(a.occurredAt()),
                    a.toolName(),
                    a.success() ? "ok" : "FAILED",
                    a.targetPath() != null
                            ? a.targetPath()
                            : a.attributes() == null ? "" : a.attributes().getOrDefault("command", ""));
        }
        out.println();
    }

    /** Prints three of the core views: the documented SQL contract, as any SQL tool would query it. */
    static void showViews(AgentStore store, PrintStream out) {
        out.println("v_session_summary (latest demo sessions):");
        out.println(store.sql("""
                SELECT left(session_id, 8) AS session, git_branch, started_at, duration_ms, tool_calls,
                       failed_tool_calls, api_calls, total_tokens, files_modified, errors
                FROM v_session_summary
                WHERE project = ?
                ORDER BY started_at DESC
                LIMIT 5""", PROJECT));
        out.println();
        out.println("v_tool_usage_30d:");
        out.println(store.sql("""
                SELECT tool_name, invocations, failures, round(success_rate, 2) AS success_rate,
                       round(avg_duration_ms) AS avg_duration_ms
                FROM v_tool_usage_30d
                ORDER BY invocations DESC, tool_name"""));
        out.println();
        out.println("v_file_history for " + FILE + ":");
        out.println(store.sql("""
                SELECT occurred_at, left(session_id, 8) AS session, event_kind, tool_name, is_success,
                       modification_type, lines_added, lines_deleted
                FROM v_file_history
                WHERE file_path = ?
                ORDER BY occurred_at DESC, event_kind
                LIMIT 8""", FILE));
    }

    private static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
