package io.agentstore.cli;

import io.agentstore.AgentStore;
import java.util.List;

/**
 * How the memory, jobs and import commands open the database: commands that write install the memory module
 * into an existing database when it lacks it; commands that read open it read-only with its own modules.
 */
final class MemoryStores {
    private MemoryStores() {}

    /** For commands that write: the database's modules plus memory (every discovered module for a new file). */
    static AgentStore open(StoreOptions options) {
        return options.openForWriting(null, List.of("memory"));
    }

    /**
     * For commands that only read: read-only, with the database's own modules.
     *
     * @throws IllegalArgumentException when the memory module is not installed in it
     */
    static AgentStore read(StoreOptions options) {
        AgentStore store = options.openForReading(false);
        if (!store.modules().contains("memory")) {
            store.close();
            throw new IllegalArgumentException(options.database() + " has no memory module installed;"
                    + " `agent-store init --install memory` or any memory command that writes installs it");
        }
        return store;
    }
}
