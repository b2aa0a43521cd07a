package io.agentstore.memory;

/**
 * One memory a compaction rewrote (an entry of the original's {@code compacted_memories}).
 *
 * @param type     the memory type
 * @param beforeKb its size before, in KB to one decimal
 * @param afterKb  its size after, in KB to one decimal
 * @param version  the version compaction wrote
 */
public record CompactedMemory(MemoryType type, double beforeKb, double afterKb, long version) {}
