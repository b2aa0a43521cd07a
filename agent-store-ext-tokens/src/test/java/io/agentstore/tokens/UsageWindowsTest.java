package io.agentstore.tokens;

import static io.agentstore.tokens.Stores.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.agentstore.AgentStore;
import io.agentstore.core.ApiCall;
import io.agentstore.spi.Row;
import io.agentstore.testing.MutableClock;
import io.agentstore.testing.StoreExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The 5-hour usage windows: hand-made cases and a property against a direct implementation of the rule. */
class UsageWindowsTest {
    private final MutableClock clock = MutableClock.at("2000-01-01T00:00:00Z");

    @RegisterExtension
    final StoreExtension stores = Stores.store(clock);

    private static List<String> windows(AgentStore store, Instant from, Instant to) {
        return store
                .sql(
                        "SELECT window_start, calls FROM v_usage_windows WHERE window_start >= ? AND window_start < ?"
                                + " ORDER BY window_start",
                        from,
                        to)
                .rows()
                .stream()
                .map(r -> r.instant("window_start") + "x" + r.int64("calls"))
                .toList();
    }

    /** The rule, directly (as ccusage applies it to sorted calls). */
    static List<String> reference(List<Instant> sorted) {
        List<String> result = new ArrayList<>();
        Instant start = null;
        Instant last = null;
        int n = 0;
        for (Instant t : sorted) {
            if (start == null
                    || t.isAfter(start.plus(Duration.ofHours(5)))
                    || t.isAfter(last.plus(Duration.ofHours(5)))) {
                if (start != null) {
                    result.add(start + "x" + n);
                }
                start = t.truncatedTo(ChronoUnit.HOURS);
                n = 0;
            }
            last = t;
            n++;
        }
        if (start != null) {
            result.add(start + "x" + n);
        }
        return result;
    }

    @Test
    @SuppressWarnings("unchecked")
    void windowsStartAtTheHourAndRollOverAfterFiveHoursOrAGap() {
        clock.set("2025-01-02T12:00:00Z");
        AgentStore store = stores.get();
        store.recordAll(List.of(
                call("claude-sonnet-4-5", "2025-01-01T10:30:00Z")
                        .tokens(100, 10)
                        .build(),
                // exactly 5 hours after the window's start: still the 10:00 window
                call("claude-sonnet-4-5", "2025-01-01T15:00:00Z")
                        .tokens(100, 10)
                        .build(),
                // 5 h 31 min after the start: a new window at 15:00
                call("claude-sonnet-4-5", "2025-01-01T15:31:00Z")
                        .tokens(100, 10)
                        .build(),
                call("claude-sonnet-4-5", "2025-01-01T19:00:00Z")
                        .tokens(100, 10)
                        .build(),
                // 5 h 40 min after 15:00: a new window at 20:00
                call("claude-sonnet-4-5", "2025-01-01T20:40:00Z")
                        .tokens(100, 10)
                        .build(),
                // a gap of 6 h 20 min: a new window at 03:00
                call("claude-haiku-4-5", "2025-01-02T03:00:00Z").tokens(100, 10).build()));
        assertThat(windows(store, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z")))
                .containsExactly(
                        "2025-01-01T10:00:00Zx2",
                        "2025-01-01T15:00:00Zx2",
                        "2025-01-01T20:00:00Zx1",
                        "2025-01-02T03:00:00Zx1");
        Row last = store.sql("SELECT * FROM v_usage_windows ORDER BY window_start DESC LIMIT 1")
                .single()
                .orElseThrow();
        assertThat(last.instant("window_end")).isEqualTo(Instant.parse("2025-01-02T08:00:00Z"));
        assertThat(last.instant("last_call_at")).isEqualTo(Instant.parse("2025-01-02T03:00:00Z"));
        assertThat(last.bool("is_active")).isFalse();
        assertThat((List<Object>) last.get("models")).containsExactly("claude-haiku-4-5");
        // haiku-4-5: 100 × $1/M + 10 × $5/M = 0.0001 + 0.00005
        assertThat(last.decimal("cost_usd")).isEqualByComparingTo("0.00015");
        clock.set("2025-01-02T07:59:59Z");
        assertThat(store.sql("SELECT window_start FROM v_usage_windows WHERE is_active")
                        .single()
                        .orElseThrow()
                        .instant("window_start"))
                .isEqualTo(Instant.parse("2025-01-02T03:00:00Z"));
    }

    @Test
    void aGapOfExactlyFiveHoursKeepsTheWindowOpen() {
        clock.set("2025-02-01T00:00:00Z");
        AgentStore store = stores.get();
        store.recordAll(List.of(
                call("m", "2025-01-01T00:10:00Z").build(),
                call("m", "2025-01-01T05:10:00Z").build()));
        // 05:10 is 5 h 10 min after the 00:00 start: a new window, at 05:00
        assertThat(windows(store, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z")))
                .containsExactly("2025-01-01T00:00:00Zx1", "2025-01-01T05:00:00Zx1");
        store.recordAll(List.of(
                call("m", "2025-01-05T00:00:00Z").build(),
                call("m", "2025-01-05T04:00:00Z").build(),
                call("m", "2025-01-05T04:59:59.999999Z").build()));
        assertThat(windows(store, Instant.parse("2025-01-05T00:00:00Z"), Instant.parse("2100-01-01T00:00:00Z")))
                .containsExactly("2025-01-05T00:00:00Zx3");
    }

    @Test
    void windowsFollowTheRuleForAnyCalls() {
        AtomicInteger example = new AtomicInteger();
        clock.set("2030-01-01T00:00:00Z");
        AgentStore store = stores.get();
        // each example lives in its own 1000-day stretch, far from the others' calls
        qt().withExamples(40)
                .withShrinkCycles(0)
                // on a 10-minute grid, so that calls fall exactly on hours and 5-hour marks
                .forAll(lists().of(integers().between(0, 30 * 6)).ofSizeBetween(1, 25))
                .checkAssert(offsets -> {
                    Instant base = Instant.parse("2000-01-01T00:00:00Z")
                            .plus(Duration.ofDays(1000L * example.getAndIncrement()));
                    List<Instant> times = offsets.stream()
                            .map(s -> base.plusSeconds(s * 600L))
                            .sorted()
                            .toList();
                    List<ApiCall> calls = times.stream()
                            .map(t -> ApiCall.builder().model("m").occurredAt(t).build())
                            .toList();
                    store.recordAll(calls);
                    assertThat(windows(store, base, base.plus(Duration.ofDays(1000))))
                            .as("calls at %s", times)
                            .isEqualTo(reference(times));
                });
    }
}
