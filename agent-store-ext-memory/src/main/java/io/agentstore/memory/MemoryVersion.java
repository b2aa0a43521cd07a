package io.agentstore.memory;

import io.agentstore.memory.internal.Fields;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One version of one typed memory of an agent, stored in {@code fact_memory_version}. The facade writes
 * these ({@link MemoryFacade#updateMemory(MemoryUpdate)}, rollback, compaction, expiry, import) and numbers
 * them; recording one directly must keep {@link #version()} one above the agent's latest of that type.
 *
 * @param eventId           see {@link FactRecord#eventId()}
 * @param occurredAt        when the change was made
 * @param supersedesEventId see {@link FactRecord#supersedesEventId()}; memory versions never correct each other
 * @param agent             the agent (required)
 * @param sessionId         the session in which it changed, or null
 * @param type              the memory type (required)
 * @param version           1, 2, ... per agent and type
 * @param validFrom         when the content became true of the code (valid time; required)
 * @param changeKind        {@code "update"}, {@code "rollback"}, {@code "compaction"}, {@code "expire"} or
 *                          {@code "import"}
 * @param content           the JSON document; empty for {@code "expire"}
 * @param authorKind        who made the change (required)
 * @param authorName        the name of the agent or person, or null
 * @param reason            why, or null
 * @param basedOnEventId    rollback: the version restored; compaction: the version compacted; else null
 * @param attributes        anything else, as JSON
 */
public record MemoryVersion(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String agent,
        String sessionId,
        MemoryType type,
        long version,
        Instant validFrom,
        String changeKind,
        Map<String, Object> content,
        AuthorKind authorKind,
        String authorName,
        String reason,
        UUID basedOnEventId,
        Map<String, Object> attributes)
        implements FactRecord {

    /** The values of {@link #changeKind()}. */
    public static final Set<String> CHANGE_KINDS = Set.of("update", "rollback", "compaction", "expire", "import");

    /** Validates every field; a bad one throws {@link InvalidRecordException} naming it. */
    public MemoryVersion {
        occurredAt = Fields.instant("occurredAt", occurredAt);
        Fields.required("agent", agent);
        Fields.optional("sessionId", sessionId);
        Fields.present("type", type);
        if (version < 1) {
            throw new InvalidRecordException("version", version, "must be >= 1");
        }
        validFrom = Fields.instant("validFrom", Fields.present("validFrom", validFrom));
        if (changeKind == null || !CHANGE_KINDS.contains(changeKind)) {
            throw new InvalidRecordException(
                    "changeKind", changeKind, "must be one of [compaction, expire, import, rollback, update]");
        }
        content = Fields.jsonObject("content", content);
        if (changeKind.equals("expire") && !content.isEmpty()) {
            throw new InvalidRecordException("content", content, "must be empty for an 'expire' version");
        }
        Fields.present("authorKind", authorKind);
        Fields.optional("authorName", authorName);
        Fields.optional("reason", reason);
        attributes = Fields.jsonObject("attributes", attributes);
    }

    /** Whether this version hides the memory. */
    public boolean isExpiry() {
        return changeKind.equals("expire");
    }
}
