package io.agentstore;

/**
 * When a {@code record...} call returns, relative to the commit that makes its record durable.
 */
public enum Durability {
    /**
     * Each call returns once its record is durable on its own: in a file store, after one {@code fsync}-ed
     * append to the write journal beside the database ({@code <db>.journal}), which the writer loads into
     * DuckDB in batches and a writable open replays after a crash; in memory, after a commit of its own.
     */
    SYNC,
    /**
     * The default. Each call returns once the group of calls that arrived with it is durable: one {@code fsync}-ed
     * journal append per group in a file store (one commit per batch in memory). Durable like {@link #SYNC}, and
     * fast under concurrency because concurrent callers share one {@code fsync}.
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
