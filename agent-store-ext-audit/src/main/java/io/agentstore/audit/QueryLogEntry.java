package io.agentstore.audit;

import io.agentstore.spi.Checks;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One query of the optional query log ({@code fact_query_log}): which CLI command or MCP tool ran it, when, by
 * which user, and the SHA-256 of its SQL text.
 *
 * @param eventId    the event id, or null for a random one
 * @param occurredAt when the query ran, or null for the store clock's instant
 * @param origin     the command or tool, for example {@code cli query} or {@code mcp search_prompts}
 * @param user       the OS user (and account, where known) that ran it, or null
 * @param sqlHash    the SHA-256 (64 hex digits) of the SQL text
 */
public record QueryLogEntry(UUID eventId, Instant occurredAt, String origin, UserRef user, String sqlHash)
        implements FactRecord {
    /** Validates the parts; a bad one throws naming it. */
    public QueryLogEntry {
        occurredAt = occurredAt == null ? null : Checks.instant("occurredAt", occurredAt);
        Checks.required("origin", origin);
        if (sqlHash == null || !sqlHash.matches("[0-9a-f]{64}")) {
            throw new InvalidRecordException("sqlHash", sqlHash, "must be 64 lower-case hex digits (SHA-256)");
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
