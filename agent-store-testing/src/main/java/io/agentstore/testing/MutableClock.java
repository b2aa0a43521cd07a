package io.agentstore.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A test clock that only moves when told to, in UTC; safe to read from the writer thread. Give it to a store
 * ({@code StoreExtension.inMemory().clock(clock)}) so that "now", recorded-at instants and rolling windows
 * are what the test says, never the wall clock.
 */
public final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;

    /** A clock standing at {@code start}. */
    public MutableClock(Instant start) {
        this.now = new AtomicReference<>(Objects.requireNonNull(start, "start must not be null"));
    }

    /** A clock standing at {@code instant}, an ISO-8601 instant such as {@code 2025-06-15T12:00:00Z}. */
    public static MutableClock at(String instant) {
        return new MutableClock(Instant.parse(Objects.requireNonNull(instant, "instant must not be null")));
    }

    /** Moves the clock forward by {@code step} and returns the new instant. */
    public Instant advance(Duration step) {
        Objects.requireNonNull(step, "step must not be null");
        return now.updateAndGet(i -> i.plus(step));
    }

    /** Sets the clock. */
    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant must not be null"));
    }

    /** Sets the clock to an ISO-8601 instant such as {@code 2025-06-15T12:00:00Z}. */
    public void set(String instant) {
        set(Instant.parse(Objects.requireNonNull(instant, "instant must not be null")));
    }

    /** UTC, always. */
    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** This clock: it has one zone, UTC. */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    /** Where the clock stands. */
    @Override
    public Instant instant() {
        return now.get();
    }

    /** The instant, for failure messages. */
    @Override
    public String toString() {
        return "MutableClock[" + now.get() + "]";
    }
}
