package io.agentstore.agents;

import io.agentstore.core.AgentRef;
import io.agentstore.spi.Checks;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.Json;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Work handed from one agent to another ({@code fact_agent_handoff}): a sub-agent started with a prompt, a
 * delegation, a timeout. The context snapshot is free text and is stored redacted.
 *
 * @param eventId           see {@link FactRecord#eventId()}
 * @param occurredAt        when it was handed off
 * @param supersedesEventId see {@link FactRecord#supersedesEventId()}
 * @param sessionId         the session it happened in, or null
 * @param from              the agent handing off; required
 * @param to                the agent receiving; required
 * @param work              the work handed off, or null
 * @param reason            one of {@link #REASONS}
 * @param contextSnapshot   what the receiving agent was told (JSON or a prompt), or null
 * @param attributes        anything else
 */
public record Handoff(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String sessionId,
        AgentRef from,
        AgentRef to,
        WorkItem work,
        String reason,
        String contextSnapshot,
        Map<String, Object> attributes)
        implements FactRecord {
    /** Why work is handed off ({@code message}: a message between teammates of an agent team). */
    public static final Set<String> REASONS =
            Set.of("capability_mismatch", "timeout", "blocked", "delegation", "message");

    /** Validates every field. */
    public Handoff {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Checks.optional("sessionId", sessionId);
        Objects.requireNonNull(from, "from must not be null");
        Objects.requireNonNull(to, "to must not be null");
        Checks.oneOf("reason", reason, REASONS);
        Checks.text("contextSnapshot", contextSnapshot);
        attributes = Json.normalizeObject("attributes", attributes);
    }
}
