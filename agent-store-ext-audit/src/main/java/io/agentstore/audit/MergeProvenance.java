package io.agentstore.audit;

import io.agentstore.spi.Checks;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The provenance record of one merge that brought facts in ({@code fact_audit_merge}): written by
 * {@code agent-store merge} (agent-store-lifecycle's {@code StoreMerger}) in the merge's transaction after it verified
 * the source's audit chain, and sealed into this store's chain with the merged facts.
 *
 * @param eventId          the event id, or null for a random one
 * @param occurredAt       when the merge ran, or null for the store clock's instant
 * @param sourceStoreId    the merged store's id
 * @param sourceHost       the name its facts are grouped under
 * @param sourcePath       the {@code .duckdb} file or export folder merged
 * @param sourceChainHead  the chain hash of the source's last link (64 zeros when it had none)
 * @param sourceChainLinks the links of the source's chain
 * @param auditFactsAdded  audit facts added by the merge
 * @param factsAdded       facts added, by table
 */
public record MergeProvenance(
        UUID eventId,
        Instant occurredAt,
        UUID sourceStoreId,
        String sourceHost,
        String sourcePath,
        String sourceChainHead,
        long sourceChainLinks,
        long auditFactsAdded,
        Map<String, Long> factsAdded)
        implements FactRecord {
    /** Validates every field; a bad one throws naming it. */
    public MergeProvenance {
        occurredAt = occurredAt == null ? null : Checks.instant("occurredAt", occurredAt);
        Checks.present("sourceStoreId", sourceStoreId);
        Checks.required("sourceHost", sourceHost);
        Checks.required("sourcePath", sourcePath);
        if (sourceChainHead == null || !sourceChainHead.matches("[0-9a-f]{64}")) {
            throw new InvalidRecordException("sourceChainHead", sourceChainHead, "must be 64 lower-case hex digits");
        }
        if (sourceChainLinks < 0) {
            throw new InvalidRecordException("sourceChainLinks", sourceChainLinks, "must not be negative");
        }
        if (auditFactsAdded < 0) {
            throw new InvalidRecordException("auditFactsAdded", auditFactsAdded, "must not be negative");
        }
        if (factsAdded == null) {
            throw new InvalidRecordException("factsAdded", null, "is required (an empty map for none)");
        }
        factsAdded = Map.copyOf(new TreeMap<>(factsAdded));
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
