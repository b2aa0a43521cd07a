package io.agentstore.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.agentstore.AgentStore;
import io.agentstore.claudecode.ClaudeCodeImporter;
import io.agentstore.quality.QualityModule;
import io.agentstore.spi.Row;
import io.agentstore.testing.SharedFixtures;
import io.agentstore.tokens.TokensModule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The slash commands of the shared Claude Code transcripts become command runs. Counted by hand with
 * {@code grep -r '<command-name>'} over {@code fixtures/claude-code/claude-code-log/test/test_data/real_projects}:
 * five commands in four sessions.
 *
 * <ul>
 *   <li>12a546d1 line 2 {@code /clear} (empty output), before any response; the first response after it (line 7)
 *       is {@code claude-opus-4-20250514}: rule {@code next_response}.
 *   <li>3680252d line 5 {@code /model}, output {@code Set model to Default (Sonnet 4.5 · ...)} (no model id); the
 *       file has no response at all: model unknown.
 *   <li>a7da6a22 line 5 {@code /context} and line 9 {@code /model} ({@code Set model to opus
 *       (claude-opus-4-5-20251101)}), no response before them: both unknown (the switch stands between them and
 *       the next response, so that response's model is not theirs); {@code model_set} is the id.
 *   <li>ef958aa1 line 179 {@code /exit} (output {@code See ya!}); the last response before it (line 170) is
 *       {@code claude-opus-4-7}: rule {@code previous_response}.
 * </ul>
 */
class SlashCommandRunsTest {
    private static final String RUNS = "SELECT command, model_name, session_id, attributes->>'model_rule' AS rule,"
            + " attributes->>'output' AS output, attributes->>'model_set' AS model_set,"
            + " CAST(occurred_at AS VARCHAR) AS at, input_tokens + output_tokens AS tokens"
            + " FROM v_command_runs WHERE attributes->>'source' = 'slash_command' ORDER BY occurred_at";

    @TempDir
    Path dir;

    private static void importAll(AgentStore store, Path projects, boolean rescan) {
        ClaudeCodeImporter.Builder b =
                ClaudeCodeImporter.builder(store).projectsDir(projects).idleAfter(Duration.ZERO);
        if (rescan) {
            b.rescan();
        }
        b.build().run();
    }

    @Test
    void theFixturesSlashCommandsBecomeCommandRunsWithTheModelInEffectOnce() {
        Path projects = SharedFixtures.directory("fixtures/claude-code/claude-code-log/test/test_data/real_projects");
        try (AgentStore store = AgentStore.builder()
                .path(dir.resolve("agent.duckdb"))
                .install(TokensModule.create(), QualityModule.create(), StrategyModule.create())
                .build()) {
            importAll(store, projects, false);
            List<Row> rows = store.sql(RUNS).rows();
            assertThat(rows)
                    .extracting(
                            r -> r.string("command"),
                            r -> r.string("model_name"),
                            r -> r.string("session_id").substring(0, 8),
                            r -> r.string("rule"),
                            r -> r.string("model_set"))
                    .containsExactly(
                            tuple("/clear", "claude-opus-4-20250514", "12a546d1", "next_response", null),
                            tuple("/model", "unknown", "3680252d", "unknown", null),
                            tuple("/context", "unknown", "a7da6a22", "unknown", null),
                            tuple("/model", "unknown", "a7da6a22", "unknown", "claude-opus-4-5-20251101"),
                            tuple("/exit", "claude-opus-4-7", "ef958aa1", "previous_response", null));
            assertThat(rows.get(0).string("at")).startsWith("2025-07-20 18:27:41.846");
            assertThat(rows.get(0).string("output")).isNull();
            assertThat(rows.get(1).string("output"))
                    .isEqualTo("Set model to Default (Sonnet 4.5 · Smartest model for daily use)");
            assertThat(rows.get(2).string("output"))
                    .startsWith("Context Usage")
                    .contains("claude-sonnet-4-5-20250929 · 66k/200k tokens (33%)")
                    .doesNotContain("\u001b");
            assertThat(rows.get(3).string("output")).isEqualTo("Set model to opus (claude-opus-4-5-20251101)");
            assertThat(rows.get(4).string("output")).isEqualTo("See ya!");
            assertThat(rows).allSatisfy(r -> assertThat(r.int64("tokens")).isZero());

            // the router's evidence counts them per command and model
            assertThat(store.sql(
                                    "SELECT command, model_name, runs FROM v_command_model_stats ORDER BY command, model_name")
                            .rows())
                    .extracting(r -> r.string("command"), r -> r.string("model_name"), r -> r.int64("runs"))
                    .containsExactly(
                            tuple("/clear", "claude-opus-4-20250514", 1L),
                            tuple("/context", "unknown", 1L),
                            tuple("/exit", "claude-opus-4-7", 1L),
                            tuple("/model", "unknown", 2L));

            // importing again, and a rescan (which replays the source events), add nothing
            importAll(store, projects, false);
            importAll(store, projects, true);
            assertThat(store.sql(RUNS).rows()).hasSize(5);
        }
    }
}
