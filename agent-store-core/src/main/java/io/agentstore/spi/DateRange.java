package io.agentstore.spi;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;

/**
 * A span of time named by a tool argument, from {@code start} (inclusive) to {@code end} (exclusive): the one parser
 * of the date ranges the tools take (the tokens module's {@code period}, the audit module's {@code date_range}).
 * {@link #parse} accepts, in UTC and relative to the store clock's now:
 *
 * <ul>
 *   <li>{@code today}, {@code yesterday}, {@code this_month}, {@code all};
 *   <li>{@code Nd} or {@code last-Nd}: the last N days up to now ({@code 7d}, {@code last-30d});
 *   <li>a day {@code YYYY-MM-DD} or a month {@code YYYY-MM};
 *   <li>{@code START..END}: each a date ({@code YYYY-MM-DD}, its start) or an ISO-8601 instant with offset, END
 *       exclusive ({@code 2026-11-01..2026-12-01} is November).
 * </ul>
 *
 * @param start the first instant included
 * @param end   the first instant excluded, after {@code start}
 */
public record DateRange(Instant start, Instant end) {
    /** What {@link #parse} accepts, for tool descriptions and error messages. */
    public static final String FORMATS =
            "today, yesterday, this_month, all, Nd or last-Nd (the last N days, for example"
                    + " 7d), a day YYYY-MM-DD, a month YYYY-MM, or START..END (dates or ISO-8601 instants, END exclusive)";

    /** Validates. */
    public DateRange {
        Objects.requireNonNull(start, "start must not be null");
        Objects.requireNonNull(end, "end must not be null");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("end must be after start, was " + start + " .. " + end);
        }
    }

    /**
     * The range {@code text} names, relative to {@code now}.
     *
     * @param argument the tool argument it came from, named in the error
     * @throws ToolArgumentException naming {@code argument} and the text when it is not one of {@link #FORMATS}, or
     *     names an empty range
     */
    public static DateRange parse(String argument, String text, Instant now) {
        Objects.requireNonNull(argument, "argument must not be null");
        Objects.requireNonNull(now, "now must not be null");
        if (text == null || text.isBlank()) {
            throw new ToolArgumentException(argument, argument + " must be " + FORMATS + "; was '" + text + "'");
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        try {
            if (t.equals("today")) {
                return day(today);
            }
            if (t.equals("yesterday")) {
                return day(today.minusDays(1));
            }
            if (t.equals("this_month")) {
                return month(YearMonth.from(today));
            }
            if (t.equals("all")) {
                return new DateRange(Instant.EPOCH, now.plus(Duration.ofDays(1)));
            }
            if (t.matches("(last-)?\\d{1,5}d")) {
                long days = Long.parseLong(t.substring(t.startsWith("last-") ? 5 : 0, t.length() - 1));
                if (days < 1) {
                    throw new ToolArgumentException(
                            argument, argument + " must cover at least 1 day, was '" + text + "'");
                }
                return new DateRange(now.minus(Duration.ofDays(days)), now);
            }
            if (t.matches("\\d{4}-\\d{2}")) {
                return month(YearMonth.parse(t));
            }
            if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return day(LocalDate.parse(t));
            }
            if (t.contains("..")) {
                String[] parts = text.trim().split("\\.\\.", 2);
                return new DateRange(point(parts[0].trim()), point(parts[1].trim()));
            }
        } catch (DateTimeException | IllegalArgumentException e) {
            if (e instanceof ToolArgumentException tae) {
                throw tae;
            }
            throw new ToolArgumentException(
                    argument, argument + " is not valid: '" + text + "' (" + e.getMessage() + ")");
        }
        throw new ToolArgumentException(argument, argument + " must be " + FORMATS + "; was '" + text + "'");
    }

    /** A UTC day. */
    public static DateRange day(LocalDate day) {
        Objects.requireNonNull(day, "day must not be null");
        return new DateRange(
                day.atStartOfDay(ZoneOffset.UTC).toInstant(),
                day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** A UTC month. */
    public static DateRange month(YearMonth month) {
        Objects.requireNonNull(month, "month must not be null");
        return new DateRange(
                month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** A date (its start in UTC) or an ISO-8601 instant with offset. */
    private static Instant point(String s) {
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
    }
}
