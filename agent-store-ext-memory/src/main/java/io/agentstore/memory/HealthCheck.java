package io.agentstore.memory;

import io.agentstore.memory.internal.Fields;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One health check of an agent (the original's AGENT_HEALTH row), stored in {@code fact_agent_health};
 * {@link MemoryFacade#checkHealth(String)} computes and records them.
 *
 * @param eventId               see {@link FactRecord#eventId()}
 * @param occurredAt            when the check ran ({@code checked_at})
 * @param supersedesEventId     see {@link FactRecord#supersedesEventId()}
 * @param agent                 the agent (required)
 * @param sessionId             the session in which it ran, or null
 * @param modulePath            the agent's module folder, or null
 * @param fileCountCurrent      files in the folder now, or null when unknown
 * @param fileCountBaseline     files at the baseline, or null when unknown
 * @param daysSinceBaseline     whole days since the baseline (or the agent's first memory), or null
 * @param driftScore            0..100, see {@link #driftScore(Long, Long, Long)}
 * @param confidenceScore       0..100: 100 minus drift, 25 less when a file count is unknown
 * @param status                the level
 * @param memoryBytes           UTF-8 bytes of all current memories of the agent
 * @param memorySizeWarning     null, {@code "large"} (1,000 KB and more) or {@code "critical"} (above 2,000 KB)
 * @param largestMemoryType     the largest current memory, or null when there is none
 * @param compactionNeeded      whether a memory is above its limit or all are above 2,000 KB
 * @param patternsChanged       what changed in the patterns memory since the baseline, or null
 * @param dependenciesChanged   what changed in the dependencies memory since the baseline, or null
 * @param issues                the problems found
 * @param recommendations       what to do
 * @param autoUpgradeEligible   whether compaction alone would fix it (oversized or over a limit, drift at most 70)
 * @param lastUpgradeAt         when the baseline was taken, or null
 * @param upgradedBy            who took it, or null
 * @param attributes            anything else, as JSON
 */
public record HealthCheck(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String agent,
        String sessionId,
        String modulePath,
        Long fileCountCurrent,
        Long fileCountBaseline,
        Long daysSinceBaseline,
        long driftScore,
        long confidenceScore,
        HealthStatus status,
        long memoryBytes,
        String memorySizeWarning,
        String largestMemoryType,
        boolean compactionNeeded,
        String patternsChanged,
        String dependenciesChanged,
        List<String> issues,
        String recommendations,
        boolean autoUpgradeEligible,
        Instant lastUpgradeAt,
        String upgradedBy,
        Map<String, Object> attributes)
        implements FactRecord {

    /** Validates every field; a bad one throws {@link InvalidRecordException} naming it. */
    public HealthCheck {
        occurredAt = Fields.instant("occurredAt", occurredAt);
        Fields.required("agent", agent);
        Fields.optional("sessionId", sessionId);
        Fields.optional("modulePath", modulePath);
        Fields.nonNegative("fileCountCurrent", fileCountCurrent);
        Fields.nonNegative("fileCountBaseline", fileCountBaseline);
        Fields.nonNegative("daysSinceBaseline", daysSinceBaseline);
        if (driftScore < 0 || driftScore > 100) {
            throw new InvalidRecordException("driftScore", driftScore, "must be between 0 and 100");
        }
        if (confidenceScore < 0 || confidenceScore > 100) {
            throw new InvalidRecordException("confidenceScore", confidenceScore, "must be between 0 and 100");
        }
        Fields.present("status", status);
        Fields.nonNegative("memoryBytes", memoryBytes);
        Fields.optional("memorySizeWarning", memorySizeWarning);
        Fields.optional("largestMemoryType", largestMemoryType);
        Fields.optional("patternsChanged", patternsChanged);
        Fields.optional("dependenciesChanged", dependenciesChanged);
        issues = Fields.texts("issues", issues);
        Fields.optional("recommendations", recommendations);
        lastUpgradeAt = Fields.instant("lastUpgradeAt", lastUpgradeAt);
        Fields.optional("upgradedBy", upgradedBy);
        attributes = Fields.jsonObject("attributes", attributes);
    }

    /**
     * The original's drift formula: 10 points per file added or removed since the baseline plus 2 points per
     * day since it, capped at 100. An unknown file count adds no file points; unknown days add none.
     */
    public static long driftScore(Long fileCountCurrent, Long fileCountBaseline, Long daysSinceBaseline) {
        long files = fileCountCurrent == null || fileCountBaseline == null
                ? 0
                : Math.abs(fileCountCurrent - fileCountBaseline) * 10;
        long days = daysSinceBaseline == null ? 0 : daysSinceBaseline * 2;
        return Math.min(files + days, 100);
    }

    /** The memory size in whole KB (1,024 bytes), rounded half up. */
    public long memorySizeKb() {
        return Math.round(memoryBytes / 1024.0);
    }

    /** When the check ran. */
    public Instant checkedAt() {
        return occurredAt;
    }
}
