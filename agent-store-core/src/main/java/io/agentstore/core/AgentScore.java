package io.agentstore.core;

/**
 * How well an agent does on tasks of one type.
 *
 * @param agentName       the agent
 * @param tasks           tasks it finished
 * @param successRate     the share that succeeded, 0..1
 * @param avgTestPassRate the mean test pass rate, or null when none was recorded
 * @param avgElapsedMs    the mean time taken, or null when none was recorded
 */
public record AgentScore(
        String agentName, long tasks, double successRate, Double avgTestPassRate, Double avgElapsedMs) {}
