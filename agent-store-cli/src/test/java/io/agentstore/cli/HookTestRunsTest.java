package io.agentstore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentstore.AgentStore;
import io.agentstore.quality.QualityModule;
import io.agentstore.spi.Json;
import io.agentstore.spi.Row;
import io.agentstore.testing.SharedFixtures;
import java.nio.file.Path;
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
 * {@code Tests 740 passed | 30 skipped (770)}; the others are cut before it (counts unknown).
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
        hook(logs.resolve("pre_tool_use.json"));
        hook(logs.resolve("post_tool_use.json"));
        ingest();
        ingest();
        try (AgentStore store = AgentStore.builder()
                .path(Path.of(db()))
                .install(QualityModule.create())
                .build()) {
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
            assertThat(runs)
                    .filteredOn(r -> r.int64("total_tests") == 770L)
                    .singleElement()
                    .satisfies(r -> assertThat(r.bool("is_green")).isTrue());
        }
    }
}
