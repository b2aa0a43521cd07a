package io.agentstore.memory;

import io.agentstore.spi.InvalidRecordException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The eight kinds of memory an agent holds, each a JSON document, and how each is compacted (the strategies
 * and size limits of the original SQLite memory system). {@link #OPERATIONS} and {@link #DOMAIN} have no
 * compaction strategy and no limit.
 */
public enum MemoryType {
    /** Core understanding: purpose, features, architecture, todos. Compaction drops completed TODOs; 50 KB. */
    KNOWLEDGE("knowledge", 50, "remove completed TODOs"),
    /** Code organisation: file tree, endpoints, classes. Compaction keeps only files over 100 lines; 200 KB. */
    STRUCTURE("structure", 200, "keep only files over 100 lines"),
    /** Best practices and anti-patterns. Compaction drops resolved anti-patterns; 30 KB. */
    PATTERNS("patterns", 30, "remove resolved anti-patterns"),
    /** Connections: internal, external, services. Compaction removes version numbers; 40 KB. */
    DEPENDENCIES("dependencies", 40, "remove version numbers"),
    /** Code health: coverage, metrics. Compaction keeps only the latest metrics; 30 KB. */
    QUALITY("quality", 30, "keep only the latest metrics"),
    /** DevOps: environment, deployment, monitoring. Not compacted. */
    OPERATIONS("operations", 0, null),
    /** Business logic: decisions, debt, roadmap. Compaction keeps the last 10 changes and milestones; 100 KB. */
    CONTEXT("context", 100, "keep the last 10 changes and milestones"),
    /** Specialised knowledge: protocols, compliance, rules. Not compacted. */
    DOMAIN("domain", 0, null);

    private final String id;
    private final long limitKb;
    private final String strategy;

    MemoryType(String id, long limitKb, String strategy) {
        this.id = id;
        this.limitKb = limitKb;
        this.strategy = strategy;
    }

    /** The name stored in {@code memory_type}: lower case. */
    public String id() {
        return id;
    }

    /** The size above which {@code auto} compaction compacts this memory, in KB (1,024 bytes); empty when none. */
    public OptionalLong limitKb() {
        return limitKb == 0 ? OptionalLong.empty() : OptionalLong.of(limitKb);
    }

    /** What compaction does to this memory; empty when it is not compacted. */
    public Optional<String> strategy() {
        return Optional.ofNullable(strategy);
    }

    /**
     * The type named {@code id}, case-insensitively.
     *
     * @throws InvalidRecordException naming {@code field} for any other name
     */
    public static MemoryType of(String field, String id) {
        if (id != null) {
            String lower = id.trim().toLowerCase(Locale.ROOT);
            for (MemoryType t : values()) {
                if (t.id.equals(lower)) {
                    return t;
                }
            }
        }
        throw new InvalidRecordException(
                field,
                id,
                "must be one of " + Arrays.stream(values()).map(MemoryType::id).toList());
    }

    /** The type named {@code id}; see {@link #of(String, String)}. */
    public static MemoryType of(String id) {
        return of("memoryType", id);
    }
}
