package io.agentstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.core.SessionEvent;
import io.agentstore.core.ToolCall;
import io.agentstore.spi.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agent-store cdc add|check|changes|impact} in this JVM on a real database file: the first check sets the
 * baseline, a BREAKING change that affects a registered component makes {@code check} exit 3, and the
 * {@code SessionStart} context of the project mentions it.
 */
class CdcCliTest {
    @TempDir
    Path dir;

    @Test
    void checkExitsThreeOnABreakingChangeThatAffectsAComponentAndSessionStartMentionsIt() throws Exception {
        String db = dir.resolve("store.duckdb").toString();
        Path spec = Files.writeString(dir.resolve("openapi.yaml"), """
                openapi: 3.0.3
                paths:
                  /orders:
                    get:
                      responses: {}
                  /orders/{id}:
                    delete:
                      responses: {}
                """);
        Cli add = Cli.run(
                "cdc",
                "add",
                "orders-api",
                "--db",
                db,
                "--type",
                "api",
                "--location",
                spec.toString(),
                "--every",
                "1",
                "--dependency",
                "orders",
                "--consumer",
                "checkout");
        assertThat(add.code()).as(add.err()).isZero();
        assertThat(add.out()).contains("registered orders-api (api, every 1 min)");

        // a session of the project, which ended before the change
        String project = dir.resolve("project").toString();
        StoreOptions options = new StoreOptions();
        options.db = Path.of(db);
        try (AgentStore s = options.openForWriting(null, List.of())) {
            Instant at = s.clock().instant().minus(Duration.ofHours(1));
            s.record(SessionEvent.builder()
                    .sessionId("s-1")
                    .eventType("start")
                    .workingDir(project)
                    .occurredAt(at)
                    .build());
            s.record(ToolCall.builder()
                    .sessionId("s-1")
                    .tool("Read")
                    .occurredAt(at.plusSeconds(5))
                    .build());
        }

        Cli first = Cli.run("cdc", "check", "--db", db);
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out())
                .contains("checked 1 source(s): 0 changed, 0 unavailable, 0 BREAKING affecting components");

        Files.writeString(spec, """
                openapi: 3.0.3
                paths:
                  /orders:
                    get:
                      responses: {}
                """);
        Cli second = Cli.run("cdc", "check", "--all", "--db", db);
        assertThat(second.code()).as(second.out() + second.err()).isEqualTo(3);
        assertThat(second.out())
                .contains(
                        "BREAKING openapi.path_removed DELETE /orders/{id}: DELETE /orders/{id} was removed with its path"
                                + "  -> checkout")
                .contains("checked 1 source(s): 1 changed, 0 unavailable, 1 BREAKING affecting components");

        Cli changes = Cli.run("cdc", "changes", "--breaking", "--db", db);
        assertThat(changes.out())
                .contains("orders-api BREAKING openapi.path_removed DELETE /orders/{id}")
                .contains("1 change(s) since");
        Cli impact = Cli.run("cdc", "impact", "orders", "--db", db);
        assertThat(impact.out()).contains("1  checkout  (via orders)").contains("1 component(s) depend on orders");

        io.agentstore.mcp.HookAnswers answers =
                io.agentstore.mcp.HookAnswers.forDatabase(Path.of(db), () -> Access.of(options, Duration.ofSeconds(2)));
        String context = answers.context(("{\"session_id\":\"s-2\",\"hook_event_name\":\"SessionStart\","
                                + "\"source\":\"startup\",\"cwd\":" + Json.write(project) + "}")
                        .getBytes(StandardCharsets.UTF_8))
                .orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> specific =
                (Map<String, Object>) ((Map<String, Object>) Json.parse(context)).get("hookSpecificOutput");
        assertThat((String) specific.get("additionalContext"))
                .contains("BREAKING changes in watched dependencies since the last session:\n"
                        + "- openapi.path_removed DELETE /orders/{id} (orders-api): affects checkout");
        assertThat(List.of(specific.get("hookEventName"))).containsExactly("SessionStart");

        // report html has a dependency section: one source, one BREAKING change, the component it affects
        Path page = dir.resolve("report.html");
        Cli html = Cli.run("report", "html", "--timezone", "UTC", "--db", db, "-o", page.toString());
        assertThat(html.code()).as(html.err()).isZero();
        String text = Files.readString(page, StandardCharsets.UTF_8);
        String open = "<script type=\"application/json\" id=\"report-data\">";
        int start = text.indexOf(open) + open.length();
        com.fasterxml.jackson.databind.JsonNode data =
                Json.MAPPER.readTree(text.substring(start, text.indexOf("</script>", start)));
        com.fasterxml.jackson.databind.JsonNode section = null;
        for (com.fasterxml.jackson.databind.JsonNode sec : data.get("sections")) {
            if (sec.get("id").asText().equals("dependencies")) {
                section = sec;
            }
        }
        assertThat(section).as("the dependencies section").isNotNull();
        com.fasterxml.jackson.databind.JsonNode rows = section.get("table").get("rows");
        assertThat(rows).hasSize(1);
        // source, breaking, additive, cosmetic, affected components
        assertThat(rows.get(0).get(0).asText()).isEqualTo("orders-api");
        assertThat(rows.get(0).get(1).asLong()).isEqualTo(1);
        assertThat(rows.get(0).get(2).asLong()).isZero();
        assertThat(rows.get(0).get(3).asLong()).isZero();
        assertThat(rows.get(0).get(4).asText()).isEqualTo("checkout");
        assertThat(section.get("chart").get("x").get(0).asText()).isEqualTo("orders-api");
    }
}
