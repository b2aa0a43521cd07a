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

    private static Prompt prompt(String at, String text) {
        return new Prompt(
                null,
                Instant.parse(at),
                null,
                "s1",
                null,
                null,
                null,
                null,
                text,
                null,
                new UserRef("me", "box", null, null),
                null,
                null,
                Map.of());
    }

    @SuppressWarnings("unchecked")
    private static List<Object> found(AgentStore store, Map<String, Object> args) {
        ToolResult r = store.callTool("search_prompts", args);
        return ((List<Map<String, Object>>) ((Map<String, Object>) r.structured()).get("prompts"))
                .stream().map(m -> m.get("prompt_text")).toList();
    }

    /**
     * search_prompts takes the issue's {@code date_range} in the tools' one range syntax (the tokens module's
     * {@code period}): relative to the store clock, days and months in UTC, START..END with END exclusive; start and
     * end still work; bad input names the argument and the value.
     */
    @Test
    void searchPromptsTakesADateRange() {
        try (AgentStore store = AgentStore.builder()
                .inMemory()
                .clock(new MutableClock(Instant.parse("2026-11-30T12:00:00Z")))
                .install(AuditModule.create())
                .build()) {
            AuditFacade audit = AuditModule.of(store);
            audit.recordPrompt(prompt("2026-10-31T23:59:59Z", "deploy october"));
            audit.recordPrompt(prompt("2026-11-01T00:00:00Z", "deploy first of november"));
            audit.recordPrompt(prompt("2026-11-20T08:00:00Z", "deploy twentieth"));
            audit.recordPrompt(prompt("2026-11-30T11:00:00Z", "deploy this morning"));
            assertThat(found(store, Map.of("query", "deploy", "date_range", "2026-11")))
                    .containsExactly("deploy first of november", "deploy twentieth", "deploy this morning");
            // END is exclusive: the 30th is not in 2026-11-01..2026-11-30
            assertThat(found(store, Map.of("query", "deploy", "date_range", "2026-11-01..2026-11-30")))
                    .containsExactly("deploy first of november", "deploy twentieth");
            // the last 7 days before the clock's 2026-11-30T12:00Z start at 2026-11-23T12:00Z
            assertThat(found(store, Map.of("query", "deploy", "date_range", "last-7d")))
                    .containsExactly("deploy this morning");
            assertThat(found(store, Map.of("query", "deploy", "date_range", "last-11d")))
                    .containsExactly("deploy twentieth", "deploy this morning");
            assertThat(found(store, Map.of("query", "deploy", "date_range", "today")))
                    .containsExactly("deploy this morning");
            assertThat(found(
                            store,
                            Map.of("query", "deploy", "date_range", "2026-10-31T23:00:00Z..2026-11-01T00:00:00Z")))
                    .containsExactly("deploy october");
            // start and end (inclusive) as before
            assertThat(found(
                            store,
                            Map.of("query", "deploy", "start", "2026-10-31T23:59:59Z", "end", "2026-11-01T00:00:00Z")))
                    .containsExactly("deploy october", "deploy first of november");
            assertThatThrownBy(() -> found(store, Map.of("query", "deploy", "date_range", "last-week")))
                    .isInstanceOf(ToolArgumentException.class)
                    .hasMessageContaining("date_range")
                    .hasMessageContaining("'last-week'")
                    .satisfies(e ->
                            assertThat(((ToolArgumentException) e).argument()).isEqualTo("date_range"));
            assertThatThrownBy(() -> found(store, Map.of("query", "deploy", "date_range", "2026-11-31")))
                    .isInstanceOf(ToolArgumentException.class)
                    .hasMessageContaining("date_range is not valid: '2026-11-31'");
            assertThatThrownBy(() -> found(store, Map.of("query", "deploy", "date_range", "2026-12-01..2026-11-01")))
                    .isInstanceOf(ToolArgumentException.class)
                    .hasMessageContaining("date_range");
            assertThatThrownBy(() -> found(store, Map.of("query", "deploy")))
                    .isInstanceOf(ToolArgumentException.class)
                    .hasMessageContaining("date_range is required");
            assertThatThrownBy(() -> found(
                            store, Map.of("query", "deploy", "date_range", "7d", "start", "2026-11-01T00:00:00Z")))
                    .isInstanceOf(ToolArgumentException.class)
                    .hasMessageContaining("not both");
        }
    }
}
