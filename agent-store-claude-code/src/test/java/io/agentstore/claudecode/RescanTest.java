package io.agentstore.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.spi.Row;
import io.agentstore.tokens.TokensModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rescan()}: a module installed on a store that already holds the imported history gets its facts
 * from the history, and core facts are not imported twice.
 */
class RescanTest {
    @TempDir
    Path dir;

    @Test
    void aModuleInstalledAfterTheImportGetsTheHistoryByRescanWithoutDoublingCoreFacts() throws IOException {
        Path projects = dir.resolve("projects");
        SyntheticHistory.of(5, 12, Instant.now().minus(Duration.ofHours(2)), 4).writeTo(projects);
        long compactions = 0;
        try (Stream<Path> files = Files.walk(projects)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    if (line.contains("\"subtype\":\"compact_boundary\"")) {
                        compactions++;
                    }
                }
            }
        }
        assertThat(compactions).as("compactions the synthetic history wrote").isPositive();
        Path file = dir.resolve("store.duckdb");
        Map<String, Long> coreFacts;
        try (AgentStore store = AgentStore.builder().path(file).build()) {
            ClaudeCodeImporter.builder(store)
                    .projectsDir(projects)
                    .idleAfter(Duration.ZERO)
                    .build()
                    .run();
            coreFacts = factCounts(store);
        }
        assertThat(coreFacts.get("fact_api_call")).isPositive();
        try (AgentStore store =
                AgentStore.builder().path(file).install(TokensModule.create()).build()) {
            assertThat(count(store, "fact_context_overflow")).isZero();
            ImportSummary rescan = ClaudeCodeImporter.builder(store)
                    .projectsDir(projects)
                    .idleAfter(Duration.ZERO)
                    .rescan()
                    .build()
                    .run();
            assertThat(rescan.recordsWritten()).isEqualTo(compactions);
            assertThat(count(store, "fact_context_overflow")).isEqualTo(compactions);
            assertThat(store.sql("SELECT count(DISTINCT event_id) AS n FROM fact_context_overflow")
                            .rows()
                            .get(0)
                            .int64("n"))
                    .isEqualTo(compactions);
            Map<String, Long> after = factCounts(store);
            after.remove("fact_context_overflow");
            after.keySet().retainAll(coreFacts.keySet());
            assertThat(after).isEqualTo(coreFacts);
            // again, and a normal import: nothing changes
            assertThat(ClaudeCodeImporter.builder(store)
                            .projectsDir(projects)
                            .idleAfter(Duration.ZERO)
                            .rescan()
                            .build()
                            .run()
                            .recordsWritten())
                    .isZero();
            ClaudeCodeImporter.builder(store)
                    .projectsDir(projects)
                    .idleAfter(Duration.ZERO)
                    .build()
                    .run();
            assertThat(count(store, "fact_context_overflow")).isEqualTo(compactions);
            Map<String, Long> again = factCounts(store);
            again.keySet().retainAll(coreFacts.keySet());
            assertThat(again).isEqualTo(coreFacts);
        }
    }

    private static long count(AgentStore store, String table) {
        return store.sql("SELECT count(*) AS n FROM " + table).rows().get(0).int64("n");
    }

    private static Map<String, Long> factCounts(AgentStore store) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Row t : store.sql("SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'fact_%'"
                        + " AND table_type = 'BASE TABLE' ORDER BY table_name")
                .rows()) {
            counts.put(t.string("table_name"), count(store, t.string("table_name")));
        }
        for (Row t : store.sql("SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'dim_%'"
                        + " AND table_type = 'BASE TABLE' ORDER BY table_name")
                .rows()) {
            counts.put(t.string("table_name"), count(store, t.string("table_name")));
        }
        return counts;
    }
}
