package io.agentstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.agentstore.spi.FactRecord;
import io.agentstore.testing.RandomRecords;
import io.agentstore.testing.StoreExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What is recorded comes back unchanged, for every core record type. */
class RecordRoundTripPropertyTest {
    @RegisterExtension
    static final StoreExtension MEMORY = StoreExtension.inMemory();

    static AgentStore store;

    @BeforeAll
    static void open() {
        store = MEMORY.get();
    }

    @Test
    void everyRecordTypeRoundTrips() {
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            FactRecord record = new RandomRecords(seed, false).any();
            UUID id = store.record(record);
            assertThat(id).isEqualTo(record.eventId());
            assertThat(store.find(FactRecord.class.cast(record).getClass(), id).map(Object.class::cast))
                    .contains(record);
        });
    }

    @Test
    void bulkRecordsRoundTripInOrder() {
        qt().withExamples(20).forAll(longs().all()).checkAssert(seed -> {
            RandomRecords random = new RandomRecords(seed, false);
            List<FactRecord> records = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                records.add(random.any());
            }
            List<UUID> ids = store.recordAll(records);
            for (int i = 0; i < records.size(); i++) {
                assertThat(store.find(records.get(i).getClass(), ids.get(i)).map(Object.class::cast))
                        .contains(records.get(i));
            }
        });
    }
}
