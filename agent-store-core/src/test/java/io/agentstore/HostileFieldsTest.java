package io.agentstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.core.AgentRef;
import io.agentstore.core.TaskRef;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.testing.HostileRecords;
import io.agentstore.testing.RandomRecords;
import io.agentstore.testing.Soak;
import io.agentstore.testing.StoreExtension;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hand-picked hostile values put into every field of every core record type, one field at a time (text fields
 * of the nested agent and task included): a 10 MB string, every control character, NUL, unpaired surrogates,
 * the largest and negative numbers, the first and last instants DuckDB keeps and instants beyond them. Each
 * record is either refused by its constructor with an {@link InvalidRecordException} naming exactly that
 * field, or stored and returned unchanged. Only enumerations (severity, outcome, modification type) may
 * refuse text that is valid in free-text fields.
 */
class HostileFieldsTest {
    private static final Set<String> ENUMERATIONS = Set.of("severity", "outcome", "modificationType");
    private static final String TEN_MB = "y".repeat(10 * 1024 * 1024 - 4) + "\uD83D\uDE42é!";

    @RegisterExtension
    static final StoreExtension FILES = StoreExtension.file().fileName("hostile.duckdb");

    static AgentStore store;
    static int stored;
    static int refused;

    @BeforeAll
    static void open() {
        store = FILES.get();
    }

    @AfterAll
    static void close() {
        System.out.printf(
                "HostileFieldsTest FIGURES: %d hand-written hostile records, %d stored and read back"
                        + " unchanged, %d refused naming the field%n",
                stored + refused, stored, refused);
    }

    /** A record of the {@code type}-th core type with natural keys (agent, task, session, tool, file, model) of its own. */
    private static Record base(long seed, int type) {
        RandomRecords r = new RandomRecords(seed, false);
        return (Record)
                switch (type) {
                    case 0 -> r.toolCall();
                    case 1 -> r.apiCall();
                    case 2 -> r.decision();
                    case 3 -> r.taskOutcome();
                    case 4 -> r.sessionEvent();
                    case 5 -> r.error();
                    case 6 -> r.fileModification();
                    case 7 -> r.ingestRun();
                    default -> r.ingestError();
                };
    }

    private static final int TYPES = 9;

    /**
     * Puts {@code value(field)} into every component of type {@code type} of a record of every core type, and
     * into the text fields of its agent and task; checks each outcome. Every variant starts from a new record
     * with natural keys of its own: a dimension member keeps the attributes it was first given, so variants
     * sharing a session or an agent would read back each other's.
     */
    private static void everyField(long seed, Class<?> type, Function<String, Object> value, boolean mayBeRefused) {
        long variant = seed << 20;
        for (int t = 0; t < TYPES; t++) {
            for (RecordComponent c : base(seed, t).getClass().getRecordComponents()) {
                if (c.getType() == type) {
                    Record base = base(variant++, t);
                    check(
                            base,
                            c.getName(),
                            () -> with(base, c.getName(), value.apply(c.getName())),
                            mayBeRefused || ENUMERATIONS.contains(c.getName()));
                } else if (type == String.class && (c.getType() == AgentRef.class || c.getType() == TaskRef.class)) {
                    String prefix = c.getType() == AgentRef.class ? "agent." : "task.";
                    for (RecordComponent n : c.getType().getRecordComponents()) {
                        Record base = base(variant++, t);
                        Record template = c.getType() == AgentRef.class
                                ? AgentRef.of("agent-" + UUID.randomUUID())
                                : TaskRef.of("task-" + UUID.randomUUID(), null);
                        check(
                                base,
                                prefix + n.getName(),
                                () -> with(base, c.getName(), with(template, n.getName(), value.apply(n.getName()))),
                                mayBeRefused);
                    }
                }
            }
        }
    }

    private interface Build {
        Record build() throws Throwable;
    }

    private static void check(Record base, String field, Build build, boolean mayBeRefused) {
        String what = base.getClass().getSimpleName() + "." + field;
        FactRecord record;
        try {
            // each variant of a base record gets an event id of its own, so that find() meets only it
            record = (FactRecord) with(build.build(), "eventId", UUID.randomUUID());
        } catch (InvalidRecordException e) {
            assertThat(mayBeRefused)
                    .as("%s was refused: %s", what, e.getMessage())
                    .isTrue();
            // a rule between two fields (endOffset >= startOffset) names the other one, and this one in its message
            assertThat(e.field().equals(field) || e.getMessage().contains(field))
                    .as("%s: the refusal names the field: %s", what, e.getMessage())
                    .isTrue();
            refused++;
            return;
        } catch (Throwable t) {
            throw new AssertionError(
                    what + ": the constructor threw " + t + " instead of an InvalidRecordException", t);
        }
        UUID id = store.record(record);
        FactRecord back = store.find(record.getClass(), id).orElseThrow();
        assertThat(RecordFuzzPropertyTest.differences(record, back))
                .as("%s read back", what)
                .isEmpty();
        stored++;
    }

