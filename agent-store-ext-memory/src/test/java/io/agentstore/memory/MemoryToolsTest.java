package io.agentstore.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentstore.AgentStore;
import io.agentstore.spi.ToolArgumentException;
import io.agentstore.spi.ToolResult;
import io.agentstore.spi.ToolSpec;
import io.agentstore.testing.MutableClock;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The module's tools, called through {@code store.callTool}, answer as the facade does. */
class MemoryToolsTest {
    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(ToolResult r) {
        return (Map<String, Object>) r.structured();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }

    @Test
    void everyToolIsOfferedWithAValidSchema() throws Exception {
        java.util.Set<String> core;
        try (AgentStore plain = AgentStore.builder().inMemory().build()) {
            core = plain.tools().stream().map(ToolSpec::name).collect(java.util.stream.Collectors.toSet());
        }
        try (AgentStore store = Stores.open(dir, MutableClock.at("2025-01-01T00:00:00Z"))) {
            assertThat(store.tools().stream().map(ToolSpec::name).filter(n -> !core.contains(n)))
                    .as("the memory module's own tools, beside core's")
                    .containsExactly(
                            "get_memory",
                            "update_memory",
                            "search_memory",
                            "memory_history",
                            "rollback_memory",
                            "save_session_summary",
                            "list_jobs",
                            "resume_job",
                            "get_agent_health",
                            "compact_memory");
            ObjectMapper json = new ObjectMapper();
            for (ToolSpec t : store.tools()) {
                Map<?, ?> schema = json.readValue(t.inputSchema(), Map.class);
                assertThat(schema.get("type")).as(t.name()).isEqualTo("object");
            }
            assertThat(store.tools().stream()
                            .filter(ToolSpec::readOnly)
                            .map(ToolSpec::name)
                            .filter(n -> !core.contains(n)))
                    .containsExactly("get_memory", "search_memory", "memory_history", "list_jobs");
        }
    }

    @Test
    void memoryToolsWriteVersionsAndReadThemBack() {
        MutableClock clock = MutableClock.at("2025-01-01T00:00:00Z");
        try (AgentStore store = Stores.open(dir, clock)) {
            Map<String, Object> v1 = map(store.callTool(
                    "update_memory",
                    Map.of(
                            "agent",
                            "api-agent",
                            "type",
                            "knowledge",
                            "content",
                            Map.of("purpose", "api", "todos", List.of("[x] old", "new")),
                            "reason",
                            "first")));
            assertThat(v1).containsEntry("version", 1L).containsEntry("author_kind", "agent");
            clock.set("2025-01-02T00:00:00Z");
            store.callTool(
                    "update_memory",
                    Map.of(
                            "agent",
                            "api-agent",
                            "type",
                            "knowledge",
                            "content",
                            Map.of("purpose", "gateway"),
                            "author_kind",
                            "user",
                            "author_name",
                            "ana"));

            List<Map<String, Object>> current = list(map(store.callTool("get_memory", Map.of("agent", "api-agent")))
                    .get("memories"));
            assertThat(current).extracting(m -> m.get("content")).containsExactly(Map.of("purpose", "gateway"));
            List<Map<String, Object>> then = list(map(store.callTool(
                            "get_memory",
                            Map.of("agent", "api-agent", "type", "knowledge", "as_of", "2025-01-01T12:00:00Z")))
                    .get("memories"));
            assertThat(then).extracting(m -> m.get("version")).containsExactly(1L);

            ToolResult history = store.callTool("memory_history", Map.of("agent", "api-agent", "type", "knowledge"));
            List<Map<String, Object>> versions = list(map(history).get("versions"));
            assertThat(versions).hasSize(2);
            assertThat(versions.get(1).get("diff"))
                    .isEqualTo(
                            Map.of("added", List.of(), "removed", List.of("/todos"), "changed", List.of("/purpose")));
            assertThat(history.text()).contains("v2 2025-01-02T00:00:00Z update by user ana");

            assertThat(list(map(store.callTool("search_memory", Map.of("text", "gateway")))
                            .get("matches")))
                    .hasSize(1);

            clock.set("2025-01-03T00:00:00Z");
            Map<String, Object> v3 = map(
                    store.callTool("rollback_memory", Map.of("agent", "api-agent", "type", "knowledge", "version", 1)));
            assertThat(v3).containsEntry("version", 3L).containsEntry("change_kind", "rollback");

            ToolResult compacted = store.callTool("compact_memory", Map.of("agent", "api-agent", "force", true));
            assertThat(list(map(compacted).get("compacted_memories")))
                    .extracting(m -> m.get("type"))
                    .containsExactly("knowledge");
            assertThat(list(map(store.callTool("get_memory", Map.of("agent", "api-agent")))
                                    .get("memories"))
                            .get(0)
                            .get("content"))
                    .isEqualTo(Map.of("purpose", "api", "todos", List.of("new")));

            assertThatThrownBy(() -> store.callTool("get_memory", Map.of("agent", "a", "type", "feelings")))
                    .isInstanceOf(ToolArgumentException.class)
                    .hasMessageContaining("feelings")
                    .satisfies(e ->
                            assertThat(((ToolArgumentException) e).argument()).isEqualTo("type"));
            assertThatThrownBy(() ->
                            store.callTool("update_memory", Map.of("agent", "a", "type", "domain", "content", "text")))
                    .isInstanceOf(ToolArgumentException.class)
                    .hasMessageContaining("content");
            assertThatThrownBy(() ->
                            store.callTool("rollback_memory", Map.of("agent", "a", "type", "domain", "version", 4)))
                    .isInstanceOf(ToolArgumentException.class)
                    .hasMessageContaining("no version 4");
        }
    }

