package io.agentstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.audit.AuditFacade;
import io.agentstore.audit.AuditModule;
import io.agentstore.audit.Prompt;
import io.agentstore.audit.Response;
import io.agentstore.audit.UserRef;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit module's MCP tools through the MCP SDK client against {@code agent-store mcp} (the CLI jar in a child
 * process): {@code search_prompts}, {@code analyze_template_performance}, {@code export_audit_log} and
 * {@code record_feedback}, their answers as the facade gives them, and the feedback recorded and sealed.
 */
class AuditMcpIT {
    @TempDir
    Path dir;

    private static Prompt prompt(String session, String at, String template, UserRef user, String text) {
        return new Prompt(
                null,
                Instant.parse(at),
                null,
                session,
                template,
                "t " + template,
                "m",
                "acme",
                text,
                null,
                user,
                10L,
                new BigDecimal("0.010"),
                Map.of());
    }

    private static Response response(String session, String at, UUID prompt, String text) {
        return new Response(
                null,
                Instant.parse(at),
                null,
                session,
                prompt,
                "m",
                "acme",
                text,
                "stop",
                5L,
                0L,
                100L,
                new BigDecimal("0.020"),
                Map.of(),
                Map.of());
    }

    @Test
    void theFourAuditToolsAnswerThroughTheMcpServer() {
        Path db = dir.resolve("audit.duckdb");
        UserRef ann = new UserRef("ann", "box", null, null);
        UserRef ben = new UserRef("ben", "box", null, null);
        UUID p1;
        try (AgentStore s =
                AgentStore.builder().path(db).install(AuditModule.create()).build()) {
            AuditFacade a = AuditModule.of(s);
            p1 = a.recordPrompt(prompt("s1", "2026-02-01T10:00:00Z", "ops", ann, "deploy the payment service"));
            a.recordResponse(response("s1", "2026-02-01T10:00:02Z", p1, "deployed"));
            UUID p2 = a.recordPrompt(prompt("s2", "2026-02-02T10:00:00Z", "poetry", ben, "write a haiku"));
            a.recordResponse(response("s2", "2026-02-02T10:00:03Z", p2, "autumn moon"));
        }
        McpSyncClient client = McpServerIT.client(db, dir.toString());
        try {
            List<McpSchema.Tool> tools = client.listTools().tools();
            assertThat(tools)
                    .extracting(McpSchema.Tool::name)
                    .contains("search_prompts", "analyze_template_performance", "export_audit_log", "record_feedback");
            assertThat(tools.stream()
                            .filter(t -> t.name().equals("record_feedback"))
                            .findFirst()
                            .orElseThrow()
                            .annotations()
                            .readOnlyHint())
                    .isFalse();

            Map<String, Object> found = McpServerIT.call(
                    client,
                    "search_prompts",
                    Map.of("query", "payment", "start", "2026-01-01T00:00:00Z", "end", "2026-12-31T00:00:00Z"));
            List<Map<String, Object>> prompts = McpServerIT.list(found, "prompts");
            assertThat(prompts).hasSize(1);
            assertThat(prompts.get(0).get("prompt_text")).isEqualTo("deploy the payment service");
            // ben's prompt only, by OS user
            List<Map<String, Object>> bens = McpServerIT.list(
                    McpServerIT.call(
                            client,
                            "search_prompts",
                            Map.of(
                                    "query", "a",
                                    "start", "2026-01-01T00:00:00Z",
                                    "end", "2026-12-31T00:00:00Z",
                                    "user", "ben")),
                    "prompts");
            assertThat(bens).extracting(p -> p.get("prompt_text")).containsExactly("write a haiku");

            List<Map<String, Object>> ops = McpServerIT.list(
                    McpServerIT.call(client, "analyze_template_performance", Map.of("template", "ops")), "templates");
            assertThat(ops).hasSize(1);
            assertThat(ops.get(0)).containsEntry("template_name", "ops");
            assertThat(((Number) ops.get(0).get("uses")).longValue()).isEqualTo(1);

            List<Map<String, Object>> log = McpServerIT.list(
                    McpServerIT.call(
                            client,
                            "export_audit_log",
                            Map.of("start", "2026-02-01T00:00:00Z", "end", "2026-02-01T23:59:59Z")),
                    "entries");
            assertThat(log).extracting(e -> e.get("response_text")).containsExactly("deployed");

            Map<String, Object> fb = McpServerIT.call(
                    client,
                    "record_feedback",
                    Map.of("prompt_event_id", p1.toString(), "feedback_type", "thumbs_up", "text", "great"));
            String feedbackId = (String) fb.get("event_id");
            assertThat(feedbackId).isNotBlank();
            McpSchema.CallToolResult bad =
                    client.callTool(McpServerIT.request("record_feedback", Map.of("feedback_type", "thumbs_up")));
            assertThat(bad.isError()).isTrue();
        } finally {
            client.closeGracefully();
        }
        try (AgentStore s =
                AgentStore.builder().path(db).install(AuditModule.create()).build()) {
            assertThat(s.sql("SELECT feedback_type, feedback_text FROM v_prompt_feedback WHERE prompt_event_id = ?", p1)
                            .rows())
                    .extracting(r -> r.string("feedback_type") + " " + r.string("feedback_text"))
                    .containsExactly("thumbs_up great");
            assertThat(AuditModule.of(s).verify().intact()).isTrue();
            assertThat(AuditModule.of(s).verify().links()).isEqualTo(5);
        }
    }
}
