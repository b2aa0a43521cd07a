package io.agentstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.agentstore.core.ApiCall;
import io.agentstore.core.CoreFacade;
import io.agentstore.core.Decision;
import io.agentstore.core.ErrorEvent;
import io.agentstore.core.FileModification;
import io.agentstore.core.IngestError;
import io.agentstore.core.IngestRun;
import io.agentstore.core.SessionEvent;
import io.agentstore.core.TaskOutcome;
import io.agentstore.core.ToolCall;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.testing.HostileRecords;
import io.agentstore.testing.Soak;
import io.agentstore.testing.StoreExtension;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every record type, built from fuzzed, mostly hostile field values ({@link HostileRecords}) and recorded
 * through its {@code store.core().record...} method (or {@code store.record} for the types without one):
 * a record is either refused by its constructor with an {@link InvalidRecordException} that names the field,
 * or stored and returned unchanged. Nothing else: no other exception, no failure inside the writer, no
 * record that comes back different. Bulk calls are all or nothing, and the writer keeps working throughout.
 */
class RecordFuzzPropertyTest {
    static final List<Class<? extends FactRecord>> TYPES = List.of(
            ToolCall.class,
            ApiCall.class,
            Decision.class,
            TaskOutcome.class,
            SessionEvent.class,
            ErrorEvent.class,
            FileModification.class,
            IngestRun.class,
            IngestError.class);

    @RegisterExtension
    static final StoreExtension MEMORY = StoreExtension.inMemory();

    static AgentStore store;
    static final AtomicLong tried = new AtomicLong();
    static final AtomicLong refused = new AtomicLong();
    static final AtomicLong stored = new AtomicLong();

    @BeforeAll
    static void open() {
        store = MEMORY.get();
    }

    @AfterAll
    static void close() {
        // the writer survived everything: it still records
        UUID last = store.core()
                .recordToolCall(ToolCall.builder().tool("still-alive").build());
        assertThat(store.find(ToolCall.class, last)).isPresent();
        System.out.printf(
                "RecordFuzzPropertyTest FIGURES: %d fuzzed records tried, %d refused with"
                        + " InvalidRecordException, %d stored and read back unchanged%n",
                tried.get(), refused.get(), stored.get());
    }

    /** Builds a record, or returns null after checking that the refusal was an InvalidRecordException naming a field. */
    private static FactRecord buildOrRefuse(HostileRecords values, Class<? extends FactRecord> type) {
        tried.incrementAndGet();
        try {
            @SuppressWarnings({"unchecked", "rawtypes"})
            FactRecord r = (FactRecord) values.build((Class) type);
            return r;
        } catch (InvalidRecordException e) {
            assertThat(e.field()).as("the refused field is named").isNotBlank();
            assertThat(e.getMessage())
                    .as("the message starts with the field")
                    .startsWith(e.field() + " ")
                    .contains("(was ");
            refused.incrementAndGet();
            return null;
        } catch (Throwable t) {
            throw new AssertionError(
                    "building a " + type.getSimpleName() + " threw " + t + " instead of an InvalidRecordException", t);
        }
    }

