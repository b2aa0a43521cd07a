package io.agentstore.cdc.diff;

import io.agentstore.cdc.Classification;
import java.util.Objects;
import java.util.Optional;

/**
 * A classification rule of a differ: its id (stored in {@code fact_change.rule_id}), the classification it
 * gives, the change type it names and, for the rules the README marks as inverse pairs, the rule that fires when
 * the two versions are swapped (which then has the opposite classification: BREAKING and ADDITIVE swap).
 *
 * @param id             the rule id, {@code <differ>.<kind>}, for example {@code openapi.operation_removed}
 * @param differ         the differ that applies it ({@code openapi}, {@code json_schema}, ...)
 * @param classification what it classifies the change as
 * @param changeType     the change type, for example {@code operation_removed}
 * @param description    the rule in words, as the README states it
 * @param inverse        the id of the inverse rule, or null
 */
public record Rule(
        String id,
        String differ,
        Classification classification,
        String changeType,
        String description,
        String inverse) {

    /** Validates. */
    public Rule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(differ, "differ");
        Objects.requireNonNull(classification, "classification");
        Objects.requireNonNull(changeType, "changeType");
        Objects.requireNonNull(description, "description");
    }

    /** The inverse rule's id, for an inverse pair. */
    public Optional<String> inverseId() {
        return Optional.ofNullable(inverse);
    }
}
