package io.agentstore.memory;

import io.agentstore.memory.internal.Fields;
import io.agentstore.spi.FactRecord;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The conversation-flow backup of a session (the original's MESSAGES row), stored in
 * {@code fact_session_messages}. Never loaded by default: read it with {@link MemoryFacade#messages(String)}.
 *
 * @param eventId           see {@link FactRecord#eventId()}
 * @param occurredAt        when it was saved
 * @param supersedesEventId see {@link FactRecord#supersedesEventId()}
 * @param sessionId         the session (required)
 * @param conversationFlow  the narrative of what happened (required)
 * @param totalExchanges    the number of user-assistant exchanges, or null
 * @param durationMs        the session's duration, or null
 * @param attributes        anything else, as JSON
 */
public record SessionMessages(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String sessionId,
        String conversationFlow,
        Long totalExchanges,
        Long durationMs,
        Map<String, Object> attributes)
        implements FactRecord {

    /** Validates every field; a bad one throws {@link io.agentstore.spi.InvalidRecordException} naming it. */
    public SessionMessages {
        occurredAt = Fields.instant("occurredAt", occurredAt);
        Fields.required("sessionId", sessionId);
        Fields.required("conversationFlow", conversationFlow);
        Fields.nonNegative("totalExchanges", totalExchanges);
        Fields.nonNegative("durationMs", durationMs);
        attributes = Fields.jsonObject("attributes", attributes);
    }

    /** The backup of {@code sessionId}, saved now. */
    public static SessionMessages of(String sessionId, String conversationFlow, Long totalExchanges, Long durationMs) {
        return new SessionMessages(null, null, null, sessionId, conversationFlow, totalExchanges, durationMs, Map.of());
    }
}
