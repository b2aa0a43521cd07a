package io.agentstore.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentstore.AgentStore;
import io.agentstore.claudecode.ClaudeCodeImporter;
import io.agentstore.spi.Row;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real transcripts of {@code shared/fixtures/claude-code/} imported by the Claude Code importer into a store
 * with the agents module, against a hand count made here by reading the JSONL with Jackson, independently of
 * the importer: every distinct {@code tool_use} id of a {@code Task} or {@code Agent} call is one handoff (and
 * one sub-agent work item); the last {@code TodoWrite} list of each session gives the final (text, status) of
 * the todos that list holds.
 */
class ClaudeCodeFixturesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private record Write(String timestamp, List<String> items) {}

    @Test
    void handoffsAndTodosEqualAHandCountOfTheTranscripts() throws IOException {
        String shared = System.getProperty("agentstore.shared");
        assumeTrue(shared != null, "system property agentstore.shared is not set (surefire sets it)");
        Path projects =
                Path.of(shared, "fixtures", "claude-code", "claude-code-log", "test", "test_data", "real_projects");
        assumeTrue(Files.isDirectory(projects), "fixtures not found under " + projects);

        // the hand count
        Set<String> taskCalls = new LinkedHashSet<>();
        Set<String> messages = new LinkedHashSet<>(); // SendMessage: recipient + text
        Map<String, String> teamTasks = new TreeMap<>(); // TaskCreate / TaskUpdate: task id -> last status
        Set<String> owners = new java.util.TreeSet<>();
        Map<String, String> subAgentIds = new TreeMap<>(); // tool_use id -> toolUseResult.agentId
        Map<String, Write> lastWrite = new HashMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(projects)) {
            files = walk.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
        }
        for (Path file : files) {
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    JsonNode node;
                    try {
                        node = JSON.readTree(line);
                    } catch (IOException e) {
                        continue;
                    }
                    if (node != null
                            && "user".equals(node.path("type").asText())
                            && node.path("toolUseResult").hasNonNull("agentId")) {
                        for (JsonNode block : node.path("message").path("content")) {
                            if ("tool_result".equals(block.path("type").asText())) {
                                subAgentIds.put(
                                        block.path("tool_use_id").asText(),
                                        node.path("toolUseResult")
                                                .path("agentId")
                                                .asText());
                            }
                        }
                    }
                    if (node == null || !"assistant".equals(node.path("type").asText())) {
                        continue;
                    }
                    for (JsonNode block : node.path("message").path("content")) {
                        if (!"tool_use".equals(block.path("type").asText())) {
                            continue;
                        }
                        String name = block.path("name").asText();
                        if (name.equals("Task") || name.equals("Agent")) {
                            taskCalls.add(block.path("id").asText());
                        }
                        JsonNode input = block.path("input");
                        if (name.equals("SendMessage")) {
                            messages.add(input.path("to").asText() + "\u0000"
                                    + input.path("message").asText());
                        }
                        if (name.equals("TaskUpdate")) {
                            if (input.hasNonNull("status")) {
                                teamTasks.put(
                                        input.path("taskId").asText(),
                                        input.path("status").asText());
                            }
                            if (input.hasNonNull("owner")) {
                                owners.add(input.path("taskId").asText() + " "
                                        + input.path("owner").asText());
                            }
                        }
                        if (name.equals("TodoWrite")
                                && !node.path("isSidechain").asBoolean(false)) {
                            List<String> items = new ArrayList<>();
                            for (JsonNode t : block.path("input").path("todos")) {
                                items.add(t.path("content").asText() + " | "
                                        + t.path("status").asText());
                            }
                            String session = node.path("sessionId").asText();
                            String ts = node.path("timestamp").asText();
                            Write prev = lastWrite.get(session);
                            if (prev == null || ts.compareTo(prev.timestamp()) >= 0) {
                                lastWrite.put(session, new Write(ts, items));
                            }
                        }
                    }
                }
            }
        }
        assertThat(taskCalls).as("the fixtures have Task calls").isNotEmpty();
        assertThat(lastWrite).as("the fixtures have TodoWrite lists").isNotEmpty();

        try (AgentStore store = AgentStore.builder()
                .path(dir.resolve("fixtures.duckdb"))
                .install(AgentsModule.create())
                .build()) {
            ClaudeCodeImporter.builder(store).projectsDir(projects).build().run();

            assertThat(store.sql("SELECT count(*) AS n FROM v_agent_handoffs WHERE handoff_reason = 'delegation'")
                            .rows()
                            .get(0)
                            .int64("n"))
                    .isEqualTo(taskCalls.size());
            // agent teams (experiments-worktrees, by hand: the lead sends 3 SendMessage to alice, bob and carol;
            // creates tasks 1-6 with TaskCreate; makes alice, bob, carol the owners of 1, 2, 3; moves every task to
            // completed in the end): each message one handoff from the sender its result names (team-lead)
            assertThat(messages).hasSize(3);
            assertThat(store
                            .sql("SELECT from_agent, to_agent FROM v_agent_handoffs WHERE handoff_reason = 'message'")
                            .rows()
                            .stream()
                            .map(r -> r.string("from_agent") + " -> " + r.string("to_agent"))
                            .toList())
                    .containsExactlyInAnyOrder("team-lead -> alice", "team-lead -> bob", "team-lead -> carol");
            Map<String, String> storedTasks = new TreeMap<>();
            store.sql("SELECT context->>'task_id' AS id, status FROM v_todos WHERE context->>'task_id' IS NOT NULL")
                    .rows()
                    .forEach(r -> storedTasks.put(r.string("id"), r.string("status")));
            assertThat(storedTasks).isEqualTo(teamTasks).hasSize(6);
            assertThat(store.sql("SELECT count(*) AS n FROM v_work_items WHERE work_type = 'team_task'"
                                    + " AND status = 'completed'")
                            .rows()
                            .get(0)
                            .int64("n"))
                    .isEqualTo(6L);
            assertThat(store
                            .sql("SELECT t.context->>'task_id' || ' ' || a.agent_name AS o FROM fact_todo_assignment f"
                                    + " JOIN v_todos t ON t.todo_id = f.todo_id"
                                    + " JOIN dim_agent a ON a.agent_key = f.assignee_agent_key")
                            .rows()
                            .stream()
                            .map(r -> r.string("o"))
                            .toList())
                    .containsExactlyInAnyOrderElementsOf(owners);
            assertThat(store.sql("SELECT count(*) AS n FROM v_work_items WHERE work_type = 'subagent'")
                            .rows()
                            .get(0)
                            .int64("n"))
                    .isEqualTo(taskCalls.size());
            assertThat(store.sql("SELECT count(*) AS n FROM v_agent_handoffs WHERE from_agent = 'claude-code'"
                                    + " AND to_agent LIKE 'claude-code/%' AND handoff_reason = 'delegation'"
                                    + " AND context_snapshot IS NOT NULL")
                            .rows()
                            .get(0)
                            .int64("n"))
                    .isEqualTo(taskCalls.size());

            // By hand (reading the 15 files): 9 Task/Agent calls (1 Plan in coderabbit-review-helper, 6
            // general-purpose in experiments-worktrees, 1 Explore each in deep-manifest and claude_p), every one
            // answered without error and with toolUseResult.agentId. Each run is one work item named by that id,
            // offered, accepted and completed (3 assignment steps), and one capability observation of its type.
            assertThat(taskCalls).hasSize(9);
            assertThat(subAgentIds.keySet()).containsExactlyInAnyOrderElementsOf(taskCalls);
            assertThat(store
                            .sql(
                                    "SELECT work_id FROM v_work_items WHERE work_type = 'subagent' AND status = 'completed'")
                            .rows()
                            .stream()
                            .map(r -> r.string("work_id"))
                            .toList())
                    .containsExactlyInAnyOrderElementsOf(subAgentIds.values().stream()
                            .map(id -> "claude-code:subagent:" + id)
                            .toList());
            Map<String, Long> steps = new TreeMap<>();
            store.sql("SELECT status, count(*) AS n FROM v_work_assignment_history"
                            + " WHERE work_id LIKE 'claude-code:subagent:%' GROUP BY status")
                    .rows()
                    .forEach(r -> steps.put(r.string("status"), r.int64("n")));
            assertThat(steps).isEqualTo(Map.of("offered", 9L, "accepted", 9L, "completed", 9L));
            assertThat(store.sql("SELECT count(*) AS n FROM fact_agent_capability")
                            .rows()
                            .get(0)
                            .int64("n"))
                    .isEqualTo(9L);
            Map<String, Double> map = new TreeMap<>();
            store.sql("SELECT agent_name, capability_name, proficiency FROM v_agent_capability_map")
                    .rows()
                    .forEach(r -> map.put(
                            r.string("agent_name") + " " + r.string("capability_name"), r.float64("proficiency")));
            assertThat(map)
                    .isEqualTo(Map.of(
                            "claude-code/Explore Explore", 1.0,
                            "claude-code/Plan Plan", 1.0,
                            "claude-code/general-purpose general-purpose", 1.0));

            for (Map.Entry<String, Write> e : lastWrite.entrySet()) {
                List<Row> rows = store.sql(
                                "SELECT task, status FROM v_todos WHERE session_id = ? AND agent_name = 'claude-code'"
                                        + " AND (todo_id, created_at) IS NOT NULL AND status <> 'cancelled'"
                                        + " AND updated_at >= (SELECT max(occurred_at) FROM v_todo_versions WHERE session_id = ?)"
                                        + " ORDER BY position",
                                e.getKey(),
                                e.getKey())
                        .rows();
                List<String> stored = rows.stream()
                        .map(r -> r.string("task") + " | " + r.string("status"))
                        .toList();
                assertThat(stored)
                        .as("final todos of session %s", e.getKey())
                        .containsExactlyInAnyOrderElementsOf(e.getValue().items());
            }

            // every table of the module has rows once the project-owned transcripts of agent teams are imported too
            // (src/test/resources/agent-teams: team messages, team tasks with owners and dependencies, an idle
            // notification, TodoWrite lists that reorder and rename items, a Skill call, two teammates editing the
            // same file, which conflict detection finds)
            ClaudeCodeImporter.builder(store)
                    .projectsDir(AgentTeamsTest.teamProjects())
                    .build()
                    .run();
            assertThat(AgentsModule.of(store).detectConflicts(null)).isPositive();
            // the tables the module's migrations create
            Set<String> tables = new java.util.TreeSet<>();
            try (Stream<Path> ddl = Files.list(Path.of("../sql/agents"))) {
                for (Path f : ddl.filter(p -> p.getFileName().toString().startsWith("V"))
                        .toList()) {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("CREATE TABLE (\\w+)")
                            .matcher(Files.readString(f));
                    while (m.find()) {
                        tables.add(m.group(1));
                    }
                }
            }
            // FLAGS are change notices between modules of the reference's own agent system: nothing in Claude Code's
            // transcripts or hooks is one, so they come only from the API, the tools, the CLI and import sqlite-memory
            Set<String> noClaudeCodeSource = Set.of("fact_flag", "fact_flag_status");
            assertThat(tables).hasSize(17).containsAll(noClaudeCodeSource);
            Map<String, Long> counts = new TreeMap<>();
            for (String t : tables) {
                if (noClaudeCodeSource.contains(t)) {
                    continue;
                }
                counts.put(
                        t,
                        store.sql("SELECT count(*) AS n FROM " + t)
                                .rows()
                                .get(0)
                                .int64("n"));
            }
            assertThat(counts.values()).as("rows per table %s", counts).allMatch(n -> n > 0);
        }
    }
}
