package io.agentstore.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.core.AgentRef;
import io.agentstore.core.FileModification;
import io.agentstore.spi.Row;
import io.agentstore.testing.MutableClock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every reference query of {@code sql/queries/agents/} runs against a store filled through the real writer and
 * the facade, and its answer is checked against what was put in. The clock is 2026-03-01 12:00 UTC.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReferenceQueriesTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    static Path dir;

    private AgentStore store;
    private final Set<String> ran = new TreeSet<>();
    private UUID flagId;
    private UUID parent;

    @BeforeAll
    void fill() {
        MutableClock clock = new MutableClock(NOW.minus(Duration.ofHours(2)));
        store = AgentStore.builder()
                .path(dir.resolve("q.duckdb"))
                .clock(clock)
                .install(AgentsModule.create())
                .build();
        AgentsFacade agents = AgentsModule.of(store);
        agents.createWork(List.of(
                new WorkItem("w1", "python_refactoring", "src/a.py", null),
                new WorkItem("w2", "python_refactoring", "src/a.py", null),
                new WorkItem("w3", "review", "src/c.py", null),
                new WorkItem("w4", "python_refactoring", "src/d.py", null)));
        agents.setCapability("ann", "python_refactoring", 0.9);
        agents.setCapability("ben", "python_refactoring", 0.9);
        agents.setCapability("cal", "python_refactoring", 0.5);
        agents.claimWork("w1", "ann");
        agents.claimWork("w2", "ben");
        agents.claimWork("w3", "ann");
        store.recordAll(List.of(
                new Handoff(
                        null,
                        null,
                        null,
                        "s1",
                        AgentRef.of("main"),
                        AgentRef.of("ann"),
                        null,
                        "delegation",
                        null,
                        Map.of()),
                new Handoff(
                        null,
                        null,
                        null,
                        "s1",
                        AgentRef.of("main"),
                        AgentRef.of("ann"),
                        null,
                        "delegation",
                        null,
                        Map.of()),
                new Handoff(
                        null,
                        null,
                        null,
                        "s1",
                        AgentRef.of("ann"),
                        AgentRef.of("ben"),
                        null,
                        "timeout",
                        null,
                        Map.of())));
        store.recordAll(List.of(
                FileModification.builder()
                        .sessionId("s1")
                        .filePath("src/x.py")
                        .modificationType("edit")
                        .occurredAt(NOW.minus(Duration.ofMinutes(130)))
                        .build(),
                FileModification.builder()
                        .sessionId("s2")
                        .filePath("src/x.py")
                        .modificationType("edit")
                        .occurredAt(NOW.minus(Duration.ofMinutes(125)))
                        .build()));
        store.recordAll(List.of(
                skill("pdf", "user", NOW.minus(Duration.ofDays(1))),
                skill("pdf", "agent", NOW.minus(Duration.ofDays(2))),
                skill("xlsx", "agent", NOW.minus(Duration.ofDays(3))),
                skill("old", "user", NOW.minus(Duration.ofDays(40)))));
        store.recordAll(List.of(
                intent("fix it", "debug", NOW.minus(Duration.ofHours(10)), NOW.minus(Duration.ofHours(9))),
                intent("fix that", "debug", NOW.minus(Duration.ofHours(10)), NOW.minus(Duration.ofHours(7))),
                intent("add x", "implement", NOW.minus(Duration.ofHours(10)), NOW.minus(Duration.ofHours(8))),
                intent("what?", "question", NOW.minus(Duration.ofHours(10)), null)));
        flagId = agents.createFlag(Flag.builder()
                .type("new_feature")
                .source("core", "core-agent")
                .affects("api", "web")
                .change("TIME utility", "use it")
                .impact("high")
                .build());
        agents.createFlag(Flag.builder()
                .type("refactor")
                .affects("web")
                .change("moved", null)
                .impact("low")
                .build());
        agents.updateFlag(flagId, "web", "acknowledged", "web-agent", null);
        parent = agents.createTodo(Todo.builder()
                .task("Epic")
                .category("feature")
                .estimatedHours(1.0)
                .reminder(NOW.minus(Duration.ofMinutes(5)))
                .context("flag_id", flagId.toString())
                .build());
        agents.createTodo(Todo.builder().task("Part 1").parent(parent).build());
        UUID p2 = agents.createTodo(Todo.builder().task("Part 2").parent(parent).build());
        agents.updateTodo(p2, "completed", null, null, null);
        agents.updateTodo(parent, "in_progress", null, null, null);
        clock.set(NOW);
        agents.updateTodo(parent, "completed", null, null, null);
    }

    private static SkillInvocation skill(String name, String by, Instant at) {
        return new SkillInvocation(null, at, null, "s1", null, name, null, by, null, true, 2L, null, Map.of());
    }

    private static SessionIntent intent(String prompt, String category, Instant stated, Instant achieved) {
        return new SessionIntent(
                null,
                stated,
                null,
                "s1",
                null,
                Intents.hash(prompt),
                category,
                null,
                achieved != null,
                achieved,
                Map.of());
    }

    @AfterAll
    void close() throws IOException {
        store.close();
        try (Stream<Path> files = Files.list(Path.of("../sql/queries/agents"))) {
            Set<String> all =
                    new TreeSet<>(files.map(p -> p.getFileName().toString()).toList());
            assertThat(ran).as("every reference query is run by this test").isEqualTo(all);
        }
    }

    private List<Row> run(String name, Object... params) {
        ran.add(name);
        try (InputStream in = AgentsModule.class.getResourceAsStream("/agent-store/queries/agents/" + name)) {
            return store.sql(new String(in.readAllBytes(), StandardCharsets.UTF_8), params)
                    .rows();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void useCase4() {
        assertThat(run("work_in_progress.sql"))
                .extracting(r -> r.string("work_id") + " " + r.string("agent_name"))
                .containsExactly("w1 ann", "w2 ben", "w3 ann");
        assertThat(run("agents_for_capability.sql", "python_refactoring"))
                .extracting(r -> r.string("agent_name") + " " + r.int64("current_workload"))
                .containsExactly("ben 1", "ann 2", "cal 0");
        assertThat(run("handoff_patterns.sql"))
                .extracting(r -> r.string("from_agent") + ">" + r.string("to_agent") + " " + r.string("handoff_reason")
                        + " " + r.int64("handoff_count"))
                .containsExactly("main>ann delegation 2", "ann>ben timeout 1");
        assertThat(run("conflicting_assignments.sql"))
                .extracting(r -> r.string("work1") + " " + r.string("work2") + " " + r.string("agent1") + " "
                        + r.string("agent2"))
                .containsExactly("w1 w2 ann ben");
        assertThat(run("work_holder.sql", "w1"))
                .extracting(r -> r.string("agent_name") + " " + r.bool("is_holding"))
                .containsExactly("ann true");
        assertThat(run("suggest_work_for_agent.sql", "cal", 10))
                .extracting(r -> r.string("work_id"))
                .containsExactly("w4");
        assertThat(run("conflicts_on_path.sql", "src/a.py", "src/a.py", "src/a.py"))
                .extracting(r -> r.string("kind") + " " + r.string("party1"))
                .containsExactlyInAnyOrder("claim ann", "claim ben");
        assertThat(run("file_edit_conflicts.sql", null, null))
                .extracting(r -> r.string("target_path") + " " + r.int64("overlapping_pairs"))
                .containsExactly("src/x.py 1");
    }

    @Test
    void agentTeams() {
        // zed (no other facts): idle an hour ago with work suggested, idle again half an hour later (no activity
        // between: the second idle closes the first, 1,800 s), still idle now
        store.importAll(List.of(
                new TeammateIdle(
                        null,
                        NOW.minus(Duration.ofHours(1)),
                        null,
                        "s1",
                        io.agentstore.core.AgentRef.of("zed", "teammate"),
                        "t",
                        true,
                        List.of("w3"),
                        Map.of()),
                new TeammateIdle(
                        null,
                        NOW.minus(Duration.ofMinutes(30)),
                        null,
                        "s1",
                        io.agentstore.core.AgentRef.of("zed", "teammate"),
                        "t",
                        false,
                        List.of(),
                        Map.of())));
        assertThat(run("teammate_idle_time.sql"))
                .extracting(r -> r.string("teammate_name") + " " + r.int64("idle_count") + " "
                        + Math.round(((Number) r.get("idle_seconds")).doubleValue()) + " " + r.bool("is_idle_now")
                        + " " + r.int64("times_work_suggested"))
                .containsExactly("zed 2 1800 true 1");
    }

    @Test
    void useCase5() {
        assertThat(run("most_invoked_skills_30d.sql"))
                .extracting(r -> r.string("skill_name") + " " + r.int64("invocations") + " " + r.int64("user_invoked")
                        + " " + r.int64("agent_invoked"))
                .containsExactly("pdf 2 1 1", "xlsx 1 0 1");
        assertThat(run("longest_tasks_by_intent.sql"))
                .extracting(r -> r.string("task_type") + " " + r.float64("avg_seconds") + " " + r.int64("tasks"))
                .containsExactly("debug 7200.0 2", "implement 7200.0 1");
    }

    @Test
    void flagsAndTodos() {
        assertThat(run("pending_flags_for_module.sql", "api", "api"))
                .extracting(r -> r.uuid("flag_id"))
                .containsExactly(flagId);
        assertThat(run("pending_flags_for_module.sql", "web", "web"))
                .extracting(r -> r.string("flag_type"))
                .containsExactly("refactor");
        assertThat(run("flags_by_module_and_status.sql", "web", "web", "web", "acknowledged", "acknowledged"))
                .extracting(r -> r.uuid("flag_id"))
                .containsExactly(flagId);
        assertThat(run("todos_from_flags.sql"))
                .extracting(r -> r.string("task"))
                .containsExactly("Epic");
        assertThat(run("todos_from_todowrite.sql")).isEmpty();
        assertThat(run("todos_with_subtasks.sql"))
                .extracting(
                        r -> r.string("task") + " " + r.int64("subtasks_total") + " " + r.int64("subtasks_completed"))
                .containsExactly("Epic 2 1");
        assertThat(run("todo_estimates_vs_actuals.sql"))
                .extracting(r ->
                        r.string("category") + " " + r.float64("estimated_hours") + " " + r.float64("actual_hours"))
                .containsExactly("feature 1.0 2.0");
        assertThat(run("due_todo_reminders.sql")).isEmpty(); // Epic's reminder passed, but it is completed
        assertThat(run("todo_list_before.sql", "s1", "main", NOW, NOW)).isEmpty();
    }
}
