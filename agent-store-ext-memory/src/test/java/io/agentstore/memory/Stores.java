package io.agentstore.memory;

import io.agentstore.AgentStore;
import io.agentstore.testing.MutableClock;
import java.nio.file.Path;

/** Stores for the memory tests: a real DuckDB file in the test's folder, with the memory module. */
final class Stores {
    private Stores() {}

    static AgentStore open(Path dir, MutableClock clock) {
        return AgentStore.builder()
                .path(dir.resolve("memory.duckdb"))
                .clock(clock)
                .install(MemoryModule.create())
                .build();
    }
}
