package io.agentstore.memory;

import java.util.List;

/**
 * The before/after report of a compaction, with the original's fields. Sizes are in KB (1,024 bytes) to one
 * decimal, over the current memories of the agent that were considered (all types, or the one asked for).
 *
 * @param agent             the agent
 * @param auto              whether only memories over their limit were compacted
 * @param totalBeforeKb     their size before
 * @param totalAfterKb      their size after
 * @param totalSavedKb      before minus after
 * @param reductionPercent  saved as a percentage of before, to one decimal (0 when before is 0)
 * @param compactedMemories the memories rewritten (a memory compaction does not change gets no new version)
 */
public record CompactionReport(
        String agent,
        boolean auto,
        double totalBeforeKb,
        double totalAfterKb,
        double totalSavedKb,
        double reductionPercent,
        List<CompactedMemory> compactedMemories) {

    /** Copies the list. */
    public CompactionReport {
        compactedMemories = List.copyOf(compactedMemories);
    }
}
