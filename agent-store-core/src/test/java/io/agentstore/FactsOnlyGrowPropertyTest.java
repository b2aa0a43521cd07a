package io.agentstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.agentstore.spi.FactRecord;
import io.agentstore.spi.Row;
import io.agentstore.testing.RandomRecords;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Facts only grow: whatever sequence of recording, bulk recording, exports and re-opens runs, every fact
 * row seen before is still there, unchanged, and no fact table shrinks.
 */
class FactsOnlyGrowPropertyTest {
    @TempDir
    Path dir;

    private static final List<String> FACTS = List.of(
            "fact_tool_call",
            "fact_api_call",
            "fact_decision",
            "fact_task_outcome",
            "fact_session_event",
            "fact_error",
            "fact_file_modification",
            "fact_ingest_run",
            "fact_ingest_error");

    /** table → (event_id → row text). */
    private static Map<String, Map<String, String>> snapshot(AgentStore store) {
        Map<String, Map<String, String>> result = new HashMap<>();
        for (String table : FACTS) {
            Map<String, String> rows = new HashMap<>();
            for (Row r :
                    store.sql("SELECT * EXCLUDE (recorded_at) FROM " + table).rows()) {
                rows.merge(r.uuid("event_id").toString(), r.values().toString(), (a, b) -> a + "|" + b);
            }
            result.put(table, rows);
        }
        return result;
    }

    @Test
    void factsOnlyGrow() {
        qt().withExamples(8).forAll(longs().all()).checkAssert(seed -> {
            Random random = new Random(seed);
            RandomRecords records = new RandomRecords(seed, true);
            Path file = dir.resolve("grow-" + Long.toHexString(seed) + ".duckdb");
            AgentStore store = AgentStore.builder().path(file).build();
            try {
                Map<String, Map<String, String>> before = snapshot(store);
                for (int step = 0; step < 12; step++) {
                    switch (random.nextInt(5)) {
                        case 0, 1 -> store.record(records.any());
                        case 2 -> {
                            List<FactRecord> batch = new ArrayList<>();
                            for (int i = random.nextInt(30); i >= 0; i--) {
                                batch.add(records.any());
                            }
                            store.recordAll(batch);
                        }
                        case 3 ->
                            store.export()
                                    .parquet(dir.resolve("export-" + Long.toHexString(seed)))
                                    .incremental()
                                    .run();
                        default -> {
                            store.close();
                            store = AgentStore.builder().path(file).build();
                        }
                    }
                    Map<String, Map<String, String>> after = snapshot(store);
                    for (String table : FACTS) {
                        Map<String, String> old = before.get(table);
                        Map<String, String> now = after.get(table);
                        assertThat(now.size())
                                .as("%s rows after step %d", table, step)
                                .isGreaterThanOrEqualTo(old.size());
                        Set<String> lost = new HashSet<>(old.keySet());
                        lost.removeAll(now.keySet());
                        assertThat(lost).as("%s rows lost", table).isEmpty();
                        old.forEach((id, row) -> assertThat(now.get(id))
                                .as("%s row %s", table, id)
                                .startsWith(row));
                    }
                    before = after;
                }
            } finally {
                store.close();
            }
        });
    }
}
