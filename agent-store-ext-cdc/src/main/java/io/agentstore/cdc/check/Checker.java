package io.agentstore.cdc.check;

/**
 * A pluggable checker of one kind of location. It never throws for a source that is down, slow or garbled: it
 * answers {@link CheckResult#unavailable}, and the caller records a check fact either way.
 */
public interface Checker {

    /** The checker's id, stored in {@code fact_watermark_check.checker}: {@code http}, {@code file}, {@code git}. */
    String id();

    /** Whether this checker handles {@code location} for a source of {@code sourceType}. */
    boolean accepts(String sourceType, String location);

    /** Checks {@code location} against what the previous check left. */
    CheckResult check(String location, Baseline baseline);
}
