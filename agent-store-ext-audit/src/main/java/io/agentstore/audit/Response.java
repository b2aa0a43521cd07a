package io.agentstore.audit;

import io.agentstore.spi.Checks;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One model response ({@code fact_response}). Its text is stored after the store's redaction; the stored
 * hash is that of the stored text.
 *
 * @param eventId           the event id, or null for a random one
 * @param occurredAt        when it came, or null for the store clock's instant
 * @param supersedesEventId the response this one corrects, or null
 * @param sessionId         the session, or null
 * @param promptEventId     the prompt it answers, or null (the view then links the session's latest prompt before it)
 * @param model             the model, or null
 * @param provider          the model's provider, or null
 * @param text              the response; required
 * @param finishReason      {@code stop}, {@code length}, {@code tool_use}, {@code error} or the source's word, or null
 * @param outputTokens      output tokens, or null
 * @param cachedTokens      cached tokens, or null
 * @param latencyMs         latency in milliseconds, or null
 * @param estimatedCostUsd  the estimated cost, or null
 * @param safetyFlags       moderation/safety results as JSON values, empty when none
 * @param attributes        anything else, as JSON values
 */
public record Response(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String sessionId,
        UUID promptEventId,
        String model,
        String provider,
        String text,
        String finishReason,
        Long outputTokens,
        Long cachedTokens,
        Long latencyMs,
        BigDecimal estimatedCostUsd,
        Map<String, Object> safetyFlags,
        Map<String, Object> attributes)
        implements FactRecord {
    /** Validates the parts; a bad one throws naming it. */
    public Response {
        occurredAt = occurredAt == null ? null : Checks.instant("occurredAt", occurredAt);
        Checks.optional("sessionId", sessionId);
        Checks.text("model", model);
        Checks.text("provider", provider);
        Checks.required("text", text);
        Checks.text("finishReason", finishReason);
        Checks.tokens("outputTokens", outputTokens);
        Checks.tokens("cachedTokens", cachedTokens);
        Checks.nonNegative("latencyMs", latencyMs);
        Checks.usd("estimatedCostUsd", estimatedCostUsd);
        safetyFlags = Json.normalizeObject("safetyFlags", safetyFlags);
        attributes = Json.normalizeObject("attributes", attributes);
    }
}