    @Test
    void aTenMegabyteStringInAnyTextFieldIsStoredAndReturnedUnchanged() throws Throwable {
        Function<String, Object> huge = field -> isKey(field) ? TEN_MB + UUID.randomUUID() : TEN_MB;
        if (Soak.on()) {
            everyField(1, String.class, huge, false);
            return;
        }
        // The normal build: one record per type with every text field (and its agent's and task's) 10 MB long,
        // except that a natural key (half a second each: the writer looks it up and indexes it) is 10 MB the
        // first time a key field name comes up and 64 KB after that.
        Set<String> keysDone = new java.util.HashSet<>();
        Function<String, Object> hugeOnce = field ->
                !isKey(field) ? TEN_MB : (keysDone.add(field) ? TEN_MB : "k".repeat(65_536)) + UUID.randomUUID();
        for (int t = 0; t < TYPES; t++) {
            Record r = base(t + 1, t);
            List<String> fields = new java.util.ArrayList<>();
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                if (c.getType() == String.class && !ENUMERATIONS.contains(c.getName())) {
                    r = with(r, c.getName(), hugeOnce.apply(c.getName()));
                    fields.add(c.getName());
                } else if (c.getType() == AgentRef.class) {
                    r = with(r, c.getName(), new AgentRef((String) hugeOnce.apply("name"), TEN_MB, TEN_MB));
                    fields.add("agent.*");
                } else if (c.getType() == TaskRef.class) {
                    r = with(r, c.getName(), new TaskRef((String) hugeOnce.apply("id"), TEN_MB, TEN_MB));
                    fields.add("task.*");
                }
            }
            Record all = r;
            check(all, String.join(", ", fields), () -> all, false);
        }
    }

    /** Whether a field is the natural key of a dimension (or could be: every name and id). */
    private static boolean isKey(String field) {
        return field.equals("name")
                || field.equals("id")
                || field.endsWith("Id")
                || field.equals("toolName")
                || field.equals("model")
                || field.endsWith("Path");
    }

    @Test
    void everyControlCharacterInAnyTextFieldIsStoredAndReturnedUnchanged() {
        everyField(2, String.class, field -> HostileRecords.CONTROL_CHARACTERS + UUID.randomUUID(), false);
    }

    @Test
    void nulAndUnpairedSurrogatesInAnyTextFieldAreRefusedNamingIt() {
        for (String bad : List.of("a\u0000b", "\uD800", "x\uDC00y", "\uDE42\uD83D", "ends\uD83D")) {
            int before = refused;
            everyField(3, String.class, field -> bad, true);
            assertThat(refused)
                    .as("refusals of %s", bad.replace("\u0000", "\\0"))
                    .isGreaterThan(before);
        }
        assertThat(stored).as("no such text was stored").isZero();
    }

    @Test
    void theLargestNumbersAreStoredUnlessTheyOverflowWhatTheViewsComputeAndNegativeOnesAreRefused() {
        int storedBefore = stored;
        everyField(4, Long.class, field -> Long.MAX_VALUE, true);
        everyField(5, long.class, field -> Long.MAX_VALUE, true);
        everyField(6, long.class, field -> io.agentstore.spi.Checks.MAX_TOKENS, true);
        everyField(6, Long.class, field -> io.agentstore.spi.Checks.MAX_TOKENS, true);
        assertThat(stored - storedBefore).as("large numbers stored").isGreaterThan(20);
        int before = refused;
        everyField(7, Long.class, field -> -1L, true);
        everyField(8, long.class, field -> Long.MIN_VALUE, true);
        assertThat(refused - before).as("negative counts refused").isPositive();
    }

    @Test
    void instantsFromYearOneToYearNineThousandNineHundredNinetyNineAreKeptToTheMicrosecondOthersRefused() {
        for (Instant ok : List.of(
                Instant.parse("0001-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999Z"),
                Instant.parse("1969-12-31T23:59:59.999999Z"),
                Instant.EPOCH)) {
            everyField(9, Instant.class, field -> ok, false);
        }
        for (Instant bad : List.of(
                Instant.MIN,
                Instant.MAX,
                Instant.parse("0000-12-31T23:59:59.999999Z"),
                Instant.parse("+10000-01-01T00:00:00Z"))) {
            int before = refused;
            everyField(10, Instant.class, field -> bad, true);
            assertThat(refused - before).as("refusals of %s", bad).isEqualTo(9);
        }
    }

    private static Object get(Record r, RecordComponent c) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** A copy of {@code r} with {@code component} set to {@code value}, through the canonical constructor. */
    private static Record with(Record r, String component, Object value) throws Throwable {
        RecordComponent[] cs = r.getClass().getRecordComponents();
        Object[] args = new Object[cs.length];
        for (int i = 0; i < cs.length; i++) {
            args[i] = cs[i].getName().equals(component) ? value : get(r, cs[i]);
        }
        Constructor<?> ctor = r.getClass()
                .getDeclaredConstructor(
                        Arrays.stream(cs).map(RecordComponent::getType).toArray(Class<?>[]::new));
        try {
            return (Record) ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
