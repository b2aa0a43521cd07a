package io.agentstore.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstore.AgentStore;
import io.agentstore.spi.Row;
import io.agentstore.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drift, status levels, sizes, file counts on disk and the health views, with hand-computed answers. */
class HealthTest {
    @TempDir
    Path dir;

    @Test
    void theOriginalsDriftFormula() {
        assertThat(HealthCheck.driftScore(17L, 15L, 10L)).isEqualTo(40); // 2 files × 10 + 10 days × 2
        assertThat(HealthCheck.driftScore(10L, 15L, 2L)).isEqualTo(54); // 5 × 10 + 2 × 2
        assertThat(HealthCheck.driftScore(20L, 15L, 30L)).isEqualTo(100); // 50 + 60, capped
        assertThat(HealthCheck.driftScore(null, 15L, 3L)).isEqualTo(6); // unknown count: days only
        assertThat(HealthStatus.of(29, 999.9)).isEqualTo(HealthStatus.HEALTHY);
        assertThat(HealthStatus.of(30, 10)).isEqualTo(HealthStatus.DEGRADED);
        assertThat(HealthStatus.of(70, 10)).isEqualTo(HealthStatus.DEGRADED);
        assertThat(HealthStatus.of(0, 1000)).isEqualTo(HealthStatus.DEGRADED);
        assertThat(HealthStatus.of(71, 10)).isEqualTo(HealthStatus.CRITICAL);
        assertThat(HealthStatus.of(0, 2000.1)).isEqualTo(HealthStatus.OVERSIZED);
        assertThat(HealthStatus.of(82, 2456)).isEqualTo(HealthStatus.CRITICAL);
    }

