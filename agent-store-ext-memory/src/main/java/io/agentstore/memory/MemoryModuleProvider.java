package io.agentstore.memory;

import io.agentstore.spi.ModuleConfig;
import io.agentstore.spi.ModuleProvider;
import io.agentstore.spi.SchemaModule;

/** Finds the memory module for tools ({@link java.util.ServiceLoader}); it takes no configuration. */
public final class MemoryModuleProvider implements ModuleProvider {

    /** For {@link java.util.ServiceLoader}. */
    public MemoryModuleProvider() {}

    @Override
    public String id() {
        return "memory";
    }

    @Override
    public SchemaModule create(ModuleConfig config) {
        return MemoryModule.create();
    }
}
