package io.agentstore.core;

import java.time.Instant;
import java.util.Map;

/**
 * Something tried before: one action on a file or in a session, as recall returns it.
 *
 * @param occurredAt  when
 * @param sessionId   in which session, or null
 * @param agentName   by which agent, or null
 * @param task        for which task, or null
 * @param toolName    with which tool
 * @param targetPath  on which path, or null
 * @param actionType  the kind of action
 * @param success     whether it worked
 * @param errorType   how it failed, or null
 * @param durationMs  how long it took, or null
 * @param attributes  its recorded arguments and results
 */
public record PastAttempt(
        Instant occurredAt,
        String sessionId,
        String agentName,
        TaskRef task,
        String toolName,
        String targetPath,
        String actionType,
        boolean success,
        String errorType,
        Long durationMs,
        Map<String, Object> attributes) {}
