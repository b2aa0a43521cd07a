package io.agentstore.agents;

import io.agentstore.core.AgentRef;
import io.agentstore.spi.Checks;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Json;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A user intent stated in a session ({@code fact_session_intent}, {@code dim_user_intent}): the prompt's hash and
 * category, and whether and when it was achieved. Achievement is recorded as a new fact that supersedes the
 * statement.
 *
 * @param eventId           see {@link FactRecord#eventId()}
 * @param occurredAt        when it was stated
 * @param supersedesEventId see {@link FactRecord#supersedesEventId()}
 * @param sessionId         the session, or null
 * @param agent             the agent it was addressed to, or null
 * @param intentHash        SHA-256 of the prompt, 64 lower-case hex digits
 * @param category          one of {@link #CATEGORIES}, or null
 * @param intentText        the prompt (kept only when the audit module is installed), or null
 * @param achieved          whether it was achieved, or null when unknown
 * @param achievedAt        when, or null
 * @param attributes        anything else
 */
public record SessionIntent(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String sessionId,
        AgentRef agent,
        String intentHash,
        String category,
        String intentText,
        Boolean achieved,
        Instant achievedAt,
        Map<String, Object> attributes)
        implements FactRecord {
    /** Intent categories (keyword matching; see {@link Intents#categorize}). */
    public static final Set<String> CATEGORIES =
            Set.of("debug", "refactor", "implement", "test", "docs", "review", "question", "other");

    /** Validates every field. */
    public SessionIntent {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Checks.optional("sessionId", sessionId);
        if (intentHash == null || !intentHash.matches("[0-9a-f]{64}")) {
            throw new InvalidRecordException("intentHash", intentHash, "must be 64 lower-case hex digits (SHA-256)");
        }
        if (category != null) {
            Checks.oneOf("category", category, CATEGORIES);
        }
        Checks.text("intentText", intentText);
        achievedAt = Checks.instant("achievedAt", achievedAt);
        attributes = Json.normalizeObject("attributes", attributes);
    }
}
