package io.agentstore.memory;

import io.agentstore.memory.internal.Fields;
import io.agentstore.spi.FactRecord;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An agent's module folder and the number of files in it when the agent was created or last re-analysed
 * (the original's AGENTS row and {@code file_count_baseline}), stored in {@code fact_agent_baseline}. Drift
 * is measured from the latest baseline of an agent.
 *
 * @param eventId           see {@link FactRecord#eventId()}
 * @param occurredAt        when the agent was created or re-analysed
 * @param supersedesEventId see {@link FactRecord#supersedesEventId()}
 * @param agent             the agent (required)
 * @param modulePath        the module folder the agent knows, or null
 * @param fileCountBaseline the files in it then, or null when unknown
 * @param upgradedBy        {@code "auto"}, {@code "manual"}, {@code "agent"}, {@code "import"}, or null
 * @param attributes        anything else, as JSON
 */
public record AgentBaseline(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String agent,
        String modulePath,
        Long fileCountBaseline,
        String upgradedBy,
        Map<String, Object> attributes)
        implements FactRecord {

    /** Validates every field; a bad one throws {@link io.agentstore.spi.InvalidRecordException} naming it. */
    public AgentBaseline {
        occurredAt = Fields.instant("occurredAt", occurredAt);
        Fields.required("agent", agent);
        Fields.optional("modulePath", modulePath);
        Fields.nonNegative("fileCountBaseline", fileCountBaseline);
        Fields.optional("upgradedBy", upgradedBy);
        attributes = Fields.jsonObject("attributes", attributes);
    }

    /** A baseline of {@code agent} taken now. */
    public static AgentBaseline of(String agent, String modulePath, Long fileCountBaseline, String upgradedBy) {
        return new AgentBaseline(null, null, null, agent, modulePath, fileCountBaseline, upgradedBy, Map.of());
    }
}
