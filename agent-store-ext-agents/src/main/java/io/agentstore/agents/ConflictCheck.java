package io.agentstore.agents;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One reason to be careful before editing a path: an open conflict on it, an agent holding work on it, or a
 * recent edit of it by a session.
 *
 * @param kind   {@code conflict}, {@code claim} or {@code recent_edit}
 * @param party  the agent (or session) concerned
 * @param other  the other party of a conflict, the session of a recent edit, or empty
 * @param seenAt when it was detected, claimed or edited
 * @param detail the conflict type, the work id or the kind of modification
 */
public record ConflictCheck(String kind, String party, Optional<String> other, Instant seenAt, String detail) {
    /** Validates. */
    public ConflictCheck {
        Objects.requireNonNull(kind, "kind must not be null");
        Objects.requireNonNull(other, "other must not be null");
    }
}
