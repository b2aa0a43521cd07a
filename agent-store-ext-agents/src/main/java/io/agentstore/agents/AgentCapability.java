package io.agentstore.agents;

import io.agentstore.core.AgentRef;
import io.agentstore.spi.Checks;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Json;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * An agent's proficiency in a capability from {@code occurredAt} on ({@code fact_agent_capability}); a later
 * fact for the same agent and capability replaces it, and {@code v_agent_capabilities} keeps the history.
 *
 * @param eventId               see {@link FactRecord#eventId()}
 * @param occurredAt            from when it holds
 * @param supersedesEventId     see {@link FactRecord#supersedesEventId()}
 * @param agent                 the agent; required
 * @param capability            the capability's name; required
 * @param capabilityDescription what the capability is, or null
 * @param proficiency           0.0 to 1.0
 * @param attributes            anything else
 */
public record AgentCapability(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        AgentRef agent,
        String capability,
        String capabilityDescription,
        double proficiency,
        Map<String, Object> attributes)
        implements FactRecord {
    /** Validates every field. */
    public AgentCapability {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Objects.requireNonNull(agent, "agent must not be null");
        Checks.required("capability", capability);
        Checks.text("capabilityDescription", capabilityDescription);
        if (!(proficiency >= 0.0 && proficiency <= 1.0)) {
            throw new InvalidRecordException("proficiency", proficiency, "must be between 0.0 and 1.0");
        }
        attributes = Json.normalizeObject("attributes", attributes);
    }

    /** A proficiency from now on. */
    public static AgentCapability of(String agentName, String capability, double proficiency) {
        return new AgentCapability(null, null, null, AgentRef.of(agentName), capability, null, proficiency, Map.of());
    }
}
