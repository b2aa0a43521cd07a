package io.agentstore.cdc;

import java.time.Instant;
import java.util.Optional;

/**
 * How fresh a skill is with respect to its sources ({@code v_skill_freshness}).
 *
 * @param skillName       the skill
 * @param lastChangeAt    the last change detected in its sources, or null
 * @param lastValidatedAt its last validation, or null
 * @param breakingChanges BREAKING changes since that validation (all, when never validated)
 * @param additiveChanges ADDITIVE changes since that validation
 * @param stale           whether a change came after the last validation (or it was never validated)
 */
public record SkillFreshness(
        String skillName,
        Instant lastChangeAt,
        Instant lastValidatedAt,
        long breakingChanges,
        long additiveChanges,
        boolean stale) {

    /** The last validation, if any. */
    public Optional<Instant> validatedAt() {
        return Optional.ofNullable(lastValidatedAt);
    }
}
