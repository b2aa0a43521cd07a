package io.agentstore.agents;

import java.util.Objects;
import java.util.Optional;

/**
 * The answer to a release: whether the agent held the work and released it, and who holds it otherwise.
 *
 * @param released whether the agent's claim was ended by this call
 * @param workId   the work item
 * @param status   the work item's status after the call
 * @param holder   the agent that holds the work when the caller did not, or empty
 */
public record ReleaseResult(boolean released, String workId, String status, Optional<String> holder) {
    /** Validates. */
    public ReleaseResult {
        Objects.requireNonNull(workId, "workId must not be null");
        Objects.requireNonNull(status, "status must not be null");
        Objects.requireNonNull(holder, "holder must not be null");
    }
}
