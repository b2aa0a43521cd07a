package io.agentstore.strategy;

import io.agentstore.core.TaskRef;
import io.agentstore.spi.Checks;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Json;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A pattern used on a task ({@code fact_pattern_usage}; the analytics system's {@code pattern_usage}).
 *
 * @param eventId           see {@link FactRecord#eventId()}
 * @param occurredAt        when
 * @param supersedesEventId see {@link FactRecord#supersedesEventId()}
 * @param sessionId         the session, or null
 * @param task              the task, or null
 * @param patternName       the pattern
 * @param source            where it came from ({@code "context7"}, {@code "github"}, {@code "project"}, ...), or null
 * @param confidence        how sure, 0..1, or null
 * @param timeSavedMs       time saved, or null
 * @param attributes        anything else, as JSON
 */
public record PatternUsage(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String sessionId,
        TaskRef task,
        String patternName,
        String source,
        Double confidence,
        Long timeSavedMs,
        Map<String, Object> attributes)
        implements FactRecord {

    /** Validates every field; a bad one throws {@link InvalidRecordException} naming it. */
    public PatternUsage {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Checks.optional("sessionId", sessionId);
        Checks.required("patternName", patternName);
        Checks.optional("source", source);
        Checks.fraction("confidence", confidence);
        Checks.nonNegative("timeSavedMs", timeSavedMs);
        attributes = Json.normalizeObject("attributes", attributes);
    }

    /** A use of {@code patternName} now. */
    public static PatternUsage of(
            String patternName, String source, Double confidence, Long timeSavedMs, TaskRef task) {
        return new PatternUsage(null, null, null, null, task, patternName, source, confidence, timeSavedMs, Map.of());
    }
}
