package io.agentstore.audit;

import io.agentstore.spi.Checks;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One prompt sent to a model ({@code fact_prompt}). Its text is stored after the store's redaction; the
 * stored hash is that of the stored text.
 *
 * @param eventId            the event id, or null for a random one
 * @param occurredAt         when it was sent, or null for the store clock's instant
 * @param supersedesEventId  the prompt this one corrects, or null
 * @param sessionId          the session, or null
 * @param templateName       the prompt template, or null
 * @param templateText       the template's text, or null
 * @param model              the model, or null
 * @param provider           the model's provider, or null
 * @param text               the prompt; required
 * @param systemPromptHash   the hash of the system prompt, or null
 * @param user               who sent it, or null
 * @param inputTokens        input tokens, or null
 * @param estimatedCostUsd   the estimated cost, or null
 * @param attributes         anything else, as JSON values
 */
public record Prompt(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String sessionId,
        String templateName,
        String templateText,
        String model,
        String provider,
        String text,
        String systemPromptHash,
        UserRef user,
        Long inputTokens,
        BigDecimal estimatedCostUsd,
        Map<String, Object> attributes)
        implements FactRecord {
    /** Validates the parts; a bad one throws naming it. */
    public Prompt {
        occurredAt = occurredAt == null ? null : Checks.instant("occurredAt", occurredAt);
        Checks.optional("sessionId", sessionId);
        Checks.text("templateName", templateName);
        if (templateText != null && templateName == null) {
            throw new InvalidRecordException("templateName", null, "is required when templateText is given");
        }
        Checks.text("model", model);
        Checks.text("provider", provider);
        Checks.required("text", text);
        Checks.text("systemPromptHash", systemPromptHash);
        Checks.tokens("inputTokens", inputTokens);
        Checks.usd("estimatedCostUsd", estimatedCostUsd);
        attributes = Json.normalizeObject("attributes", attributes);
    }

    /** A prompt of {@code text} in {@code sessionId} by {@code user}, now, with nothing else known. */
    public static Prompt of(String sessionId, String text, UserRef user) {
        return new Prompt(null, null, null, sessionId, null, null, null, null, text, null, user, null, null, Map.of());
    }
}
