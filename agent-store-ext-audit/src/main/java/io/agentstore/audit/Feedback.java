package io.agentstore.audit;

import io.agentstore.spi.Checks;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Json;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Feedback on a prompt or a response ({@code fact_prompt_feedback}).
 *
 * @param eventId           the event id, or null for a random one
 * @param occurredAt        when it was given, or null for the store clock's instant
 * @param supersedesEventId the feedback this one corrects, or null
 * @param promptEventId     the prompt, or null
 * @param responseEventId   the response, or null (one of the two is required)
 * @param feedbackType      one of {@link #TYPES}
 * @param text              a comment (redacted before storage), or null
 * @param user              who gave it, or null
 * @param attributes        anything else, as JSON values
 */
public record Feedback(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        UUID promptEventId,
        UUID responseEventId,
        String feedbackType,
        String text,
        UserRef user,
        Map<String, Object> attributes)
        implements FactRecord {
    /** The feedback types. */
    public static final Set<String> TYPES = Set.of("thumbs_up", "thumbs_down", "report");

    /** Validates the parts; a bad one throws naming it. */
    public Feedback {
        occurredAt = occurredAt == null ? null : Checks.instant("occurredAt", occurredAt);
        if (promptEventId == null && responseEventId == null) {
            throw new InvalidRecordException("promptEventId", null, "is required when responseEventId is null");
        }
        Checks.oneOf("feedbackType", feedbackType, TYPES);
        Checks.text("text", text);
        attributes = Json.normalizeObject("attributes", attributes);
    }
}
