package io.agentstore.cdc;

import java.time.Instant;

/**
 * The latest check of a dependency ({@code check_dependency_health}).
 *
 * @param dependencyName   the dependency
 * @param checkedAt        when it was last checked
 * @param checkType        how
 * @param available        whether it answered
 * @param versionDetected  the version it reported, or null
 * @param responseTimeMs   its latency, or null
 * @param breakingChanges7d BREAKING changes of its sources in the 7 days before now
 */
public record DependencyHealth(
        String dependencyName,
        Instant checkedAt,
        String checkType,
        boolean available,
        String versionDetected,
        Long responseTimeMs,
        long breakingChanges7d) {}