    /** Records through the type's own facade method, so that the public entry points are what is fuzzed. */
    private static UUID recordThroughFacade(FactRecord record) throws Throwable {
        for (Method m : CoreFacade.class.getMethods()) {
            if (m.getName().startsWith("record")
                    && m.getParameterCount() == 1
                    && m.getParameterTypes()[0] == record.getClass()) {
                try {
                    return (UUID) m.invoke(store.core(), record);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        }
        return store.record(record);
    }

    @Test
    void everyRecordIsRefusedNamingTheFieldOrStoredAndReturnedUnchanged() {
        qt().withExamples(Soak.pick(1_000, 10_000))
                .withShrinkCycles(0)
                .forAll(
                        longs().all(),
                        integers().between(0, TYPES.size() - 1),
                        doubles().between(0.0, 0.15))
                .checkAssert((seed, t, hostile) -> {
                    Class<? extends FactRecord> type = TYPES.get(t);
                    FactRecord record = buildOrRefuse(new HostileRecords(seed, hostile), type);
                    if (record == null) {
                        return;
                    }
                    UUID id;
                    try {
                        id = recordThroughFacade(record);
                    } catch (Throwable e) {
                        throw new AssertionError(
                                "a valid " + type.getSimpleName() + " (seed " + seed + ") was not recorded", e);
                    }
                    assertThat(id).isEqualTo(record.eventId());
                    FactRecord back = store.find(type, id)
                            .orElseThrow(() -> new AssertionError(type.getSimpleName() + " of seed " + seed
                                    + " was not found after it was recorded"));
                    assertThat(differences(record, back))
                            .as("%s of seed %d read back", type.getSimpleName(), seed)
                            .isEmpty();
                    stored.incrementAndGet();
                });
    }

    @Test
    void aBulkCallIsAllOrNothing() {
        qt().withExamples(Soak.pick(30, 300))
                .withShrinkCycles(0)
                .forAll(longs().all(), doubles().between(0.0, 0.05))
                .checkAssert((seed, hostile) -> {
                    HostileRecords values = new HostileRecords(seed, hostile);
                    List<FactRecord> records = new ArrayList<>();
                    for (int i = 0; i < 12; i++) {
                        FactRecord r = buildOrRefuse(values, TYPES.get(Math.floorMod(seed + i, TYPES.size())));
                        if (r != null) {
                            records.add(r);
                        }
                    }
                    // a null among the records: refused before anything is queued
                    List<FactRecord> withNull = new ArrayList<>(records);
                    withNull.add(withNull.size() / 2, null);
                    long before = factCount();
                    try {
                        store.recordAll(withNull);
                        throw new AssertionError("a null record was accepted");
                    } catch (InvalidRecordException e) {
                        assertThat(e.field()).isEqualTo("records[" + records.size() / 2 + "]");
                    }
                    assertThat(factCount())
                            .as("nothing of the refused bulk call was written")
                            .isEqualTo(before);
                    List<UUID> ids = store.recordAll(records);
                    for (int i = 0; i < records.size(); i++) {
                        FactRecord r = records.get(i);
                        assertThat(differences(
                                        r, store.find(r.getClass(), ids.get(i)).orElseThrow()))
                                .as("record %d of the bulk call", i)
                                .isEmpty();
                        stored.incrementAndGet();
                    }
                    assertThat(factCount()).isEqualTo(before + records.size());
                });
    }

    /** The components that differ, each as "name: recorded -> read back", with text escaped and shortened. */
    static List<String> differences(Object recorded, Object back) {
        List<String> result = new ArrayList<>();
        for (java.lang.reflect.RecordComponent c : recorded.getClass().getRecordComponents()) {
            try {
                Object a = c.getAccessor().invoke(recorded);
                Object b = c.getAccessor().invoke(back);
                if (c.getName().equals("occurredAt") && a == null && b != null) {
                    continue; // left out, so the store's clock filled it in
                }
                if (!java.util.Objects.equals(a, b)) {
                    result.add(c.getName() + ": " + show(a) + " -> " + show(b));
                }
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
        return result;
    }

    private static String show(Object value) {
        String text = String.valueOf(value);
        StringBuilder b = new StringBuilder();
        text.chars()
                .limit(300)
                .forEach(ch ->
                        b.append(ch < 0x20 || ch >= 0x7F ? String.format("\\u%04x", ch) : String.valueOf((char) ch)));
        return b + (text.length() > 300 ? "... (" + text.length() + " chars)" : "") + " ["
                + (value == null ? "null" : value.getClass().getSimpleName()) + "]";
    }

    private static long factCount() {
        StringBuilder sql = new StringBuilder("SELECT 0");
        for (Class<? extends FactRecord> t : TYPES) {
            sql.append(" + (SELECT count(*) FROM fact_")
                    .append(snake(t.getSimpleName()))
                    .append(")");
        }
        return store.sql(sql + " AS n").single().orElseThrow().int64("n");
    }

    private static String snake(String name) {
        String table =
                name.replace("Event", "").replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
        return switch (table) {
            case "session" -> "session_event";
            default -> table;
        };
    }
}
