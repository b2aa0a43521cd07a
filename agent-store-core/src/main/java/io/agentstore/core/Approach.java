package io.agentstore.core;

import java.time.Instant;
import java.util.List;

/**
 * A decision that worked for a task of some type.
 *
 * @param occurredAt    when it was taken
 * @param task          the task it was for
 * @param agentName     the agent, or null
 * @param decisionType  the kind of decision
 * @param optionChosen  what was chosen
 * @param alternatives  what else was considered
 * @param rationale     why, or null
 * @param retried       whether it was a retry
 */
public record Approach(
        Instant occurredAt,
        TaskRef task,
        String agentName,
        String decisionType,
        String optionChosen,
        List<String> alternatives,
        String rationale,
        boolean retried) {}
