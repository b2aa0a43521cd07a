package io.agentstore.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.claudecode.ClaudeCodeImporter;
import io.agentstore.spi.Row;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project-owned transcript with the shapes the shared fixtures lack: TodoWrite lists that reorder and rename
 * items and drop an unfinished one, a Skill call, a prompt. Imported by the real importer.
 */
class OwnTranscriptTest {
    @TempDir
    Path dir;

    private static int line;

    private static String toolUse(String id, String name, String input, String at) {
        line++;
        return "{\"type\":\"assistant\",\"sessionId\":\"s1\",\"uuid\":\"a" + line + "\",\"timestamp\":\"" + at
                + "\",\"cwd\":\"/work/demo\",\"message\":{\"id\":\"m" + line + "\",\"role\":\"assistant\","
                + "\"model\":\"claude-sonnet-4-5\",\"content\":[{\"type\":\"tool_use\",\"id\":\"" + id
                + "\",\"name\":\""
                + name + "\",\"input\":" + input + "}],\"usage\":{\"input_tokens\":10,\"output_tokens\":5}},"
                + "\"requestId\":\"r" + line + "\"}";
    }

    private static String result(String id, String at) {
        line++;
        return "{\"type\":\"user\",\"sessionId\":\"s1\",\"uuid\":\"u" + line + "\",\"timestamp\":\"" + at
                + "\",\"cwd\":\"/work/demo\",\"message\":{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\","
                + "\"tool_use_id\":\"" + id + "\",\"content\":\"ok\"}]}}";
    }

    private static String todos(String... items) {
        List<String> json = new ArrayList<>();
        for (String item : items) {
            String[] p = item.split("=");
            json.add("{\"content\":\"" + p[0] + "\",\"status\":\"" + p[1] + "\",\"activeForm\":\"" + p[0] + "ing\"}");
        }
        return "{\"todos\":[" + String.join(",", json) + "]}";
    }

    @Test
    void reorderedRenamedAndDroppedTodosKeepTheirLifecycle() throws IOException {
        Path project = Files.createDirectories(dir.resolve("projects").resolve("-work-demo"));
        List<String> lines = List.of(
                "{\"type\":\"user\",\"sessionId\":\"s1\",\"uuid\":\"p1\",\"timestamp\":\"2026-01-10T10:00:00Z\","
                        + "\"cwd\":\"/work/demo\",\"message\":{\"role\":\"user\",\"content\":\"Fix the bug in the parser\"}}",
                toolUse(
                        "t1",
                        "TodoWrite",
                        todos("Write test=pending", "Fix parser=pending", "Update docs=pending"),
                        "2026-01-10T10:01:00Z"),
                result("t1", "2026-01-10T10:01:01Z"),
                // reordered (Fix parser first) and renamed at position 2
                toolUse(
                        "t2",
                        "TodoWrite",
                        todos("Fix parser=in_progress", "Write test=pending", "Update the README=pending"),
                        "2026-01-10T10:02:00Z"),
                result("t2", "2026-01-10T10:02:01Z"),
                toolUse("k1", "Skill", "{\"skill\":\"pdf\",\"args\":\"report.pdf\"}", "2026-01-10T10:03:00Z"),
                result("k1", "2026-01-10T10:03:01Z"),
                // the README item left the list unfinished
                toolUse(
                        "t3",
                        "TodoWrite",
                        todos("Fix parser=completed", "Write test=completed"),
                        "2026-01-10T10:04:00Z"),
                result("t3", "2026-01-10T10:04:01Z"));
        Files.write(project.resolve("s1.jsonl"), lines);

        try (AgentStore store = AgentStore.builder()
                .path(dir.resolve("own.duckdb"))
                .install(AgentsModule.create())
                .build()) {
            ClaudeCodeImporter.builder(store)
                    .projectsDir(dir.resolve("projects"))
                    .build()
                    .run();

            Map<String, String> finalStatus = store.sql("SELECT task, status FROM v_todos").rows().stream()
                    .collect(Collectors.toMap(
                            r -> r.string("task"), r -> r.string("status"), (a, b) -> a, TreeMap::new));
            assertThat(finalStatus)
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "Fix parser", "completed", "Write test", "completed", "Update the README", "cancelled"));

            Map<String, String> history = new TreeMap<>();
            for (Row r : store.sql("SELECT t.task, string_agg(h.status, '>' ORDER BY h.occurred_at) AS statuses"
                            + " FROM v_todos t JOIN v_todo_status_history h ON h.todo_id = t.todo_id GROUP BY t.task")
                    .rows()) {
                history.put(r.string("task"), r.string("statuses"));
            }
            assertThat(history)
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "Fix parser", "pending>in_progress>completed",
                            "Write test", "pending>completed",
                            "Update the README", "pending>cancelled"));
            assertThat(store.sql("SELECT count(DISTINCT task) AS n FROM v_todo_versions"
                                    + " WHERE todo_id = (SELECT todo_id FROM v_todos WHERE task = 'Update the README')")
                            .rows()
                            .get(0)
                            .int64("n"))
                    .as("the renamed todo kept its id: both names are versions of it")
                    .isEqualTo(2);

            Row skill = store.sql("SELECT * FROM v_skill_invocations").single().orElseThrow();
            assertThat(skill.string("skill_name")).isEqualTo("pdf");
            assertThat(skill.string("invoked_by")).isEqualTo("agent");
            assertThat(skill.string("arguments")).isEqualTo("report.pdf");

            Row intent = store.sql("SELECT * FROM v_session_intents").single().orElseThrow();
            assertThat(intent.string("categorized_as")).isEqualTo("debug");
            assertThat(intent.string("intent_hash")).isEqualTo(Intents.hash("Fix the bug in the parser"));
            assertThat(intent.string("intent_text"))
                    .as("no audit module: no text")
                    .isNull();

            // a second import of the same transcript changes nothing
            long facts = store.sql("SELECT (SELECT count(*) FROM fact_todo) + (SELECT count(*) FROM fact_todo_status)"
                            + " + (SELECT count(*) FROM fact_skill_invocation) AS n")
                    .rows()
                    .get(0)
                    .int64("n");
            ClaudeCodeImporter.builder(store)
                    .projectsDir(dir.resolve("projects"))
                    .rescan()
                    .build()
                    .run();
            assertThat(store.sql("SELECT (SELECT count(*) FROM fact_todo) + (SELECT count(*) FROM fact_todo_status)"
                                    + " + (SELECT count(*) FROM fact_skill_invocation) AS n")
                            .rows()
                            .get(0)
                            .int64("n"))
                    .isEqualTo(facts);
        }
    }
}
