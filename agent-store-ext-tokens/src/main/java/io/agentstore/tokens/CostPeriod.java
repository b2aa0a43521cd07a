package io.agentstore.tokens;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A span of time for a cost report: from {@code start} (inclusive) to {@code end} (exclusive).
 *
 * @param start the first instant included
 * @param end   the first instant excluded, after {@code start}
 */
public record CostPeriod(Instant start, Instant end) {

    /** Validates. */
    public CostPeriod {
        Objects.requireNonNull(start, "start must not be null");
        Objects.requireNonNull(end, "end must not be null");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("end must be after start, was " + start + " .. " + end);
        }
    }

    /** A UTC day. */
    public static CostPeriod day(LocalDate day) {
        Objects.requireNonNull(day, "day must not be null");
        return new CostPeriod(
                day.atStartOfDay(ZoneOffset.UTC).toInstant(),
                day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** A UTC month. */
    public static CostPeriod month(YearMonth month) {
        Objects.requireNonNull(month, "month must not be null");
        return new CostPeriod(
                month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** The {@code length} before {@code end}, for example the last 7 days before the store clock's now. */
    public static CostPeriod before(Instant end, Duration length) {
        Objects.requireNonNull(end, "end must not be null");
        Objects.requireNonNull(length, "length must not be null");
        return new CostPeriod(end.minus(length), end);
    }

    /** From {@code start} to {@code end}. */
    public static CostPeriod between(Instant start, Instant end) {
        return new CostPeriod(start, end);
    }
}
