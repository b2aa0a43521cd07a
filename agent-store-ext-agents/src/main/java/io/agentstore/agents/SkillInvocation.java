package io.agentstore.agents;

import io.agentstore.core.AgentRef;
import io.agentstore.spi.Checks;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.Json;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A skill (or slash command) used in a session ({@code fact_skill_invocation}); the skill is a
 * {@code dim_component} of type {@code skill}.
 *
 * @param eventId           see {@link FactRecord#eventId()}
 * @param occurredAt        when it was invoked
 * @param supersedesEventId see {@link FactRecord#supersedesEventId()}
 * @param sessionId         the session, or null
 * @param agent             the agent, or null
 * @param skill             the skill's name; required
 * @param skillPath         the skill's file, or null
 * @param invokedBy         {@code user} or {@code agent}
 * @param completedAt       when it ended, or null
 * @param success           whether it succeeded, or null when unknown
 * @param actionsTaken      tool calls during the skill, or null
 * @param arguments         its arguments (free text, stored redacted), or null
 * @param attributes        anything else
 */
public record SkillInvocation(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String sessionId,
        AgentRef agent,
        String skill,
        String skillPath,
        String invokedBy,
        Instant completedAt,
        Boolean success,
        Long actionsTaken,
        String arguments,
        Map<String, Object> attributes)
        implements FactRecord {
    /** Who invokes skills. */
    public static final Set<String> INVOKERS = Set.of("user", "agent");

    /** Validates every field. */
    public SkillInvocation {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Checks.optional("sessionId", sessionId);
        Checks.required("skill", skill);
        Checks.optional("skillPath", skillPath);
        Checks.oneOf("invokedBy", invokedBy, INVOKERS);
        completedAt = Checks.instant("completedAt", completedAt);
        Checks.nonNegative("actionsTaken", actionsTaken);
        Checks.text("arguments", arguments);
        attributes = Json.normalizeObject("attributes", attributes);
    }
}
