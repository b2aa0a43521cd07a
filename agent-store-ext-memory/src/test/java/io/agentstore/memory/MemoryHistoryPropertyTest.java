package io.agentstore.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.agentstore.AgentStore;
import io.agentstore.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Any sequence of updates (some backdated in valid time), compactions, rollbacks and expiries keeps every
 * version readable as of its time on both axes. The expected answers come from a model of the versions
 * written: for a valid instant V and a known instant K, the version recorded by K, valid from V or earlier,
 * with the latest valid_from (ties: the later-recorded); none when that version is an expiry.
 */
class MemoryHistoryPropertyTest {
    private static final String AGENT = "prop-agent";
    private static final List<MemoryType> TYPES = List.of(MemoryType.KNOWLEDGE, MemoryType.DEPENDENCIES);

    /** One version as the model knows it. */
    private record Known(
            MemoryType type,
            long version,
            Instant validFrom,
            Instant recordedAt,
            Map<String, Object> content,
            boolean expiry) {}

    @Test
    void everyVersionStaysReadableAsOfItsTime() {
        qt().withExamples(10).forAll(longs().all()).checkAssert(MemoryHistoryPropertyTest::run);
    }

    private static Map<String, Object> randomContent(Random r, MemoryType type) {
        Map<String, Object> doc = new LinkedHashMap<>();
        List<Object> items = new ArrayList<>();
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            if (type == MemoryType.KNOWLEDGE) {
                items.add((r.nextBoolean() ? "[x] " : "") + "todo " + r.nextInt(20));
            } else {
                items.add("pkg" + r.nextInt(8) + (r.nextBoolean() ? "@" + r.nextInt(5) + ".0" : ""));
            }
        }
        doc.put(type == MemoryType.KNOWLEDGE ? "todos" : "external", items);
        if (r.nextBoolean()) {
            doc.put("n", r.nextInt(1000));
        }
        return doc;
    }

    private static void run(long seed) {
        Random r = new Random(seed);
        MutableClock clock = MutableClock.at("2025-01-01T00:00:00Z");
        List<Known> known = new ArrayList<>();
        try (AgentStore store = AgentStore.builder()
                .inMemory()
                .clock(clock)
                .install(MemoryModule.create())
                .build()) {
            MemoryFacade m = MemoryModule.of(store);
            int ops = 6 + r.nextInt(12);
            for (int op = 0; op < ops; op++) {
                clock.advance(Duration.ofMinutes(r.nextInt(4) * 30L));
                MemoryType type = TYPES.get(r.nextInt(TYPES.size()));
                int dice = r.nextInt(100);
                List<Known> ofType =
                        known.stream().filter(k -> k.type() == type).toList();
                boolean current = m.currentMemory(AGENT, type).isPresent();
                if (dice < 50 || ofType.isEmpty()) {
                    Map<String, Object> content = randomContent(r, type);
                    Instant validFrom =
                            r.nextInt(5) == 0 ? clock.instant().minus(Duration.ofHours(r.nextInt(48))) : null;
                    Memory written = m.updateMemory(MemoryUpdate.builder(AGENT, type)
                            .content(content)
                            .validFrom(validFrom)
                            .reason("op " + op)
                            .build());
                    assertThat(written.content()).isEqualTo(content);
                    assertThat(written.validFrom()).isEqualTo(validFrom == null ? clock.instant() : validFrom);
                    known.add(known(written));
                } else if (dice < 65) {
                    boolean force = r.nextBoolean();
                    MemoryType which = r.nextBoolean() ? type : null;
                    CompactionReport report = m.compact(AGENT, which, force);
                    for (CompactedMemory c : report.compactedMemories()) {
                        Memory written = m.history(AGENT, c.type()).stream()
                                .map(MemoryChange::memory)
                                .filter(x -> x.version() == c.version())
                                .findFirst()
                                .orElseThrow();
                        assertThat(written.changeKind()).isEqualTo("compaction");
                        known.add(known(written));
                    }
                } else if (dice < 85) {
                    List<Known> withContent =
                            ofType.stream().filter(k -> !k.expiry()).toList();
                    if (withContent.isEmpty()) {
                        continue;
                    }
                    Known target = withContent.get(r.nextInt(withContent.size()));
                    Memory written = m.rollback(AGENT, type, target.version(), AuthorKind.USER, "u", null);
                    assertThat(written.content()).isEqualTo(target.content());
                    known.add(known(written));
                } else if (current) {
                    known.add(known(m.expire(AGENT, type, null, AuthorKind.SYSTEM, null, "op " + op)));
                }
            }
            check(m, known, clock.instant());
        }
    }

    private static Known known(Memory m) {
        return new Known(m.type(), m.version(), m.validFrom(), m.recordedAt(), m.content(), m.isExpired());
    }

    private static Optional<Known> expected(List<Known> known, MemoryType type, Instant validAt, Instant knownAt) {
        return known.stream()
                .filter(k -> k.type() == type
                        && !k.recordedAt().isAfter(knownAt)
                        && !k.validFrom().isAfter(validAt))
                .max(Comparator.comparing(Known::validFrom)
                        .thenComparing(Known::recordedAt)
                        .thenComparingLong(Known::version))
                .filter(k -> !k.expiry());
    }

    private static void check(MemoryFacade m, List<Known> known, Instant now) {
        Instant forever = Instant.parse("9999-12-31T00:00:00Z");
        for (MemoryType type : TYPES) {
            List<Known> ofType = known.stream()
                    .filter(k -> k.type() == type)
                    .sorted(Comparator.comparing(Known::recordedAt))
                    .toList();
            // every version is kept, in recording order, unchanged
            assertThat(m.history(AGENT, type))
                    .extracting(c -> known(c.memory()))
                    .containsExactlyElementsOf(ofType);
            assertThat(m.currentMemory(AGENT, type).map(MemoryHistoryPropertyTest::known))
                    .isEqualTo(expected(known, type, now, forever));
        }
        for (Known v : known) {
            String what = v.type() + " v" + v.version();
            // the bitemporal point of each version is that version
            Optional<Memory> point = m.memoryAsOf(AGENT, v.type(), v.validFrom(), v.recordedAt());
            if (v.expiry()) {
                assertThat(point).as(what).isEmpty();
            } else {
                assertThat(point.map(MemoryHistoryPropertyTest::known)).as(what).contains(v);
            }
            // system time: what the store held when the version was recorded
            assertThat(m.memoryAsOf(AGENT, v.type(), v.recordedAt(), TimeAxis.SYSTEM)
                            .map(MemoryHistoryPropertyTest::known))
                    .as(what + " as of its recording")
                    .isEqualTo(expected(known, v.type(), v.recordedAt(), v.recordedAt()));
            // valid time: what was true from its valid_from, by what is known now
            assertThat(m.memoryAsOf(AGENT, v.type(), v.validFrom(), TimeAxis.VALID)
                            .map(MemoryHistoryPropertyTest::known))
                    .as(what + " as of its valid time")
                    .isEqualTo(expected(known, v.type(), v.validFrom(), forever));
        }
    }
}
