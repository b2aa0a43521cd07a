package io.agentstore.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstore.AgentStore;
import io.agentstore.spi.ToolArgumentException;
import io.agentstore.spi.ToolResult;
import io.agentstore.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The four audit tools through {@code AgentStore.callTool}. */
class AuditToolsTest {
    @Test
    @SuppressWarnings("unchecked")
    void searchRecordFeedbackAnalyseAndExport() {
        try (AgentStore store = AgentStore.builder()
                .inMemory()
                .clock(new MutableClock(Instant.parse("2026-02-15T12:00:00Z")))
                .install(AuditModule.create())
                .build()) {
            UserRef me = new UserRef("me", "box", null, null);
            UUID p = AuditModule.of(store)
                    .recordPrompt(new Prompt(
                            null,
                            Instant.parse("2026-02-10T09:00:00Z"),
                            null,
                            "s1",
                            "summarize",
                            null,
                            null,
                            null,
                            "summarize the report",
                            null,
                            me,
                            null,
                            null,
                            Map.of()));
            ToolResult found = store.callTool(
                    "search_prompts",
                    Map.of("query", "REPORT", "start", "2026-02-01T00:00:00Z", "end", "2026-02-15T00:00:00Z"));
            assertThat((List<Map<String, Object>>) ((Map<String, Object>) found.structured()).get("prompts"))
                    .extracting(m -> m.get("prompt_event_id"))
                    .containsExactly(p.toString());
            store.callTool("record_feedback", Map.of("prompt_event_id", p.toString(), "feedback_type", "thumbs_up"));
            ToolResult perf = store.callTool("analyze_template_performance", Map.of("template", "summarize"));
            assertThat((List<Map<String, Object>>) ((Map<String, Object>) perf.structured()).get("templates"))
                    .singleElement()
                    .satisfies(m -> {
                        assertThat(m.get("uses")).isEqualTo(1L);
                        assertThat(m.get("satisfaction")).isEqualTo(1.0);
                    });
            ToolResult log = store.callTool(
                    "export_audit_log", Map.of("start", "2026-02-01T00:00:00Z", "end", "2026-02-28T00:00:00Z"));
            assertThat((List<?>) ((Map<String, Object>) log.structured()).get("entries"))
                    .hasSize(1);
            assertThatThrownBy(() -> store.callTool(
                            "record_feedback", Map.of("feedback_type", "meh", "prompt_event_id", p.toString())))
                    .isInstanceOf(ToolArgumentException.class)
                    .hasMessageContaining("feedback_type");
        }
    }
}
