package io.agentstore.memory;

import java.util.List;
import java.util.Optional;

/**
 * What an agent gets when it is invoked ({@link MemoryFacade#loadMemory(String)}): its current memories and the
 * health check made as they were loaded.
 *
 * @param memories its current memories, by type
 * @param health   the check recorded on loading; empty when the store has neither a memory nor a baseline of it
 */
public record LoadedMemory(List<Memory> memories, Optional<HealthCheck> health) {

    /** Copies the list. */
    public LoadedMemory {
        memories = List.copyOf(memories);
    }
}
