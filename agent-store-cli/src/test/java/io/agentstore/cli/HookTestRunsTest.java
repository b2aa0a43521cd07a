package io.agentstore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentstore.AgentStore;
import io.agentstore.core.Decision;
import io.agentstore.quality.QualityModule;
import io.agentstore.spi.Json;
import io.agentstore.spi.Row;
import io.agentstore.strategy.StrategyModule;
import io.agentstore.testing.SharedFixtures;
import io.agentstore.tokens.TokensModule;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real hook path: the shared fixture's Bash hook payloads (attio-mcp-server, {@code pre_tool_use.json} and
 * {@code post_tool_use.json}) piped one by one into {@code agent-store hook}, then {@code ingest claude-code}
 * drains the spool. Worked out by hand from the fixture: of the 19 Bash PostToolUse payloads, five ran the
 * project's test script ({@code npm run test:offline}, four of them piped through {@code head}, {@code grep} or
 * {@code tail}); {@code gh pr create} and {@code git commit} mention it only inside quotes. The script runs
 * Vitest: the outputs that show Vitest's {@code RUN v3.1.4} banner or its {@code Test Files} line say so; the
 * {@code grep} one shows neither (framework {@code unknown}, runner {@code npm}). Only the {@code tail -20} output holds the summary:
 * {@code Tests 740 passed | 30 skipped (770)}; the others are cut before it (counts unknown, green unknown). A
 * decision recorded in the session a minute before the hooks becomes a derived strategy attempt at the first ingest,
 * judged a success by the first run whose outcome is known (the green {@code tail -20} one), and only once.
 */
class HookTestRunsTest {
    private static final String SESSION = "c7428042-d9a9-4e9e-a71c-4433a8d202c0";

    @TempDir
    Path dir;

    private String db() {
        return dir.resolve("store/agent-store.duckdb").toString();
    }

    private void hook(Path file) throws Exception {
        for (JsonNode payload : Json.MAPPER.readTree(file.toFile())) {
            if (!"Bash".equals(payload.path("tool_name").asText())) {
                continue;
            }
            Cli hook = Cli.withStdin(payload.toString(), "hook", "--db", db());
            assertThat(hook.code()).as(hook.err()).isZero();
        }
    }

    private AgentStore open() {
        return AgentStore.builder()
                .path(Path.of(db()))
                .install(TokensModule.create(), QualityModule.create(), StrategyModule.create())
                .build();
    }

    private Cli ingest() {
        Cli ingest = Cli.run(
                "ingest",
                "claude-code",
                "--db",
                db(),
                "--projects",
                dir.resolve("none").toString(),
                "--idle-after",
                "0s");
        assertThat(ingest.code()).as(ingest.err()).isZero();
        return ingest;
    }

    @Test
    void bashHooksThatRanTestsBecomeTestRuns() throws Exception {
        Path logs = SharedFixtures.directory("fixtures/claude-code/attio-mcp-server/logs");
        Instant before = Instant.now();
        hook(logs.resolve("pre_tool_use.json"));
        hook(logs.resolve("post_tool_use.json"));
        // a decision of the session a minute before its hooks (recorded after them, so that the hooks find no
        // database to look things up in): the ingest derives the attempt its first known run judges
        assertThat(Cli.run("init", "--db", db()).code()).isZero();
        try (AgentStore store = open()) {
            store.record(Decision.builder()
                    .sessionId(SESSION)
                    .agent("claude-code")
                    .decisionType("approach_selection")
                    .chose("offline_suite_first")
                    .occurredAt(before.minus(Duration.ofMinutes(1)))
                    .build());
        }
        assertThat(ingest().out()).contains("agent-store: 1 strategy attempt(s) derived");
        assertThat(ingest().out()).doesNotContain("derived");
        try (AgentStore store = open()) {
            List<Row> runs = store.sql("SELECT attributes->>'command' AS command, framework, passed, failed, skipped,"
                            + " total_tests, attributes->>'counts_known' AS known, session_id, is_green"
                            + " FROM v_test_runs ORDER BY occurred_at, command")
                    .rows();
            assertThat(runs)
                    .extracting(
                            r -> r.string("command"),
                            r -> r.string("framework"),
                            r -> r.int64("passed"),
                            r -> r.int64("skipped"),
                            r -> r.int64("total_tests"),
                            r -> r.string("known"))
                    .containsExactlyInAnyOrder(
                            tuple("npm run test:offline 2>&1 | head -50", "vitest", 0L, 0L, 0L, "false"),
                            tuple("npm run test:offline 2>&1 | head -100", "vitest", 0L, 0L, 0L, "false"),
                            tuple(
                                    "npm run test:offline 2>&1 | grep -A 5 \"FAIL\\|Error\\|failed\"",
                                    "unknown",
                                    0L,
                                    0L,
                                    0L,
                                    "false"),
                            tuple("npm run test:offline 2>&1 | tail -20", "vitest", 740L, 30L, 770L, "true"),
                            tuple("npm run test:offline", "vitest", 0L, 0L, 0L, "false"));
            assertThat(runs).allSatisfy(r -> assertThat(r.string("session_id")).isEqualTo(SESSION));
            // green only where the summary was seen; unknown (NULL) where the output was cut before it
            assertThat(runs)
                    .extracting(r -> r.int64("total_tests") == 770L, r -> r.bool("is_green"))
                    .containsOnly(tuple(true, true), tuple(false, null));
            Row attempt = store.sql("SELECT strategy_name, is_success, t.total_tests FROM v_strategy_attempts a"
                            + " JOIN v_test_runs t ON t.event_id = a.test_run_id")
                    .single()
                    .orElseThrow();
            assertThat(attempt.string("strategy_name")).isEqualTo("offline_suite_first");
            assertThat(attempt.bool("is_success")).isTrue();
            assertThat(attempt.int64("total_tests")).isEqualTo(770L);
        }
    }
}
