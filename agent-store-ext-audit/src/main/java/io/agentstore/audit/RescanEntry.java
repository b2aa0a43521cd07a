package io.agentstore.audit;

import io.agentstore.spi.Checks;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What one rescan ({@link AuditFacade#rescan()}) replaced in one column of one stored fact by one rule
 * ({@code fact_audit_redaction}). For a fact the audit hash chain covers, the content hashes before and after
 * the rewrite: the re-seal that lets {@code verify} accept it.
 *
 * @param eventId           the entry's event id
 * @param occurredAt        when the rescan ran, or null for the store clock's instant
 * @param rescanId          the rescan
 * @param factTable         the fact's table
 * @param factEventId       the fact
 * @param columnName        the rewritten column
 * @param rule              the rule's name
 * @param replaced          values the rule replaced there, at least 1
 * @param contentHashBefore the fact's content hash before the rewrite (chained facts), or null
 * @param contentHashAfter  its content hash after, or null (both or neither)
 */
public record RescanEntry(
        UUID eventId,
        Instant occurredAt,
        UUID rescanId,
        String factTable,
        UUID factEventId,
        String columnName,
        String rule,
        long replaced,
        String contentHashBefore,
        String contentHashAfter)
        implements FactRecord {
    /** Validates the parts; a bad one throws naming it. */
    public RescanEntry {
        occurredAt = occurredAt == null ? null : Checks.instant("occurredAt", occurredAt);
        if (rescanId == null) {
            throw new InvalidRecordException("rescanId", null, "is required");
        }
        Checks.required("factTable", factTable);
        if (factEventId == null) {
            throw new InvalidRecordException("factEventId", null, "is required");
        }
        Checks.required("columnName", columnName);
        Checks.required("rule", rule);
        if (replaced < 1) {
            throw new InvalidRecordException("replaced", replaced, "must be >= 1");
        }
        if ((contentHashBefore == null) != (contentHashAfter == null)) {
            throw new InvalidRecordException(
                    "contentHashAfter", contentHashAfter, "must be set exactly when contentHashBefore is");
        }
    }

    @Override
    public UUID supersedesEventId() {
        return null;
    }

    @Override
    public Map<String, Object> attributes() {
        return Map.of();
    }
}
