package io.agentstore.audit;

import io.agentstore.spi.Checks;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One link of the audit hash chain ({@code fact_audit_chain}): the audit fact it covers, the hash of that
 * fact's content, the previous link's chain hash and its own. Written by {@link AuditFacade#seal()}.
 *
 * @param eventId      the link's event id
 * @param occurredAt   when it was sealed
 * @param seq          its position, from 1
 * @param factTable    the audit fact's table
 * @param factEventId  the audit fact's event id
 * @param contentHash  SHA-256 of the fact's content
 * @param previousHash the previous link's chain hash (64 zeros for the first)
 * @param chainHash    SHA-256 of {@code previousHash + contentHash}
 */
public record ChainLink(
        UUID eventId,
        Instant occurredAt,
        long seq,
        String factTable,
        UUID factEventId,
        String contentHash,
        String previousHash,
        String chainHash)
        implements FactRecord {
    /** Validates the parts. */
    public ChainLink {
        if (seq < 1) {
            throw new InvalidRecordException("seq", seq, "must be >= 1");
        }
        Checks.required("factTable", factTable);
        Objects.requireNonNull(factEventId, "factEventId must not be null");
        Checks.required("contentHash", contentHash);
        Checks.required("previousHash", previousHash);
        Checks.required("chainHash", chainHash);
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
