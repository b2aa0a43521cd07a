package io.agentstore.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.agentstore.AgentStore;
import io.agentstore.claudecode.ClaudeCodeImporter;
import io.agentstore.claudecode.HookSpool;
import io.agentstore.spi.Row;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Claude Code's agent teams, from the project-owned transcripts of {@code src/test/resources/agent-teams/} (hand
 * written after the format cited in the module README; see the README beside them) and from the team hooks,
 * imported by the real importer. Counted by hand from the two files: the lead ({@code lead-0001.jsonl}) creates
 * tasks 1, 2, 3, makes 2 blocked by 1 and 3 blocked by 2, then tries 1 blocked by 3 (a cycle: refused), makes the
 * researcher the owner of task 1, and sends three messages (to the researcher, a broadcast, a
 * {@code shutdown_request}); it receives the researcher's report and its idle notification. The researcher
 * ({@code mate-0001.jsonl}) receives the lead's first message, moves task 1 to in progress then completed and
 * sends its report. The first message and the report are each seen by both sides: 4 distinct messages.
 */
class AgentTeamsTest {
    @TempDir
    Path dir;

    static Path teamProjects() {
        try {
            return Path.of(
                    AgentTeamsTest.class.getResource("/agent-teams/projects").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(AgentStore store, String sql) {
        return store.sql(sql).rows().get(0).int64("n");
    }

    @Test
    void messagesTasksDependenciesAndIdlesOfATeam() {
        try (AgentStore store = AgentStore.builder()
                .path(dir.resolve("team.duckdb"))
                .install(AgentsModule.create())
                .build()) {
            ClaudeCodeImporter.builder(store)
                    .projectsDir(teamProjects())
                    .build()
                    .run();

            List<Row> messages = store.sql("SELECT from_agent, to_agent, attributes->>'message_type' AS type,"
                            + " context_snapshot FROM v_agent_handoffs WHERE handoff_reason = 'message'"
                            + " ORDER BY occurred_at")
                    .rows();
            assertThat(messages)
                    .extracting(r -> r.string("from_agent"), r -> r.string("to_agent"), r -> r.string("type"))
                    .containsExactly(
                            tuple("team-lead", "researcher", "message"),
                            tuple("team-lead", "team:demo-team", "broadcast"),
                            tuple("researcher", "team-lead", "message"),
                            tuple("team-lead", "researcher", "shutdown_request"));
            assertThat(messages.get(0).string("context_snapshot"))
                    .isEqualTo("Please start on task 1: list every grammar rule.");

            Row idle = store.sql("SELECT * FROM v_teammate_idle").single().orElseThrow();
            assertThat(idle.string("teammate_name")).isEqualTo("researcher");
            assertThat(idle.string("team_name")).isEqualTo("demo-team");
            assertThat(idle.instant("idle_at")).isEqualTo(Instant.parse("2026-02-07T15:05:00.500Z"));
            assertThat(idle.bool("is_work_suggested")).as("no hook answered").isNull();

            Map<String, String> history = new TreeMap<>();
            for (Row r : store.sql("SELECT w.description, string_agg(h.status, '>' ORDER BY h.occurred_at) AS s"
                            + " FROM v_work_items w JOIN v_work_status_history h ON h.work_id = w.work_id"
                            + " WHERE w.work_type = 'team_task' GROUP BY w.description")
                    .rows()) {
                history.put(r.string("description"), r.string("s"));
            }
            assertThat(history)
                    .isEqualTo(Map.of(
                            "Survey the parser", "pending>in_progress>completed",
                            "Rewrite the tokenizer", "pending",
                            "Update the parser docs", "pending"));
            assertThat(store.sql("SELECT agent_name, status FROM v_work_assignment_history"
                                    + " WHERE work_id LIKE 'claude-code:team-task:%' ORDER BY occurred_at")
                            .rows())
                    .extracting(r -> r.string("agent_name"), r -> r.string("status"))
                    .containsExactly(tuple("researcher", "accepted"), tuple("researcher", "completed"));

            Map<String, String> todos = new TreeMap<>();
            store.sql("SELECT task, status FROM v_todos WHERE context->>'team' = 'demo-team'")
                    .rows()
                    .forEach(r -> todos.put(r.string("task"), r.string("status")));
            assertThat(todos)
                    .isEqualTo(Map.of(
                            "Survey the parser", "completed",
                            "Rewrite the tokenizer", "pending",
                            "Update the parser docs", "pending"));
            assertThat(store.sql("SELECT t.task AS blocked, b.task AS blocker FROM v_todo_dependencies d"
                                    + " JOIN v_todos t ON t.todo_id = d.todo_id"
                                    + " JOIN v_todos b ON b.todo_id = d.blocked_by_todo_id ORDER BY 1")
                            .rows())
                    .extracting(r -> r.string("blocked"), r -> r.string("blocker"))
                    .containsExactly(
                            tuple("Rewrite the tokenizer", "Survey the parser"),
                            tuple("Update the parser docs", "Rewrite the tokenizer"));
            Row refused = store.sql("SELECT reason FROM fact_ingest_error WHERE reason LIKE '%cycle%'")
                    .single()
                    .orElseThrow();
            assertThat(refused.string("reason"))
                    .contains("team task 1 blocked by task 3 refused")
                    .contains("(Survey the parser) -> ")
                    .contains("(Update the parser docs) -> ")
                    .contains("(Rewrite the tokenizer) -> ");
            Row assigned =
                    store.sql("SELECT * FROM fact_todo_assignment").single().orElseThrow();
            assertThat(assigned.string("via")).isEqualTo("TaskUpdate");

            // the facade refuses the same cycle, named the same way
            UUID survey = store.sql("SELECT todo_id FROM v_todos WHERE task = 'Survey the parser'")
                    .rows()
                    .get(0)
                    .uuid("todo_id");
            UUID docs = store.sql("SELECT todo_id FROM v_todos WHERE task = 'Update the parser docs'")
                    .rows()
                    .get(0)
                    .uuid("todo_id");
            assertThatThrownBy(() -> AgentsModule.of(store).addTodoDependency(survey, docs))
                    .hasMessageContaining("cycle")
                    .hasMessageContaining("(Survey the parser) -> ");

            assertThat(count(store, "SELECT count(*) AS n FROM v_session_intents"))
                    .as("teammate messages are no intents of the user: only the lead's first prompt")
                    .isEqualTo(1);

            // a second import stores nothing twice
            long facts = count(
                    store,
                    "SELECT (SELECT count(*) FROM fact_agent_handoff) + (SELECT count(*) FROM fact_todo_dependency)"
                            + " + (SELECT count(*) FROM fact_work_status) + (SELECT count(*) FROM fact_teammate_idle)"
                            + " + (SELECT count(*) FROM fact_ingest_error) AS n");
            ClaudeCodeImporter.builder(store)
                    .projectsDir(teamProjects())
                    .rescan()
                    .build()
                    .run();
            assertThat(count(
                            store,
                            "SELECT (SELECT count(*) FROM fact_agent_handoff) + (SELECT count(*) FROM fact_todo_dependency)"
                                    + " + (SELECT count(*) FROM fact_work_status) + (SELECT count(*) FROM fact_teammate_idle)"
                                    + " + (SELECT count(*) FROM fact_ingest_error) AS n"))
                    .isEqualTo(facts);
        }
    }

    @Test
    void teamHooksGiveTasksCompletionsAndIdleFactsWithTheSuggestedWork() throws IOException {
        Path db = dir.resolve("hooks.duckdb");
        HookSpool spool = HookSpool.besideDatabase(db);
        String common = "\"session_id\":\"lead-9\",\"transcript_path\":\"/x/lead-9.jsonl\",\"cwd\":\"/work/demo\"";
        spool.append(
                bytes("{" + common + ",\"hook_event_name\":\"TaskCreated\",\"task_id\":\"7\","
                        + "\"task_subject\":\"Fix the flaky test\",\"task_description\":\"It fails on CI\","
                        + "\"teammate_name\":\"team-lead\",\"team_name\":\"qa\"}"),
                Instant.parse("2026-03-01T09:00:00Z"));
        // the hook answered the idle with two suggestions ('agent-store hook' adds agent_store_suggested)
        spool.append(
                bytes("{" + common + ",\"hook_event_name\":\"TeammateIdle\",\"teammate_name\":\"tester\","
                        + "\"team_name\":\"qa\",\"agent_store_suggested\":[\"claude-code:team-task:qa:7\",\"w2\"]}"),
                Instant.parse("2026-03-01T09:01:00Z"));
        spool.append(
                bytes("{" + common + ",\"hook_event_name\":\"TaskCompleted\",\"task_id\":\"7\","
                        + "\"task_subject\":\"Fix the flaky test\",\"teammate_name\":\"tester\",\"team_name\":\"qa\"}"),
                Instant.parse("2026-03-01T09:11:00Z"));
        // idle again; nothing suggested this time
        spool.append(
                bytes("{" + common + ",\"hook_event_name\":\"TeammateIdle\",\"teammate_name\":\"tester\","
                        + "\"team_name\":\"qa\",\"agent_store_suggested\":[]}"),
                Instant.parse("2026-03-01T09:12:00Z"));
        // a payload the hook did not answer (older agent-store): nothing known of a suggestion
        spool.append(
                bytes("{" + common + ",\"hook_event_name\":\"TeammateIdle\",\"teammate_name\":\"writer\"}"),
                Instant.parse("2026-03-01T09:13:00Z"));
        Path projects = Files.createDirectories(dir.resolve("projects"));
        try (AgentStore store =
                AgentStore.builder().path(db).install(AgentsModule.create()).build()) {
            ClaudeCodeImporter.builder(store)
                    .projectsDir(projects)
                    .hookSpool(spool)
                    .build()
                    .run();

            assertThat(store.sql("SELECT status FROM v_work_status_history WHERE work_id = 'claude-code:team-task:qa:7'"
                                    + " ORDER BY occurred_at")
                            .rows())
                    .extracting(r -> r.string("status"))
                    .containsExactly("pending", "completed");
            assertThat(store.sql("SELECT status FROM v_todos WHERE task = 'Fix the flaky test'")
                            .single()
                            .orElseThrow()
                            .string("status"))
                    .isEqualTo("completed");

            List<Row> idles = store.sql("SELECT teammate_name, is_work_suggested, suggested_work::VARCHAR AS w,"
                            + " active_again_at FROM v_teammate_idle ORDER BY idle_at")
                    .rows();
            assertThat(idles)
                    .extracting(r -> r.string("teammate_name"), r -> r.bool("is_work_suggested"), r -> r.string("w"))
                    .containsExactly(
                            tuple("tester", true, "[\"claude-code:team-task:qa:7\",\"w2\"]"),
                            tuple("tester", false, "[]"),
                            tuple("writer", null, "[]"));
            assertThat(idles.get(0).instant("active_again_at"))
                    .as("active again when it completed the task")
                    .isEqualTo(Instant.parse("2026-03-01T09:11:00Z"));

            Map<String, Long> idleSeconds = new TreeMap<>();
            store.sql(query("teammate_idle_time.sql"))
                    .rows()
                    .forEach(r -> idleSeconds.put(
                            r.string("teammate_name"), Math.round(((Number) r.get("idle_seconds")).doubleValue())));
            // tester: idle 09:01 to 09:11 (600 s), then idle since 09:12 (open); writer: idle since 09:13 (open)
            assertThat(idleSeconds).isEqualTo(Map.of("tester", 600L, "writer", 0L));
        }
    }

    private static String query(String name) throws IOException {
        try (java.io.InputStream in = AgentsModule.class.getResourceAsStream("/agent-store/queries/agents/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
