package io.agentstore.strategy;

import io.agentstore.core.AgentRef;
import io.agentstore.spi.Checks;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Json;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An agent switched strategies ({@code fact_strategy_adjustment}).
 *
 * @param eventId           see {@link FactRecord#eventId()}
 * @param occurredAt        when
 * @param supersedesEventId see {@link FactRecord#supersedesEventId()}
 * @param sessionId         the session, or null
 * @param agent             the agent, or null
 * @param taskType          the task type it applies to, or null
 * @param oldStrategy       the strategy left, or null
 * @param newStrategy       the strategy taken
 * @param reason            why, or null
 * @param confidence        how sure, 0..1, or null
 * @param basedOnAttempts   how many attempts informed it, or null
 * @param attributes        anything else, as JSON
 */
public record StrategyAdjustment(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String sessionId,
        AgentRef agent,
        String taskType,
        String oldStrategy,
        String newStrategy,
        String reason,
        Double confidence,
        Long basedOnAttempts,
        Map<String, Object> attributes)
        implements FactRecord {

    /** Validates every field; a bad one throws {@link InvalidRecordException} naming it. */
    public StrategyAdjustment {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Checks.optional("sessionId", sessionId);
        Checks.optional("taskType", taskType);
        Checks.optional("oldStrategy", oldStrategy);
        Checks.required("newStrategy", newStrategy);
        Checks.text("reason", reason);
        Checks.fraction("confidence", confidence);
        Checks.nonNegative("basedOnAttempts", basedOnAttempts);
        attributes = Json.normalizeObject("attributes", attributes);
    }

    /** A switch from {@code oldStrategy} to {@code newStrategy} now, for a reason. */
    public static StrategyAdjustment of(
            AgentRef agent,
            String taskType,
            String oldStrategy,
            String newStrategy,
            String reason,
            Double confidence,
            Long basedOnAttempts) {
        return new StrategyAdjustment(
                null,
                null,
                null,
                null,
                agent,
                taskType,
                oldStrategy,
                newStrategy,
                reason,
                confidence,
                basedOnAttempts,
                Map.of());
    }
}
