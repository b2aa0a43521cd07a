package io.agentstore.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstore.AgentStore;
import io.agentstore.quality.QualityModule;
import io.agentstore.spi.ToolArgumentException;
import io.agentstore.tokens.TokensModule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Agents record pattern uses through the MCP tool {@code record_pattern_use}: builder-pattern twice (30 and 90
 * minutes saved: 2.0 hours), retry-with-backoff once (15 minutes: 0.25 hours); {@code get_pattern_roi} ranks them.
 */
class PatternToolTest {
    @Test
    void patternUsesRecordedByTheToolFeedTheRoi() {
        try (AgentStore store = AgentStore.builder()
                .inMemory()
                .install(TokensModule.create(), QualityModule.create(), StrategyModule.create())
                .build()) {
            store.callTool(
                    "record_pattern_use",
                    Map.of(
                            "pattern",
                            "builder-pattern",
                            "source",
                            "project",
                            "time_saved_minutes",
                            30,
                            "confidence",
                            0.8));
            store.callTool(
                    "record_pattern_use",
                    Map.of(
                            "pattern",
                            "builder-pattern",
                            "source",
                            "project",
                            "time_saved_minutes",
                            90,
                            "task_id",
                            "T1"));
            assertThat(store.callTool(
                                    "record_pattern_use",
                                    Map.of(
                                            "pattern",
                                            "retry-with-backoff",
                                            "source",
                                            "github",
                                            "time_saved_minutes",
                                            15))
                            .text())
                    .isEqualTo("recorded a use of retry-with-backoff");
            List<PatternRoi> roi = StrategyModule.of(store).patternRoi();
            assertThat(roi)
                    .containsExactly(
                            new PatternRoi("builder-pattern", 2, 2.0, 0.8),
                            new PatternRoi("retry-with-backoff", 1, 0.25, null));
            assertThat(store.callTool("get_pattern_roi", Map.of()).text())
                    .startsWith("builder-pattern: 2 use(s), 2.0 h saved");
            assertThat(store.sql("SELECT task_id FROM v_pattern_usage WHERE task_id IS NOT NULL")
                            .rows()
                            .get(0)
                            .string("task_id"))
                    .isEqualTo("T1");
            assertThatThrownBy(() -> store.callTool("record_pattern_use", Map.of("pattern", "x", "confidence", 1.5)))
                    .isInstanceOf(ToolArgumentException.class)
                    .hasMessageContaining("confidence must be between 0 and 1, was 1.5");
            assertThatThrownBy(() ->
                            store.callTool("record_pattern_use", Map.of("pattern", "x", "time_saved_minutes", -1)))
                    .isInstanceOf(ToolArgumentException.class)
                    .hasMessageContaining("time_saved_minutes");
            assertThat(StrategyModule.of(store).patternRoi()).hasSize(2);
        }
    }
}
