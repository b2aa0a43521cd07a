package io.agentstore.strategy;

import io.agentstore.spi.Checks;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Json;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A change of the routing table ({@code fact_route_change}): from {@code occurredAt} on, {@code command} goes to
 * {@code model} with a thinking level and budget. The routing table in effect is {@code v_routing_table}.
 *
 * @param eventId              see {@link FactRecord#eventId()}
 * @param occurredAt           from when
 * @param supersedesEventId    see {@link FactRecord#supersedesEventId()}
 * @param command              the command, for example {@code "core:work"}
 * @param model                the model name
 * @param provider             the provider, or null
 * @param thinkingLevel        the thinking level
 * @param thinkingBudgetTokens the thinking budget (the level's unless given)
 * @param reason               why, or null
 * @param attributes           anything else, as JSON
 */
public record RouteChange(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String command,
        String model,
        String provider,
        ThinkingLevel thinkingLevel,
        long thinkingBudgetTokens,
        String reason,
        Map<String, Object> attributes)
        implements FactRecord {

    /** Validates every field; a bad one throws {@link InvalidRecordException} naming it. */
    public RouteChange {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Checks.required("command", command);
        Checks.required("model", model);
        Checks.optional("provider", provider);
        if (thinkingLevel == null) {
            throw new InvalidRecordException("thinkingLevel", null, "is required");
        }
        Checks.tokens("thinkingBudgetTokens", thinkingBudgetTokens);
        Checks.text("reason", reason);
        attributes = Json.normalizeObject("attributes", attributes);
    }

    /** Routes {@code command} to {@code model} at {@code level}'s budget, now. */
    public static RouteChange of(String command, String model, ThinkingLevel level, String reason) {
        return new RouteChange(
                null,
                null,
                null,
                command,
                model,
                null,
                level,
                level == null ? 0 : level.budgetTokens(),
                reason,
                Map.of());
    }
}
