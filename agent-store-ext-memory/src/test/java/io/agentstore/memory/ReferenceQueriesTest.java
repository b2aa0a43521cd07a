package io.agentstore.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.core.ToolCall;
import io.agentstore.spi.Row;
import io.agentstore.spi.SqlResources;
import io.agentstore.testing.MutableClock;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every reference query of {@code sql/queries/memory/} runs against a store filled through the facade, and its
 * answer is checked against values worked out by hand from the fixture (instants in the comments).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReferenceQueriesTest {
    @TempDir
    static Path dir;

    private AgentStore store;

    private static Instant at(String s) {
        return Instant.parse(s);
    }

    @BeforeAll
    void fill() {
        MutableClock clock = MutableClock.at("2025-01-01T00:00:00Z");
        store = Stores.open(dir, clock);
        MemoryFacade m = MemoryModule.of(store);
        // 01-01: api-agent knowledge v1, job migration (shop) started in s1, api-agent baseline 10 files
        m.updateMemory(MemoryUpdate.builder("api-agent", MemoryType.KNOWLEDGE)
                .content(Map.of("purpose", "api", "todos", List.of("x")))
                .reason("created")
                .build());
        m.startJob("migration", "Migrate", "shop", "s1");
        m.recordBaseline("api-agent", "src/api", 10L, "manual");
        // recorded_at is the time a record is loaded from the write journal: load each day's records on that day
        store.flush();
        clock.set("2025-01-02T00:00:00Z");
        m.updateMemory(MemoryUpdate.builder("api-agent", MemoryType.KNOWLEDGE)
                .content(Map.of("purpose", "api gateway"))
                .author(AuthorKind.USER, "ana")
                .reason("renamed")
                .build());
        m.pauseJob("migration", "switch");
        store.flush();
        clock.set("2025-01-03T00:00:00Z");
        // {"file_tree":{"a.js":{"lines":300}}}: 36 bytes
        m.updateMemory(MemoryUpdate.builder("api-agent", MemoryType.STRUCTURE)
                .content(Map.of("file_tree", Map.of("a.js", Map.of("lines", 300))))
                .build());
        m.startJob("docs", "Write docs", "shop", null);
        store.flush();
        clock.set("2025-01-04T00:00:00Z");
        m.updateMemory(MemoryUpdate.builder("auth-agent", MemoryType.PATTERNS)
                .content(Map.of("anti_patterns_found", List.of("God object")))
                .author(AuthorKind.USER, "ana")
                .build());
        m.recordBaseline("auth-agent", "src/auth", 5L, "auto");
        m.saveSessionSummary(SessionSummary.builder()
                .sessionId("s2")
                .jobId("docs")
                .title("outline")
                .pending(List.of("index"))
                .nextSessionPriority("write the index")
                .build());
        store.flush();
        clock.set("2025-01-05T00:00:00Z");
        m.startJob("web", null, "site", null);
        m.checkHealth("api-agent", 14L, null); // 4 files × 10 + 4 days × 2 = 48: degraded
        store.flush();
        clock.set("2025-01-06T00:00:00Z");
        m.completeJob("web", "shipped");
        store.recordAll(List.of(
                ToolCall.builder()
                        .sessionId("s9")
                        .tool("Edit")
                        .targetPath("src/A.java")
                        .occurredAt(at("2025-01-06T01:00:00Z"))
                        .build(),
                ToolCall.builder()
                        .sessionId("s9")
                        .tool("Bash")
                        .failed("exit_2")
                        .occurredAt(at("2025-01-06T02:00:00Z"))
                        .build()));
        store.flush();
        clock.set("2025-01-10T00:00:00Z");
        m.checkHealth("api-agent", 20L, null); // 100 + 18, capped: critical
        m.checkHealth("auth-agent", 5L, null); // 6 days × 2 = 12: healthy
    }

    @AfterAll
    void close() {
        store.close();
    }

    private List<Row> run(String name, Object... params) {
        return store.sql(SqlResources.load(MemoryFacade.class, "agent-store/queries/memory/" + name), params)
                .rows();
    }

    private Map<String, Consumer<String>> cases() {
        Map<String, Consumer<String>> c = new TreeMap<>();
        c.put("memory_as_of.sql", q -> {
            // what the store held on 01-01 12:00: knowledge v1 only
            assertThat(run(q, "api-agent", null, at("2025-01-01T12:00:00Z"), at("2025-01-01T12:00:00Z")))
                    .extracting(r -> r.string("memory_type") + " v" + r.int64("version"))
                    .containsExactly("knowledge v1");
            assertThat(run(q, "api-agent", null, at("2025-01-03T00:00:00Z"), at("2025-01-10T00:00:00Z")))
                    .extracting(r -> r.string("memory_type") + " v" + r.int64("version"))
                    .containsExactly("knowledge v2", "structure v1");
            assertThat(run(q, "api-agent", "structure", at("2025-01-02T00:00:00Z"), at("2025-01-10T00:00:00Z")))
                    .isEmpty();
        });
        c.put(
                "memory_history.sql",
                q -> assertThat(run(q, "api-agent", "knowledge"))
                        .extracting(r ->
                                r.int64("version") + " " + r.instant("valid_to") + " " + r.instant("superseded_at"))
                        .containsExactly("1 2025-01-02T00:00:00Z 2025-01-02T00:00:00Z", "2 null null"));
        c.put("who_changed_memory.sql", q -> {
            assertThat(run(q, null, null))
                    .extracting(r -> r.string("agent_name") + " " + r.string("memory_type") + " v" + r.int64("version")
                            + " " + r.string("author_kind") + " " + r.string("author_name"))
                    .containsExactly(
                            "auth-agent patterns v1 user ana",
                            "api-agent structure v1 agent null",
                            "api-agent knowledge v2 user ana",
                            "api-agent knowledge v1 agent null");
            assertThat(run(q, "api-agent", "knowledge"))
                    .extracting(r -> r.string("reason"))
                    .containsExactly("renamed", "created");
        });
        c.put("search_memory.sql", q -> {
            assertThat(run(q, "GATEWAY"))
                    .extracting(r -> r.string("agent_name") + " " + r.string("memory_type"))
                    .containsExactly("api-agent knowledge");
            assertThat(run(q, "todos")).isEmpty(); // only in knowledge v1, which is not current
        });
        c.put(
                "memory_stats.sql",
                q -> assertThat(run(q))
                        .extracting(r ->
                                r.string("agent_name") + " " + r.int64("memory_types") + " " + r.decimal("total_kb")
                                        + " " + r.string("largest_memory_type") + " " + r.int64("types_over_limit"))
                        // api: {"purpose":"api gateway"} 25 + 36 = 61 bytes = 0.06 KB; auth:
                        // {"anti_patterns_found":["God object"]} 36 bytes
                        .containsExactly("api-agent 2 0.1 structure 0", "auth-agent 1 0.0 patterns 0"));
        c.put(
                "list_jobs.sql",
                q -> assertThat(run(q))
                        // docs: last activity the summary of 01-04; migration: the pause of 01-02; web is completed
                        .extracting(r -> r.string("job_id") + " " + r.string("status") + " "
                                + r.instant("last_activity_at") + " " + r.string("next_session_priority"))
                        .containsExactly(
                                "docs active 2025-01-04T00:00:00Z write the index",
                                "migration paused 2025-01-02T00:00:00Z null"));
        c.put("resume_job_for_project.sql", q -> {
            assertThat(run(q, "shop")).extracting(r -> r.string("job_id")).containsExactly("docs");
            assertThat(run(q, "site")).isEmpty();
        });
        c.put("last_session_of_job.sql", q -> {
            assertThat(run(q, "docs"))
                    .extracting(r -> r.string("session_id") + " " + r.string("title"))
                    .containsExactly("s2 outline");
            assertThat(run(q, "migration")).isEmpty();
        });
        c.put(
                "health_dashboard.sql",
                q -> assertThat(run(q))
                        .extracting(r -> r.string("name") + " " + r.string("status") + " " + r.int64("drift_score")
                                + " " + r.int64("memory_size_kb") + " " + r.bool("needs_compaction") + " "
                                + r.instant("checked_at"))
                        .containsExactly(
                                "api-agent critical 100 0 false 2025-01-10T00:00:00Z",
                                "api-agent degraded 48 0 false 2025-01-05T00:00:00Z",
                                "auth-agent healthy 12 0 false 2025-01-10T00:00:00Z"));
        c.put(
                "agents_needing_attention.sql",
                q -> assertThat(run(q))
                        .extracting(r -> r.string("agent_name") + " " + r.string("status"))
                        .containsExactly("api-agent critical"));
        c.put("session_activity.sql", q -> {
            Row r = run(q, "s9").get(0);
            assertThat(r.int64("tool_calls")).isEqualTo(2);
            assertThat(r.int64("failed_tool_calls")).isEqualTo(1);
            assertThat(r.get("failed_tools")).isEqualTo(List.of("Bash: exit_2"));
            assertThat(r.get("files_changed")).isEqualTo(List.of());
            assertThat(r.instant("started_at")).isEqualTo(at("2025-01-06T01:00:00Z"));
            assertThat(run(q, "nobody")).isEmpty();
        });
        return c;
    }

    @TestFactory
    Stream<DynamicTest> everyReferenceQueryIsCheckedByHand() throws IOException, URISyntaxException {
        URL folder = ReferenceQueriesTest.class.getClassLoader().getResource("agent-store/queries/memory");
        Set<String> files = new TreeSet<>();
        try (Stream<Path> list = Files.list(Path.of(folder.toURI()))) {
            list.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".sql"))
                    .forEach(files::add);
        }
        Map<String, Consumer<String>> cases = cases();
        assertThat(cases.keySet()).as("a checked case for every query file").isEqualTo(files);
        return files.stream()
                .map(f -> DynamicTest.dynamicTest(f, () -> cases.get(f).accept(f)));
    }
}
