package io.agentstore.memory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentstore.AgentStore;
import io.agentstore.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The original's compaction strategies, per type, on hand-written documents; auto against forced; the report. */
class CompactionTest {
    @TempDir
    Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();

    private static long bytes(Object doc) throws Exception {
        return JSON.writeValueAsString(doc).getBytes(StandardCharsets.UTF_8).length;
    }

    private static double kb(long bytes) {
        return Math.round(bytes * 10.0 / 1024) / 10.0;
    }

    private static Map<String, Object> doc(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Map<String, Object> compacted(MemoryFacade m, MemoryType type, Map<String, Object> content) {
        m.updateMemory(MemoryUpdate.builder("a", type).content(content).build());
        m.compact("a", type, true);
        return m.currentMemory("a", type).orElseThrow().content();
    }

    @Test
    void eachTypeHasTheOriginalsStrategy() {
        try (AgentStore store = Stores.open(dir, MutableClock.at("2025-01-01T00:00:00Z"))) {
            MemoryFacade m = MemoryModule.of(store);
            assertThat(compacted(
                            m,
                            MemoryType.KNOWLEDGE,
                            doc(
                                    "purpose",
                                    "auth",
                                    "todos",
                                    List.of(
                                            "[x] add login",
                                            "add SSO",
                                            Map.of("task", "2FA", "status", "done"),
                                            Map.of("task", "bio", "status", "open"),
                                            "Done: rate limits",
                                            "(completed) old thing"))))
                    .isEqualTo(doc(
                            "purpose", "auth", "todos", List.of("add SSO", Map.of("task", "bio", "status", "open"))));

            assertThat(compacted(
                            m,
                            MemoryType.STRUCTURE,
                            doc(
                                    "file_tree",
                                    doc(
                                            "a.js",
                                            Map.of("lines", 245),
                                            "b.js",
                                            Map.of("lines", 100),
                                            "c.js",
                                            Map.of("lines", 12),
                                            "d.js",
                                            Map.of("purpose", "x")),
                                    "total_files",
                                    4)))
                    .isEqualTo(doc(
                            "file_tree",
                            doc("a.js", Map.of("lines", 245), "d.js", Map.of("purpose", "x")),
                            "total_files",
                            4));

            assertThat(compacted(
                            m,
                            MemoryType.DEPENDENCIES,
                            doc(
                                    "external",
                                            List.of(
                                                    "jsonwebtoken@9.0",
                                                    "bcrypt@5.1",
                                                    "@nestjs/core@10.2.1",
                                                    "requests==2.31",
                                                    "org.slf4j:slf4j-api:2.0.9",
                                                    "lodash ^4.17.21",
                                                    "passport",
                                                    "bcrypt@5.0"),
                                    "internal", List.of("UserModule"),
                                    "packages", Map.of("react", "^18.2.0"),
                                    "services", List.of(Map.of("name", "Redis", "version", "7")))))
                    .isEqualTo(doc(
                            "external",
                            List.of(
                                    "jsonwebtoken",
                                    "bcrypt",
                                    "@nestjs/core",
                                    "requests",
                                    "org.slf4j:slf4j-api",
                                    "lodash",
                                    "passport"),
                            "internal",
                            List.of("UserModule"),
                            "packages",
                            List.of("react"),
                            "services",
                            List.of(Map.of("name", "Redis"))));

            assertThat(compacted(
                            m,
                            MemoryType.PATTERNS,
                            doc(
                                    "design_patterns",
                                    List.of("Strategy"),
                                    "anti_patterns_found",
                                    List.of(
                                            "God object in UserService",
                                            "[resolved] Circular import",
                                            Map.of("name", "n+1", "resolved", true),
                                            "Global state (fixed)"),
                                    "resolved_anti_patterns",
                                    List.of("old"))))
                    .isEqualTo(doc(
                            "design_patterns",
                            List.of("Strategy"),
                            "anti_patterns_found",
                            List.of("God object in UserService")));

            assertThat(compacted(
                            m,
                            MemoryType.QUALITY,
                            doc(
                                    "test_coverage",
                                    "87%",
                                    "coverage_history",
                                    List.of(
                                            Map.of("date", "2025-01-01", "coverage", "80%"),
                                            Map.of("date", "2025-03-01", "coverage", "87%"),
                                            Map.of("date", "2025-02-01", "coverage", "85%")),
                                    "test_suites",
                                    List.of("unit", "e2e"))))
                    .isEqualTo(doc(
                            "test_coverage",
                            "87%",
                            "coverage_history",
                            List.of(Map.of("date", "2025-03-01", "coverage", "87%")),
                            "test_suites",
                            List.of("unit", "e2e")));

            List<String> decisions = new ArrayList<>(List.of("milestone: v1 shipped"));
            for (int i = 2; i <= 13; i++) {
                decisions.add("d" + i);
            }
            assertThat(compacted(m, MemoryType.CONTEXT, doc("decisions", decisions, "milestones", List.of("m1"))))
                    .isEqualTo(doc(
                            "decisions",
                            List.of(
                                    "milestone: v1 shipped",
                                    "d4",
                                    "d5",
                                    "d6",
                                    "d7",
                                    "d8",
                                    "d9",
                                    "d10",
                                    "d11",
                                    "d12",
                                    "d13"),
                            "milestones",
                            List.of("m1")));

            Map<String, Object> ops = doc("deployment", "Docker", "migrations", List.of("001", "002"));
            assertThat(compacted(m, MemoryType.OPERATIONS, ops)).isEqualTo(ops);
            // a memory compaction does not change gets no new version
            assertThat(m.history("a", MemoryType.OPERATIONS)).hasSize(1);
            assertThat(m.history("a", MemoryType.KNOWLEDGE)).hasSize(2);
            assertThat(m.history("a", MemoryType.KNOWLEDGE).get(1).memory().authorKind())
                    .isEqualTo(AuthorKind.SYSTEM);
            assertThat(m.history("a", MemoryType.KNOWLEDGE).get(1).memory().changeKind())
                    .isEqualTo("compaction");
        }
    }

    @Test
    void autoCompactsOnlyOverTheLimitAndReportsBeforeAndAfter() throws Exception {
        Map<String, Object> tree = new LinkedHashMap<>();
        for (int i = 0; i < 4000; i++) {
            tree.put("src/module/file_" + i + ".js", Map.of("lines", 10, "purpose", "a small helper file"));
        }
        tree.put("src/big.js", Map.of("lines", 500, "purpose", "the core"));
        Map<String, Object> structure = doc("file_tree", tree);
        Map<String, Object> knowledge = doc("todos", List.of("[x] done already", "open"));
        Map<String, Object> expectedStructure =
                doc("file_tree", doc("src/big.js", Map.of("lines", 500, "purpose", "the core")));
        long structureBefore = bytes(structure);
        long structureAfter = bytes(expectedStructure);
        long knowledgeBytes = bytes(knowledge);
        assertThat(structureBefore)
                .as("the test's structure memory is over 200 KB")
                .isGreaterThan(200 * 1024);

        try (AgentStore store = Stores.open(dir, MutableClock.at("2025-01-01T00:00:00Z"))) {
            MemoryFacade m = MemoryModule.of(store);
            m.updateMemory(MemoryUpdate.builder("api-agent", MemoryType.STRUCTURE)
                    .content(structure)
                    .build());
            m.updateMemory(MemoryUpdate.builder("api-agent", MemoryType.KNOWLEDGE)
                    .content(knowledge)
                    .build());

            CompactionReport auto = m.compact("api-agent", null, false);
            assertThat(auto.auto()).isTrue();
            assertThat(auto.compactedMemories())
                    .containsExactly(
                            new CompactedMemory(MemoryType.STRUCTURE, kb(structureBefore), kb(structureAfter), 2));
            assertThat(auto.totalBeforeKb()).isEqualTo(kb(structureBefore + knowledgeBytes));
            assertThat(auto.totalAfterKb()).isEqualTo(kb(structureAfter + knowledgeBytes));
            assertThat(auto.totalSavedKb())
                    .isEqualTo(Math.round(
                                    (kb(structureBefore + knowledgeBytes) - kb(structureAfter + knowledgeBytes)) * 10)
                            / 10.0);
            assertThat(auto.reductionPercent())
                    .isEqualTo(
                            Math.round((structureBefore - structureAfter) * 1000.0 / (structureBefore + knowledgeBytes))
                                    / 10.0);
            assertThat(m.currentMemory("api-agent", MemoryType.KNOWLEDGE)
                            .orElseThrow()
                            .version())
                    .isEqualTo(1);
            assertThat(m.currentMemory("api-agent", MemoryType.STRUCTURE)
                            .orElseThrow()
                            .content())
                    .isEqualTo(expectedStructure);
            // the old version is still there
            assertThat(m.history("api-agent", MemoryType.STRUCTURE)
                            .get(0)
                            .memory()
                            .content())
                    .isEqualTo(structure);

            // nothing over the limit now: auto does nothing; forced compacts knowledge
            assertThat(m.compact("api-agent", null, false).compactedMemories()).isEmpty();
            CompactionReport forced = m.compact("api-agent", null, true);
            assertThat(forced.auto()).isFalse();
            assertThat(forced.compactedMemories())
                    .extracting(CompactedMemory::type)
                    .containsExactly(MemoryType.KNOWLEDGE);
            assertThat(m.currentMemory("api-agent", MemoryType.KNOWLEDGE)
                            .orElseThrow()
                            .content())
                    .isEqualTo(doc("todos", List.of("open")));
            CompactionReport none = m.compact("nobody", null, true);
            assertThat(none.totalBeforeKb()).isZero();
            assertThat(none.reductionPercent()).isZero();
        }
    }
}
