package io.agentstore.cdc.diff;

import io.agentstore.cdc.Classification;
import java.util.Objects;

/**
 * One change a differ found, with the rule that classifies it.
 *
 * @param rule     the rule that fired
 * @param subject  what changed: a JSON-pointer-like path, an endpoint, a column, a heading or a package
 * @param method   the HTTP method of an API change, or null
 * @param oldValue the old value (a type, an enum value, a version), or null
 * @param newValue the new value, or null
 * @param summary  one line for people
 */
public record DetectedChange(
        Rule rule, String subject, String method, String oldValue, String newValue, String summary) {

    /** Validates. */
    public DetectedChange {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(summary, "summary");
    }

    /** The rule's classification. */
    public Classification classification() {
        return rule.classification();
    }

    /** {@code rule subject [method]}: a stable one-line key of the change, as the expected-change files list it. */
    public String key() {
        return rule.id() + " " + (method == null ? "" : method + " ") + subject;
    }
}
