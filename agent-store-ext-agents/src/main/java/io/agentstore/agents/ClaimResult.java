package io.agentstore.agents;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The answer to a claim: whether the caller holds the work now and, either way, who holds it, since when and
 * until when. A claim that lost is an answer, not an exception.
 *
 * @param claimed        whether the claiming agent holds the work now
 * @param workId         the work item
 * @param holder         the agent that holds the work (the caller when claimed, the winner otherwise)
 * @param assignmentId   the holder's assignment
 * @param since          when the holder's claim was accepted
 * @param leaseExpiresAt when the holder's claim stops holding, or empty for never
 */
public record ClaimResult(
        boolean claimed,
        String workId,
        String holder,
        UUID assignmentId,
        Instant since,
        Optional<Instant> leaseExpiresAt) {
    /** Validates. */
    public ClaimResult {
        Objects.requireNonNull(workId, "workId must not be null");
        Objects.requireNonNull(holder, "holder must not be null");
        Objects.requireNonNull(assignmentId, "assignmentId must not be null");
        Objects.requireNonNull(since, "since must not be null");
        Objects.requireNonNull(leaseExpiresAt, "leaseExpiresAt must not be null (Optional.empty() for no lease)");
    }
}
