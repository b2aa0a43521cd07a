package io.agentstore.tokens;

import java.util.Locale;

/** What a cost report is broken down by. */
public enum CostBreakdown {
    /** UTC day, {@code 2025-06-18}. */
    DAY,
    /** UTC month, {@code 2025-06}. */
    MONTH,
    /** Model name. */
    MODEL,
    /** Provider. */
    PROVIDER,
    /** Agent name. */
    AGENT,
    /** Task id. */
    TASK,
    /** Task type. */
    TASK_TYPE,
    /** Session id. */
    SESSION;

    /** The name the {@code cost_report.sql} query takes. */
    public String sqlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
