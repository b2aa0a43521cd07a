package io.agentstore.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstore.AgentStore;
import io.agentstore.spi.ToolArgumentException;
import io.agentstore.spi.ToolResult;
import io.agentstore.spi.ToolSpec;
import io.agentstore.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every tool of the agents module through {@code store.callTool}, against the facts it leaves. */
class AgentsToolsTest {
    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(ToolResult r, String key) {
        return (List<Map<String, Object>>) ((Map<String, Object>) r.structured()).get(key);
    }

    @SuppressWarnings("unchecked")
    private static Object field(ToolResult r, String key) {
        return ((Map<String, Object>) r.structured()).get(key);
    }

    @Test
    void coordinationFlagAndTodoToolsWork() {
        MutableClock clock = new MutableClock(Instant.parse("2026-02-01T09:00:00Z"));
        try (AgentStore store = AgentStore.builder()
                .path(dir.resolve("t.duckdb"))
                .clock(clock)
                .install(AgentsModule.create())
                .build()) {
            assertThat(store.tools())
                    .extracting(ToolSpec::name)
                    .contains(
                            "claim_work",
                            "release_work",
                            "handoff_work",
                            "check_conflicts",
                            "suggest_work_for_agent",
                            "list_work",
                            "create_flag",
                            "list_flags",
                            "update_flag",
                            "list_todos",
                            "update_todo");
            AgentsFacade agents = AgentsModule.of(store);
            agents.createWork(List.of(
                    new WorkItem("w1", "python_refactoring", "src/a.py", "split a"),
                    new WorkItem("w2", "review", "src/b.py", "review b")));
            agents.setCapability("alice", "review", 0.9);

            // suggestions: alice reviews best
            assertThat(list(store.callTool("suggest_work_for_agent", Map.of("agent", "alice")), "work"))
                    .extracting(m -> m.get("work_id"))
                    .containsExactly("w2", "w1");
            ToolResult won =
                    store.callTool("claim_work", Map.of("work_id", "w2", "agent", "alice", "lease_seconds", 600));
            assertThat(field(won, "claimed")).isEqualTo(true);
            ToolResult lost = store.callTool("claim_work", Map.of("work_id", "w2", "agent", "bob"));
            assertThat(field(lost, "claimed")).isEqualTo(false);
            assertThat(field(lost, "holder")).isEqualTo("alice");
            assertThat(list(store.callTool("list_work", Map.of("status", "in_progress")), "work"))
                    .extracting(m -> m.get("work_id"))
                    .containsExactly("w2");
            assertThat(list(store.callTool("check_conflicts", Map.of("target_path", "src/b.py")), "conflicts"))
                    .extracting(m -> m.get("kind") + " " + m.get("party"))
                    .containsExactly("claim alice");
            ToolResult handed = store.callTool(
                    "handoff_work",
                    Map.of(
                            "work_id",
                            "w2",
                            "from_agent",
                            "alice",
                            "to_agent",
                            "bob",
                            "reason",
                            "timeout",
                            "context",
                            "{\"done\":\"half\"}"));
            assertThat(field(handed, "holder")).isEqualTo("bob");
            assertThat(store.sql("SELECT from_agent, to_agent, handoff_reason FROM v_agent_handoffs")
                            .single()
                            .orElseThrow()
                            .values())
                    .containsExactly("alice", "bob", "timeout");
            assertThat(field(
                            store.callTool(
                                    "release_work", Map.of("work_id", "w2", "agent", "alice", "outcome", "completed")),
                            "released"))
                    .isEqualTo(false);
            assertThat(field(
                            store.callTool(
                                    "release_work", Map.of("work_id", "w2", "agent", "bob", "outcome", "completed")),
                            "status"))
                    .isEqualTo("completed");

            // flags: created pending for each module, moved forward per module, never back
            ToolResult flag = store.callTool(
                    "create_flag",
                    Map.of(
                            "flag_type",
                            "new_feature",
                            "source_module",
                            "core",
                            "source_agent",
                            "core-agent",
                            "affected_modules",
                            List.of("api", "frontend"),
                            "change_description",
                            "Created global TIME utility",
                            "action_required",
                            "Use TIME.format()",
                            "impact_level",
                            "medium"));
            String flagId = (String) field(flag, "flag_id");
            assertThat(list(store.callTool("list_flags", Map.of("module", "api", "status", "pending")), "flags"))
                    .extracting(m -> m.get("flag_id"))
                    .containsExactly(flagId);
            store.callTool(
                    "update_flag",
                    Map.of("flag_id", flagId, "module", "api", "status", "acknowledged", "agent", "api-agent"));
            assertThat(list(store.callTool("list_flags", Map.of("module", "api", "status", "pending")), "flags"))
                    .isEmpty();
            assertThat(list(store.callTool("list_flags", Map.of("module", "frontend", "status", "pending")), "flags"))
                    .hasSize(1);
            assertThatThrownBy(() -> store.callTool(
                            "update_flag", Map.of("flag_id", flagId, "module", "api", "status", "pending")))
                    .hasMessageContaining("cannot go from acknowledged to pending");
            assertThatThrownBy(() -> store.callTool(
                            "update_flag", Map.of("flag_id", flagId, "module", "auth", "status", "completed")))
                    .hasMessageContaining("does not affect module 'auth'");
            store.callTool(
                    "update_flag",
                    Map.of("flag_id", flagId, "module", "api", "status", "completed", "agent", "api-agent"));
            store.callTool(
                    "update_flag",
                    Map.of("flag_id", flagId, "module", "frontend", "status", "completed", "agent", "frontend-agent"));
            var f = store.sql("SELECT status, completed_by, acknowledged_at FROM v_flags")
                    .single()
                    .orElseThrow();
            assertThat(f.string("status")).isEqualTo("completed");
            assertThat(f.string("completed_by")).isEqualTo("api-agent,frontend-agent");
            assertThat(f.instant("acknowledged_at")).isEqualTo(clock.instant());

            // todos: hierarchy, dependencies with a refused cycle, filters, updates
            UUID parent = agents.createTodo(Todo.builder()
                    .task("Implement auth")
                    .priority("high")
                    .category("feature")
                    .due(Instant.parse("2026-01-31T00:00:00Z"))
                    .estimatedHours(2.0)
                    .build());
            UUID child = agents.createTodo(Todo.builder()
                    .task("Write login test")
                    .parent(parent)
                    .category("test")
                    .build());
            UUID third = agents.createTodo(Todo.builder().task("Deploy").build());
            agents.addTodoDependency(third, child);
            agents.addTodoDependency(child, parent);
            assertThatThrownBy(() -> agents.addTodoDependency(parent, third))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cycle " + parent + " (Implement auth) -> " + third + " (Deploy) -> " + child
                            + " (Write login test) -> " + parent + " (Implement auth)");
            agents.assignTodo(child, "test-automation-specialist", "claude-code", "Task tool");
            assertThat(list(store.callTool("list_todos", Map.of("filter", "overdue")), "todos"))
                    .extracting(m -> m.get("task"))
                    .containsExactly("Implement auth");
            assertThat(list(store.callTool("list_todos", Map.of("filter", "delegated")), "todos"))
                    .extracting(m -> m.get("task"))
                    .containsExactly("Write login test");
            assertThat(list(store.callTool("list_todos", Map.of("filter", "high")), "todos"))
                    .hasSize(1);
            clock.advance(Duration.ofHours(1));
            store.callTool(
                    "update_todo", Map.of("todo_id", parent.toString(), "status", "in_progress", "agent", "alice"));
            clock.advance(Duration.ofHours(3));
            store.callTool(
                    "update_todo", Map.of("todo_id", parent.toString(), "status", "completed", "agent", "alice"));
            var t = store.sql(
                            "SELECT status, actual_hours, estimated_hours, subtasks_total, completed_by, dependencies"
                                    + " FROM v_todos WHERE todo_id = ?",
                            parent)
                    .single()
                    .orElseThrow();
            assertThat(t.string("status")).isEqualTo("completed");
            assertThat(t.float64("actual_hours")).isEqualTo(3.0);
            assertThat(t.int64("subtasks_total")).isEqualTo(1);
            assertThat(t.string("completed_by")).isEqualTo("alice");
            assertThatThrownBy(() -> store.callTool("list_todos", Map.of("filter", "someday")))
                    .isInstanceOf(ToolArgumentException.class)
                    .hasMessageContaining("must be one of");
            assertThatThrownBy(() -> store.callTool("update_todo", Map.of("todo_id", "nope", "status", "completed")))
                    .isInstanceOf(ToolArgumentException.class)
                    .hasMessageContaining("todo_id must be a UUID");
        }
    }
}
