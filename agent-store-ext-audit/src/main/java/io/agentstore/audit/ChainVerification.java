package io.agentstore.audit;

import java.util.Optional;
import java.util.UUID;

/**
 * What {@link AuditFacade#verify()} found: the chain intact, or the first fact that was edited, removed,
 * inserted or reordered since it was sealed.
 *
 * @param links     the number of links checked
 * @param head      the chain hash of the last link (64 zeros for an empty chain)
 * @param problem   {@code edited}, {@code removed}, {@code inserted}, {@code reordered} or {@code link-edited}; empty when intact
 * @param factTable the table of the first fact with a problem, empty when intact
 * @param eventId   the event id of that fact, empty when intact
 * @param position  its position in the chain (1-based), 0 when intact
 */
public record ChainVerification(
        long links,
        String head,
        Optional<String> problem,
        Optional<String> factTable,
        Optional<UUID> eventId,
        long position) {
    /** Whether nothing was edited, removed, inserted or reordered. */
    public boolean intact() {
        return problem.isEmpty();
    }

    /**
     * Whether every sealed link is intact: the chain is intact, or its only problem is audit facts recorded after the
     * last link that were never sealed (a store closed before its next writable open sealed what an import added).
     */
    public boolean sealedIntact() {
        return intact() || (problem.get().equals("inserted") && position > links);
    }

    /** One line for people. */
    public String describe() {
        if (intact()) {
            return "intact: " + links + " audit facts, head " + head;
        }
        if (sealedIntact()) {
            return "intact: " + links + " sealed audit facts, head " + head + "; facts from position " + position
                    + " on (the first: " + factTable.orElse("?") + " "
                    + eventId.map(UUID::toString).orElse("?")
                    + ") were recorded after the last seal and are not sealed yet";
        }
        return problem.get() + ": " + factTable.orElse("?") + " "
                + eventId.map(UUID::toString).orElse("?") + " at position " + position + " of " + links;
    }
}
