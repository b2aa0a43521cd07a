package io.agentstore.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.agentstore.AgentStore;
import io.agentstore.claudecode.ClaudeCodeImporter;
import io.agentstore.claudecode.HookSpool;
import io.agentstore.spi.Row;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code SubagentStart} / {@code SubagentStop} hooks as Claude Code sends them (payload fields from
 * {@code shared/reference/claude-code-formats.md} §1.4), spooled and drained by the real importer, together with
 * the transcript of the same session: one sub-agent run, however many sources saw it. The fixtures' own
 * {@code SubagentStop} payloads (Claude Code of August 2025, before {@code agent_id}) name no sub-agent and give
 * no agents facts; they stay session events.
 */
class SubAgentHooksTest {
    @TempDir
    Path dir;

    private static byte[] payload(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, Long> steps(AgentStore store) {
        Map<String, Long> m = new TreeMap<>();
        store.sql("SELECT status, count(*) AS n FROM fact_work_assignment GROUP BY status")
                .rows()
                .forEach(r -> m.put(r.string("status"), r.int64("n")));
        return m;
    }

    @Test
    void startAndStopHooksGiveTheRunsAssignmentOnceAlsoWithItsTranscript() throws IOException {
        Path db = dir.resolve("store.duckdb");
        HookSpool spool = HookSpool.besideDatabase(db);
        String common = "\"session_id\":\"s1\",\"transcript_path\":\"/x/s1.jsonl\",\"cwd\":\"/work/demo\"";
        spool.append(
                payload("{" + common + ",\"hook_event_name\":\"SubagentStart\",\"agent_id\":\"a77\","
                        + "\"agent_type\":\"Explore\"}"),
                Instant.parse("2026-01-10T10:00:02Z"));
        spool.append(
                payload("{" + common + ",\"hook_event_name\":\"SubagentStart\",\"agent_id\":\"b88\","
                        + "\"agent_type\":\"Plan\"}"),
                Instant.parse("2026-01-10T10:00:03Z"));
        spool.append(
                payload("{" + common + ",\"hook_event_name\":\"SubagentStop\",\"stop_hook_active\":false,"
                        + "\"agent_id\":\"a77\",\"agent_type\":\"Explore\","
                        + "\"agent_transcript_path\":\"/x/s1/subagents/agent-a77.jsonl\","
                        + "\"last_assistant_message\":\"found it\"}"),
                Instant.parse("2026-01-10T10:05:00Z"));
        spool.append(
                payload("{" + common + ",\"hook_event_name\":\"SubagentStop\",\"stop_hook_active\":false}"),
                Instant.parse("2026-01-10T10:06:00Z"));
        spool.append(
                payload("{" + common + ",\"hook_event_name\":\"TeammateIdle\",\"teammate_name\":\"tester\","
                        + "\"team_name\":\"t\"}"),
                Instant.parse("2026-01-10T10:07:00Z"));
        Path projects = Files.createDirectories(dir.resolve("projects"));

        try (AgentStore store =
                AgentStore.builder().path(db).install(AgentsModule.create()).build()) {
            ClaudeCodeImporter.builder(store)
                    .projectsDir(projects)
                    .hookSpool(spool)
                    .build()
                    .run();
            // a77: started (accepted) and stopped (completed); b88: started only, still running
            assertThat(steps(store)).isEqualTo(Map.of("accepted", 2L, "completed", 1L));
            Map<String, String> status = new TreeMap<>();
            store.sql("SELECT work_id, status FROM v_work_items")
                    .rows()
                    .forEach(r -> status.put(r.string("work_id"), r.string("status")));
            assertThat(status)
                    .isEqualTo(Map.of("claude-code:subagent:a77", "completed", "claude-code:subagent:b88", "assigned"));
            assertThat(store.sql("SELECT agent_name FROM v_work_assignments WHERE is_holding").rows().stream()
                            .map(r -> r.string("agent_name"))
                            .toList())
                    .containsExactly("claude-code/Plan");
            // the hooks carry no prompt: no handoff from them
            assertThat(store.sql("SELECT count(*) AS n FROM fact_agent_handoff")
                            .rows()
                            .get(0)
                            .int64("n"))
                    .isZero();
            // every payload is still a session event of core, the idle teammate among them
            assertThat(store.sql("SELECT count(*) AS n FROM fact_session_event WHERE attributes->>'source' = 'hooks'")
                            .rows()
                            .get(0)
                            .int64("n"))
                    .isEqualTo(5L);
        }

        // the transcript of the same session, imported later: the call of a77 with its result (agentId)
        Path project = Files.createDirectories(projects.resolve("-work-demo"));
        List<String> lines = new ArrayList<>();
        lines.add("{\"type\":\"assistant\",\"sessionId\":\"s1\",\"uuid\":\"a1\",\"timestamp\":\"2026-01-10T10:00:01Z\","
                + "\"cwd\":\"/work/demo\",\"message\":{\"id\":\"m1\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\","
                + "\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"Task\",\"input\":{\"description\":"
                + "\"find\",\"prompt\":\"Find the parser\",\"subagent_type\":\"Explore\"}}],\"usage\":{\"input_tokens\":1,"
                + "\"output_tokens\":1}},\"requestId\":\"r1\"}");
        lines.add("{\"type\":\"user\",\"sessionId\":\"s1\",\"uuid\":\"u1\",\"parentUuid\":\"a1\",\"timestamp\":"
                + "\"2026-01-10T10:05:01Z\",\"cwd\":\"/work/demo\",\"message\":{\"role\":\"user\",\"content\":"
                + "[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\",\"content\":\"found it\"}]},"
                + "\"toolUseResult\":{\"agentId\":\"a77\",\"status\":\"completed\",\"content\":[]}}");
        Files.write(project.resolve("s1.jsonl"), lines);
        try (AgentStore store =
                AgentStore.builder().path(db).install(AgentsModule.create()).build()) {
            ClaudeCodeImporter.builder(store)
                    .projectsDir(projects)
                    .hookSpool(spool)
                    .build()
                    .run();
            // the transcript adds the offer and the handoff; accepted and completed of a77 are the hooks' facts
            assertThat(steps(store)).isEqualTo(Map.of("offered", 1L, "accepted", 2L, "completed", 1L));
            List<Row> handoffs = store.sql("SELECT to_agent, work_id, context_snapshot FROM v_agent_handoffs")
                    .rows();
            assertThat(handoffs).hasSize(1);
            assertThat(handoffs.get(0).string("work_id")).isEqualTo("claude-code:subagent:a77");
            assertThat(handoffs.get(0).string("to_agent")).isEqualTo("claude-code/Explore");
            assertThat(handoffs.get(0).string("context_snapshot")).isEqualTo("Find the parser");
            assertThat(store.sql("SELECT count(*) AS n FROM v_work_items WHERE work_type = 'subagent'")
                            .rows()
                            .get(0)
                            .int64("n"))
                    .isEqualTo(2L);
        }
    }

    @Test
    void theFixturesSubagentStopPayloadsNameNoSubAgentAndGiveNoAgentsFacts() throws IOException {
        String shared = System.getProperty("agentstore.shared");
        assumeTrue(shared != null, "system property agentstore.shared is not set (surefire sets it)");
        Path log = Path.of(shared, "fixtures", "claude-code", "attio-mcp-server", "logs", "subagent_stop.json");
        assumeTrue(Files.isRegularFile(log), "fixture not found: " + log);
        Path db = dir.resolve("fixture.duckdb");
        HookSpool spool = HookSpool.besideDatabase(db);
        // the log is a JSON array of the 6 payloads Claude Code sent; each is spooled as the hook would
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        int n = 0;
        for (com.fasterxml.jackson.databind.JsonNode p : json.readTree(log.toFile())) {
            spool.append(
                    json.writeValueAsBytes(p),
                    Instant.parse("2025-08-20T10:00:00Z").plusSeconds(n++));
        }
        assertThat(n).isEqualTo(6);
        try (AgentStore store =
                AgentStore.builder().path(db).install(AgentsModule.create()).build()) {
            ClaudeCodeImporter.builder(store)
                    .projectsDir(Files.createDirectories(dir.resolve("none")))
                    .hookSpool(spool)
                    .build()
                    .run();
            assertThat(store.sql("SELECT count(*) AS n FROM fact_work_assignment")
                            .rows()
                            .get(0)
                            .int64("n"))
                    .isZero();
            assertThat(store.sql("SELECT count(*) AS n FROM fact_session_event WHERE event_type = 'subagent_stop'")
                            .rows()
                            .get(0)
                            .int64("n"))
                    .isEqualTo(6L);
        }
    }
}
