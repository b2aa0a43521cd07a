package io.agentstore;

/**
 * When a {@code record...} call returns, relative to the commit that makes its record durable.
 */
public enum Durability {
    /** Each call returns after a commit of its own: the slowest and simplest guarantee. */
    SYNC,
    /**
     * The default. Each call returns after the commit of the batch that carried it: durable like
     * {@link #SYNC}, and fast under concurrency because concurrent callers share one commit.
     */
    GROUP_COMMIT,
    /**
     * Calls return as soon as the record is queued; {@link AgentStore#flush()} waits for the commit. A
     * crash loses at most what was recorded since the last completed flush: up to the queue capacity
     * (65,536 calls by default, see {@link AgentStore.Builder#queueCapacity}) plus the batch being written
     * (at most 8,192 facts).
     */
    ASYNC
}
