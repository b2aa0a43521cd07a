package io.agentstore.tokens;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Objects;

/**
 * What a budget applies to: a session, a UTC day, a UTC month, the current 5-hour usage window, or a
 * component. Days, months and windows without an explicit date are the ones containing the store clock's now.
 *
 * @param kind      the kind of scope
 * @param subject   the session id or component name; null for time scopes
 * @param date      the day of a {@link Kind#DAY} scope, or null for today
 * @param yearMonth the month of a {@link Kind#MONTH} scope, or null for this month
 */
public record BudgetScope(Kind kind, String subject, LocalDate date, YearMonth yearMonth) {

    /** The kinds of scope. */
    public enum Kind {
        /** One session: everything its API calls used. No end, so the forecast is what it used. */
        SESSION,
        /** One UTC day. */
        DAY,
        /** One UTC month. */
        MONTH,
        /** The 5-hour usage window in effect now (see {@code v_usage_windows}). */
        FIVE_HOUR_WINDOW,
        /**
         * One component: in tokens its size (latest measurement, else its average input per invocation); in USD
         * the cost allocated to it. The burn rate is its token use per hour over the last 7 days.
         */
        COMPONENT
    }

    /** Validates. */
    public BudgetScope {
        Objects.requireNonNull(kind, "kind must not be null");
        if ((kind == Kind.SESSION || kind == Kind.COMPONENT) && (subject == null || subject.isBlank())) {
            throw new IllegalArgumentException("a " + kind + " scope needs a non-blank subject, was " + subject);
        }
    }

    /** A session. */
    public static BudgetScope session(String sessionId) {
        return new BudgetScope(Kind.SESSION, sessionId, null, null);
    }

    /** Today (UTC, on the store clock). */
    public static BudgetScope day() {
        return new BudgetScope(Kind.DAY, null, null, null);
    }

    /** A UTC day. */
    public static BudgetScope day(LocalDate day) {
        return new BudgetScope(Kind.DAY, null, Objects.requireNonNull(day, "day must not be null"), null);
    }

    /** This month (UTC, on the store clock). */
    public static BudgetScope month() {
        return new BudgetScope(Kind.MONTH, null, null, null);
    }

    /** A UTC month. */
    public static BudgetScope month(YearMonth month) {
        return new BudgetScope(Kind.MONTH, null, null, Objects.requireNonNull(month, "month must not be null"));
    }

    /** The 5-hour window in effect now. */
    public static BudgetScope fiveHourWindow() {
        return new BudgetScope(Kind.FIVE_HOUR_WINDOW, null, null, null);
    }

    /** A component, by name. */
    public static BudgetScope component(String componentName) {
        return new BudgetScope(Kind.COMPONENT, componentName, null, null);
    }
}
