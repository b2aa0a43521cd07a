package io.agentstore.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What a rescan ({@link AuditFacade#rescan()}) did.
 *
 * @param rescanId the rescan (its {@code fact_audit_redaction} rows carry it)
 * @param replaced values replaced, by rule name, in the order the rules run; empty when nothing was replaced
 * @param facts    facts rewritten
 * @param scanned  text values looked at (those holding a hint of some rule)
 * @param skipped  facts left as they were because their event id is stored more than once
 */
public record RescanReport(UUID rescanId, Map<String, Long> replaced, long facts, long scanned, long skipped) {
    /** Copies the counts. */
    public RescanReport {
        Objects.requireNonNull(rescanId, "rescanId must not be null");
        replaced = Collections.unmodifiableMap(new LinkedHashMap<>(replaced));
    }

    /** Values replaced by all rules. */
    public long total() {
        return replaced.values().stream().mapToLong(Long::longValue).sum();
    }

    /** One line per rule ({@code rule: n}) and a total line, as {@code agent-store redact --rescan} prints. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        replaced.forEach((rule, n) -> b.append(rule).append(": ").append(n).append('\n'));
        b.append("replaced ")
                .append(total())
                .append(" value(s) in ")
                .append(facts)
                .append(" fact(s); ")
                .append(scanned)
                .append(" value(s) scanned");
        if (skipped > 0) {
            b.append("; ").append(skipped).append(" fact(s) skipped (event id stored more than once)");
        }
        return b.toString();
    }
}
