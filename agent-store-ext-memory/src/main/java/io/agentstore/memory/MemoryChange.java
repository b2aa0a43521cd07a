package io.agentstore.memory;

/**
 * One version of a memory in its history, with what it changed from the version before it (in recording
 * order; the first version's diff adds every member).
 *
 * @param memory the version
 * @param diff   its difference from the previous version
 */
public record MemoryChange(Memory memory, MemoryDiff diff) {}
