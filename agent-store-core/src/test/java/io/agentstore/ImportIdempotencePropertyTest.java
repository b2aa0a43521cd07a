package io.agentstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.agentstore.spi.FactRecord;
import io.agentstore.spi.Row;
import io.agentstore.testing.RandomRecords;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Imports are idempotent: importing any overlapping batches, in any order, stores each event id once. */
class ImportIdempotencePropertyTest {

    @Test
    void importingTwiceOrOverlappingChangesNothing() {
        qt().withExamples(15).forAll(longs().all()).checkAssert(seed -> {
            Random random = new Random(seed);
            RandomRecords records = new RandomRecords(seed, true);
            List<FactRecord> all = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                all.add(records.any());
            }
            Set<UUID> ids = new HashSet<>();
            all.forEach(r -> ids.add(r.eventId()));
            try (AgentStore store = AgentStore.builder().inMemory().build()) {
                long first = 0;
                for (int round = 0; round < 4; round++) {
                    List<FactRecord> slice = new ArrayList<>(all.subList(random.nextInt(30), 30 + random.nextInt(31)));
                    slice.addAll(slice.subList(0, random.nextInt(slice.size())));
                    Collections.shuffle(slice, random);
                    first += store.importAll(slice);
                }
                first += store.importAll(all);
                assertThat(first).isEqualTo(ids.size());
                assertThat(store.importAll(all)).isZero();
                long stored = 0;
                for (String table : List.of(
                        "fact_tool_call",
                        "fact_api_call",
                        "fact_decision",
                        "fact_task_outcome",
                        "fact_session_event",
                        "fact_error",
                        "fact_file_modification",
                        "fact_ingest_run",
                        "fact_ingest_error")) {
                    Row r = store.sql("SELECT count(*) AS n, count(DISTINCT event_id) AS d FROM " + table)
                            .single()
                            .orElseThrow();
                    assertThat(r.int64("n")).as(table).isEqualTo(r.int64("d"));
                    stored += r.int64("n");
                }
                assertThat(stored).isEqualTo(ids.size());
            }
        });
    }
}
