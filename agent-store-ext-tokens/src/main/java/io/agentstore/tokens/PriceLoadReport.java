package io.agentstore.tokens;

import java.util.List;

/**
 * What loading prices did: the versions it added, how many were already in effect, and the ones it skipped
 * because they would have applied before the version now current (history is never rewritten: give a later
 * effective date, or correct the current version with a newer one).
 *
 * @param added     the price versions recorded
 * @param unchanged how many were already in effect (same prices), so added nothing
 * @param skipped   versions dated before the current version of their model, not recorded
 */
public record PriceLoadReport(List<ModelPrice> added, int unchanged, List<ModelPrice> skipped) {
    /** Copies the lists. */
    public PriceLoadReport {
        added = List.copyOf(added);
        skipped = List.copyOf(skipped);
    }
}
