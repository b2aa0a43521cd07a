package io.agentstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentstore.AgentStore;
import io.agentstore.spi.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agent-store hook} run as Claude Code runs it (payload on stdin, stdout and exit code read): resume
 * context for a known project and nothing for an unknown one, a deny on a rule (also on a locked or damaged
 * store), an earlier failure recalled, silence and an owner-only log on a damaged store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HookAnswersIT {
    private static final String PROJECT = "/Users/dain/workspace/claude-code-log";
    private static final String FAILED_COMMAND = "uv run pytest -m browser -v --tb=short";

    @TempDir
    static Path dir;

    Path db;

    record Result(int code, String out, String err) {}

    @BeforeAll
    void fill() {
        db = dir.resolve("store/store.duckdb");
        McpFixture.fill(db);
    }

    private Result hook(Path database, String payload) throws Exception {
        String jar = System.getProperty("agentstore.cli.jar", "target/agent-store.jar");
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xmx128m",
                "-jar",
                jar,
                "hook",
                "--db",
                database.toString()));
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().write(payload.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Result(p.exitValue(), out, err);
    }

    private static String sessionStart(String cwd) {
        return "{\"session_id\":\"new\",\"hook_event_name\":\"SessionStart\",\"source\":\"startup\",\"cwd\":\"" + cwd
                + "\"}";
    }

    private static String preToolUse(String command) {
        return "{\"session_id\":\"new\",\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Bash\",\"cwd\":\"" + PROJECT
                + "\",\"tool_input\":{\"command\":\"" + command + "\"}}";
    }

    @Test
    void sessionStartPrintsTheResumeContextOfAKnownProjectOnly() throws Exception {
        String expectedSession;
        try (AgentStore s = McpFixture.open(db)) {
            expectedSession = s.sql(
                            "SELECT session_id FROM v_session_summary WHERE working_dir = ? AND tool_calls > 0"
                                    + " ORDER BY ended_at DESC LIMIT 1",
                            PROJECT)
                    .rows()
                    .get(0)
                    .string("session_id");
        }
        Result known = hook(db, sessionStart(PROJECT));
        assertThat(known.code()).isZero();
        JsonNode out = Json.MAPPER.readTree(known.out());
        assertThat(out.at("/hookSpecificOutput/hookEventName").asText()).isEqualTo("SessionStart");
        String context = out.at("/hookSpecificOutput/additionalContext").asText();
        assertThat(context)
                .contains(expectedSession)
                .contains("What it was doing")
                .contains("5-hour");
        assertThat(context.length()).isLessThan(4_000);

        Result unknown = hook(db, sessionStart("/nowhere/else"));
        assertThat(unknown.code()).isZero();
        assertThat(unknown.out()).isEmpty();
    }

    /**
     * With the memory module installed, the resume context also carries what the last session's summary left:
     * its pending items and the next session's priority.
     */
    @Test
    void sessionStartCarriesTheLastSessionSummaryWhenTheMemoryModuleIsInstalled() throws Exception {
        Path withMemory = dir.resolve("memory/store.duckdb");
        Files.createDirectories(withMemory.getParent());
        Files.copy(db, withMemory);
        String lastSession;
        try (AgentStore s = AgentStore.builder()
                .path(withMemory)
                .install(io.agentstore.tokens.TokensModule.create(), io.agentstore.memory.MemoryModule.create())
                .build()) {
            lastSession = s.sql(
                            "SELECT session_id FROM v_session_summary WHERE working_dir = ? AND tool_calls > 0"
                                    + " ORDER BY ended_at DESC LIMIT 1",
                            PROJECT)
                    .rows()
                    .get(0)
                    .string("session_id");
            io.agentstore.memory.MemoryModule.of(s)
                    .saveSessionSummary(io.agentstore.memory.SessionSummary.builder()
                            .sessionId(lastSession)
                            .title("Browser tests for the timeline")
                            .pending(List.of("fix the flaky zoom test", "document the filter toolbar"))
                            .nextSessionPriority("make the browser suite green")
                            .build());
        }
        Result r = hook(withMemory, sessionStart(PROJECT));
        assertThat(r.code()).as(r.err()).isZero();
        String context = Json.MAPPER
                .readTree(r.out())
                .at("/hookSpecificOutput/additionalContext")
                .asText();
        assertThat(context)
                .contains(lastSession)
                .contains("Browser tests for the timeline")
                .contains("- fix the flaky zoom test")
                .contains("- document the filter toolbar")
                .contains("Next session's priority: make the browser suite green");
        assertThat(context.length()).isLessThan(4_000);

        Result without = hook(db, sessionStart(PROJECT));
        assertThat(Json.MAPPER
                        .readTree(without.out())
                        .at("/hookSpecificOutput/additionalContext")
                        .asText())
                .as("no memory module, no summary section")
                .doesNotContain("Next session's priority");
    }

    @Test
    void preToolUseDeniesARuleAndRecordsTheBlockedCall() throws Exception {
        Result r = hook(db, preToolUse("git push --force origin main"));
        assertThat(r.code()).isZero();
        JsonNode out = Json.MAPPER.readTree(r.out());
        assertThat(out.at("/hookSpecificOutput/permissionDecision").asText()).isEqualTo("deny");
        assertThat(out.at("/hookSpecificOutput/permissionDecisionReason").asText())
                .contains("force-push");
        try (Stream<Path> files =
                Files.walk(io.agentstore.claudecode.HookSpool.besideDatabase(db).folder())) {
            assertThat(files.filter(Files::isRegularFile).map(HookAnswersIT::read))
                    .anyMatch(s -> s.contains("agent_store_blocked") && s.contains("force-push-main"));
        }
    }

    @Test
    void preToolUseRecallsAnEarlierFailureAndStaysSilentOtherwise() throws Exception {
        Result failed = hook(db, preToolUse(FAILED_COMMAND));
        assertThat(failed.code()).isZero();
        JsonNode out = Json.MAPPER.readTree(failed.out());
        assertThat(out.at("/hookSpecificOutput/permissionDecision").isMissingNode())
                .isTrue();
        assertThat(out.at("/hookSpecificOutput/additionalContext").asText())
                .contains("failed before")
                .contains("test session starts");
        Result fine = hook(db, preToolUse("ls -la"));
        assertThat(fine.code()).isZero();
        assertThat(fine.out()).isEmpty();
    }

    @Test
    void aDamagedStoreIsSilentAndStillDenies() throws Exception {
        Path damaged = dir.resolve("damaged/store.duckdb");
        Files.createDirectories(damaged.getParent());
        Files.write(
                damaged,
                "this is not a DuckDB file at all, just text ".repeat(2_000).getBytes(StandardCharsets.UTF_8));
        Result start = hook(damaged, sessionStart(PROJECT));
        assertThat(start.code()).isZero();
        assertThat(start.out()).isEmpty();
        Path log = damaged.resolveSibling("hook.log");
        assertThat(log).exists();
        assertThat(Files.getPosixFilePermissions(log))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.readString(log)).contains("SessionStart");
        Result deny = hook(damaged, preToolUse("rm -rf /"));
        assertThat(deny.code()).isZero();
        assertThat(Json.MAPPER
                        .readTree(deny.out())
                        .at("/hookSpecificOutput/permissionDecision")
                        .asText())
                .isEqualTo("deny");
    }

    @Test
    void aLockedStoreStillDeniesAndTheContextIsSilent() throws Exception {
        try (AgentStore held = McpFixture.open(db)) {
            assertThat(held.path()).isPresent();
            Result deny = hook(db, preToolUse("chmod -R 777 /"));
            assertThat(deny.code()).isZero();
            assertThat(Json.MAPPER
                            .readTree(deny.out())
                            .at("/hookSpecificOutput/permissionDecision")
                            .asText())
                    .isEqualTo("deny");
            Result start = hook(db, sessionStart(PROJECT));
            assertThat(start.code()).isZero();
            assertThat(start.out()).isEmpty();
        }
        assertThat(Set.copyOf(Files.readAllLines(db.resolveSibling("hook.log"))))
                .anyMatch(l -> l.contains("SessionStart"));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