    @Test
    void jobSessionAndHealthTools() {
        MutableClock clock = MutableClock.at("2025-01-01T00:00:00Z");
        try (AgentStore store = Stores.open(dir, clock)) {
            MemoryFacade m = MemoryModule.of(store);
            m.startJob("docs", "Write docs", "shop", null);
            m.pauseJob("docs", "lunch");
            store.callTool(
                    "save_session_summary",
                    Map.of(
                            "session_id",
                            "s1",
                            "job_id",
                            "docs",
                            "title",
                            "outline",
                            "pending",
                            List.of("index"),
                            "next_session_priority",
                            "write the index",
                            "quality_score",
                            7));
            assertThat(m.sessionSummary("s1")).map(SessionSummary::qualityScore).contains(7);

            List<Map<String, Object>> jobs =
                    list(map(store.callTool("list_jobs", Map.of())).get("jobs"));
            assertThat(jobs)
                    .extracting(j -> j.get("job_id") + " " + j.get("status"))
                    .containsExactly("docs paused");

            ToolResult resumed = store.callTool("resume_job", Map.of("project", "shop", "session_id", "s2"));
            assertThat(map(resumed)).containsEntry("was_paused", true);
            assertThat(resumed.text()).isEqualTo("resumed docs; pending: [index]; first: write the index");
            assertThat(map(store.callTool("resume_job", Map.of("project", "none")))
                            .get("job"))
                    .isNull();

            m.recordBaseline("api-agent", "src/api", 10L, "manual");
            clock.set("2025-01-06T00:00:00Z");
            ToolResult health = store.callTool("get_agent_health", Map.of("agent", "api-agent"));
            // src/api does not exist here: file count unknown, 5 days -> drift 10, confidence 100 - 10 - 25
            assertThat(list(map(health).get("agents")).get(0))
                    .containsEntry("drift_score", 10L)
                    .containsEntry("confidence_score", 65L)
                    .containsEntry("status", "healthy");
            assertThatThrownBy(() ->
                            store.callTool("save_session_summary", Map.of("session_id", "s3", "quality_score", 11)))
                    .isInstanceOf(ToolArgumentException.class)
                    .hasMessageContaining("quality_score");
        }
    }
}
