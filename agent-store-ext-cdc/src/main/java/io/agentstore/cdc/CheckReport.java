package io.agentstore.cdc;

import java.util.List;

/**
 * What one {@code check} did: a line per source checked.
 *
 * @param sources the sources checked, in name order
 */
public record CheckReport(List<SourceCheck> sources) {

    /** Copies the list. */
    public CheckReport {
        sources = List.copyOf(sources);
    }

    /** Every change found, in source order. */
    public List<Change> changes() {
        return sources.stream().flatMap(s -> s.changes().stream()).toList();
    }

    /** The BREAKING changes that affect at least one registered component: what makes {@code cdc check} fail. */
    public List<Change> breakingAffectingComponents() {
        return changes().stream()
                .filter(c -> c.classification() == Classification.BREAKING
                        && !c.affectedComponents().isEmpty())
                .toList();
    }

    /**
     * One source checked.
     *
     * @param sourceName the source
     * @param checker    the checker that ran
     * @param available  whether it answered
     * @param changed    whether it changed
     * @param error      why it did not answer, or null
     * @param durationMs how long the check took
     * @param changes    the classified changes found
     */
    public record SourceCheck(
            String sourceName,
            String checker,
            boolean available,
            boolean changed,
            String error,
            long durationMs,
            List<Change> changes) {

        /** Copies the list. */
        public SourceCheck {
            changes = List.copyOf(changes);
        }
    }
}
