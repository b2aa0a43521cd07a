package io.agentstore.bench;

/**
 * The reference queries every contender answers, each in its own dialect. Their answers are reduced to the
 * same canonical rows ({@link Answers}) and compared.
 */
public enum Query {
    /** {@code most_used_tools_30d.sql}: invocations, failures and mean duration per tool, last 30 days. */
    TOOLS_30D("most used tools, 30 days", true),
    /** {@code cost_per_agent_30d.sql}: calls and derived cost per agent, last 30 days. */
    COST_PER_AGENT_30D("cost per agent, 30 days", true),
    /** {@code what_did_i_try_on_this_file.sql} on the most frequent file: its last 10 actions. */
    LAST10_HOT_FILE("last 10 actions, hot file", false),
    /** {@code what_did_i_try_on_this_file.sql} on a file seen once or twice: its last actions. */
    LAST10_RARE_FILE("last 10 actions, rare file", false),
    /** {@code cache_hit_rate_30d.sql}: calls, input tokens, cache reads and hit rate per UTC day. */
    DAILY_TOKENS_CACHE_30D("daily tokens and cache hit rate, 30 days", true),
    /** {@code tool_failure_patterns_30d.sql}: failures per tool and error type, last 30 days. */
    FAILURES_30D("tool failure patterns, 30 days", true);

    private final String title;
    private final boolean aggregate;

    Query(String title, boolean aggregate) {
        this.title = title;
        this.aggregate = aggregate;
    }

    /** What the query answers, for the report. */
    public String title() {
        return title;
    }

    /** Whether it aggregates over a window (the ≤ 10 ms target) rather than looking up one file. */
    public boolean aggregate() {
        return aggregate;
    }
}