    @Test
    void checksAreRecordedPerAgent() throws Exception {
        MutableClock clock = MutableClock.at("2025-01-01T00:00:00Z");
        Path module = Files.createDirectories(dir.resolve("src/auth"));
        Files.writeString(module.resolve("a.js"), "a");
        Files.writeString(module.resolve("b.js"), "b");
        Files.createDirectories(module.resolve("sub"));
        Files.writeString(module.resolve("sub/c.js"), "c");
        Files.createDirectories(module.resolve(".git"));
        Files.writeString(module.resolve(".git/HEAD"), "x");
        Files.writeString(module.resolve(".env"), "x");
        try (AgentStore store = AgentStore.builder()
                .path(dir.resolve("h.duckdb"))
                .clock(clock)
                .install(MemoryModule.create())
                .build()) {
            MemoryFacade m = MemoryModule.of(store);
            assertThat(MemoryFacade.countFiles(module.toString())).contains(3L);
            assertThat(MemoryFacade.countFiles(dir.resolve("missing").toString()))
                    .isEmpty();
            assertThat(m.recordBaseline("auth-agent", module.toString(), null, "manual")
                            .fileCountBaseline())
                    .isEqualTo(3L);
            m.recordBaseline("api-agent", "src/api", 15L, "auto");
            m.recordBaseline("big-agent", "src/big", 5L, "auto");
            m.updateMemory(MemoryUpdate.builder("auth-agent", MemoryType.KNOWLEDGE)
                    .content(Map.of("p", "x"))
                    .build());
            Map<String, Object> tree = new LinkedHashMap<>();
            for (int i = 0; i < 40_000; i++) {
                tree.put("src/f" + i + ".js", Map.of("lines", 10, "purpose", "file number " + i));
            }
            m.updateMemory(MemoryUpdate.builder("big-agent", MemoryType.STRUCTURE)
                    .content(Map.of("file_tree", tree))
                    .build());
            m.updateMemory(MemoryUpdate.builder("solo-agent", MemoryType.DOMAIN)
                    .content(Map.of("rules", List.of("r")))
                    .build());

            clock.set("2025-01-11T06:00:00Z");
            Files.writeString(module.resolve("d.js"), "d");
            Files.writeString(module.resolve("e.js"), "e");
            // auth: 5 files now vs 3, 10 days -> 20 + 20 = 40: degraded
            HealthCheck auth = m.checkHealth("auth-agent");
            assertThat(auth.fileCountCurrent()).isEqualTo(5L);
            assertThat(auth.daysSinceBaseline()).isEqualTo(10L);
            assertThat(auth.driftScore()).isEqualTo(40);
            assertThat(auth.confidenceScore()).isEqualTo(60);
            assertThat(auth.status()).isEqualTo(HealthStatus.DEGRADED);
            assertThat(auth.largestMemoryType()).isEqualTo("knowledge");
            assertThat(auth.compactionNeeded()).isFalse();
            assertThat(auth.memorySizeWarning()).isNull();
            assertThat(auth.recommendations()).contains("Monitor closely");
            // api: given 25 files vs 15, 10 days -> 100 + 20, capped at 100: critical
            HealthCheck api = m.checkHealth("api-agent", 25L, "s1");
            assertThat(api.driftScore()).isEqualTo(100);
            assertThat(api.confidenceScore()).isZero();
            assertThat(api.status()).isEqualTo(HealthStatus.CRITICAL);
            assertThat(api.largestMemoryType()).isNull();
            assertThat(api.recommendations()).startsWith("Re-analyse module src/api");
            // big: same files, 10 days -> 20; memory > 2,000 KB: oversized, compaction fixes it
            HealthCheck big = m.checkHealth("big-agent", 5L, null);
            assertThat(big.driftScore()).isEqualTo(20);
            assertThat(big.memorySizeKb()).isGreaterThan(2000);
            assertThat(big.status()).isEqualTo(HealthStatus.OVERSIZED);
            assertThat(big.memorySizeWarning()).isEqualTo("critical");
            assertThat(big.compactionNeeded()).isTrue();
            assertThat(big.autoUpgradeEligible()).isTrue();
            assertThat(big.issues())
                    .anyMatch(i -> i.startsWith("structure memory is"))
                    .anyMatch(i -> i.contains("above 2000 KB"));
            // solo: no baseline, first memory 10 days ago -> 20; file counts unknown -> confidence 100 - 20 - 25
            HealthCheck solo = m.checkHealth("solo-agent");
            assertThat(solo.driftScore()).isEqualTo(20);
            assertThat(solo.confidenceScore()).isEqualTo(55);
            assertThat(solo.status()).isEqualTo(HealthStatus.HEALTHY);
            assertThat(solo.recommendations()).isEqualTo("No action needed");
            assertThatThrownBy(() -> m.checkHealth("ghost"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("ghost");

            assertThat(m.health(null))
                    .extracting(HealthCheck::agent)
                    .containsExactly("api-agent", "auth-agent", "big-agent", "solo-agent");
            assertThat(m.health("auth-agent")).containsExactly(auth);
            List<Row> dash = store.sql("SELECT * FROM v_agent_health ORDER BY drift_score DESC, agent_name")
                    .rows();
            assertThat(dash)
                    .extracting(r -> r.string("agent_name") + " " + r.string("status") + " " + r.int64("drift_score")
                            + " " + r.bool("needs_compaction"))
                    .containsExactly(
                            "api-agent critical 100 false",
                            "auth-agent degraded 40 false",
                            "big-agent oversized 20 true",
                            "solo-agent healthy 20 false");

            // a re-analysis resets the baseline
            m.recordBaseline("api-agent", "src/api", 25L, "manual");
            HealthCheck after = m.checkHealth("api-agent", 25L, null);
            assertThat(after.driftScore()).isZero();
            assertThat(after.status()).isEqualTo(HealthStatus.HEALTHY);
            assertThat(m.checkAllHealth()).hasSize(4);
        }
    }

    /** Where the agents module is installed, a critical agent raises a flag; a healthy one does not. */
    @Test
    void aCriticalAgentRaisesAFlagWhereTheAgentsModuleIsInstalled() {
        MutableClock clock = MutableClock.at("2025-01-01T00:00:00Z");
        try (AgentStore store = AgentStore.builder()
                .path(dir.resolve("flags.duckdb"))
                .clock(clock)
                .install(MemoryModule.create(), io.agentstore.agents.AgentsModule.create())
                .build()) {
            MemoryFacade m = MemoryModule.of(store);
            m.recordBaseline("api-agent", "src/api", 15L, "manual");
            m.recordBaseline("calm-agent", "src/calm", 15L, "manual");
            clock.set("2025-01-11T00:00:00Z");
            assertThat(m.checkHealth("calm-agent", 15L, null).status()).isEqualTo(HealthStatus.HEALTHY);
            assertThat(store.sql("SELECT count(*) AS n FROM v_flags")
                            .rows()
                            .get(0)
                            .int64("n"))
                    .as("a healthy agent raises no flag")
                    .isZero();
            assertThat(m.checkHealth("api-agent", 25L, "s1").status()).isEqualTo(HealthStatus.CRITICAL);
            List<io.agentstore.spi.Row> flags = store.sql(
                            "SELECT source_module, source_agent, impact_level, change_description, status,"
                                    + " CAST(affected_modules AS VARCHAR) AS affected FROM v_flags")
                    .rows();
            assertThat(flags).hasSize(1);
            assertThat(flags.get(0).string("source_module")).isEqualTo("memory");
            assertThat(flags.get(0).string("source_agent")).isEqualTo("api-agent");
            assertThat(flags.get(0).string("impact_level")).isEqualTo("high");
            assertThat(flags.get(0).string("change_description"))
                    .contains("critical")
                    .contains("drift 100");
            assertThat(flags.get(0).string("status")).isEqualTo("pending");
            assertThat(flags.get(0).string("affected")).contains("src/api");
        }
    }
}
