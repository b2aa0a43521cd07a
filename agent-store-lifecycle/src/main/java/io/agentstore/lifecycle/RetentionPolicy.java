package io.agentstore.lifecycle;

import java.time.Instant;
import java.util.Objects;

/**
 * A retention policy and where it stands: facts of {@code factTable} older than {@code keepDays} days (by
 * {@code occurred_at}) are archived, then purged.
 *
 * @param factTable    the fact table
 * @param keepDays     days kept
 * @param cutoff       facts before this instant are due
 * @param dueRows      rows due now
 * @param archivedRows rows archived by earlier runs
 */
public record RetentionPolicy(String factTable, int keepDays, Instant cutoff, long dueRows, long archivedRows) {
    /** Checks the parts. */
    public RetentionPolicy {
        Objects.requireNonNull(factTable, "factTable must not be null");
        Objects.requireNonNull(cutoff, "cutoff must not be null");
    }
}
