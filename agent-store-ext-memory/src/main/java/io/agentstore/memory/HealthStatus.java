package io.agentstore.memory;

import java.util.Locale;

/**
 * The health levels of the original: {@code healthy} (drift below 30, memory below 1,000 KB),
 * {@code degraded} (drift 30-70 or memory 1,000-2,000 KB), {@code critical} (drift above 70: re-analyse the
 * module) and {@code oversized} (memory above 2,000 KB: compact). Critical wins over oversized, as in the
 * original's dashboard example (an agent with drift 82 and 2,456 KB is critical).
 */
public enum HealthStatus {
    /** Operating normally. */
    HEALTHY,
    /** Monitor closely. */
    DEGRADED,
    /** Needs immediate re-analysis. */
    CRITICAL,
    /** Needs compaction. */
    OVERSIZED;

    /** The name stored in {@code status}: lower case. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The level of a drift score and a memory size in KB. */
    public static HealthStatus of(long driftScore, double memoryKb) {
        if (driftScore > 70) {
            return CRITICAL;
        }
        if (memoryKb > 2000) {
            return OVERSIZED;
        }
        if (driftScore >= 30 || memoryKb >= 1000) {
            return DEGRADED;
        }
        return HEALTHY;
    }

    /** The status named {@code id}, case-insensitively. */
    public static HealthStatus of(String id) {
        return valueOf(id.trim().toUpperCase(Locale.ROOT));
    }
}
