package io.agentstore.memory;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A version of one typed memory as the views show it, with its two time intervals: valid
 * [{@code validFrom}, {@code validTo}) and recorded [{@code recordedAt}, {@code supersededAt}), both derived
 * from the next version.
 *
 * @param agent        the agent
 * @param type         the memory type
 * @param version      1, 2, ... per agent and type
 * @param content      the JSON document (empty for an expiry)
 * @param validFrom    when it became true of the code
 * @param validTo      when a later version took over on the valid-time axis; empty while it is the latest
 * @param recordedAt   when the store recorded it
 * @param supersededAt when the store recorded the next version; empty while it is the latest
 * @param changeKind   {@code update}, {@code rollback}, {@code compaction}, {@code expire} or {@code import}
 * @param authorKind   who made the change
 * @param authorName   the agent's or person's name, or null
 * @param reason       why, or null
 * @param sessionId    the session, or null
 * @param eventId      the fact's event id
 * @param contentBytes UTF-8 bytes of the JSON text
 */
public record Memory(
        String agent,
        MemoryType type,
        long version,
        Map<String, Object> content,
        Instant validFrom,
        Optional<Instant> validTo,
        Instant recordedAt,
        Optional<Instant> supersededAt,
        String changeKind,
        AuthorKind authorKind,
        String authorName,
        String reason,
        String sessionId,
        UUID eventId,
        long contentBytes) {

    /** Whether this version is an expiry (the memory is hidden from its valid time on). */
    public boolean isExpired() {
        return "expire".equals(changeKind);
    }

    /** The size in KB (1,024 bytes), to one decimal. */
    public double sizeKb() {
        return Math.round(contentBytes * 10.0 / 1024) / 10.0;
    }
}
