package io.agentstore.agents;

import io.agentstore.spi.ModuleConfig;
import io.agentstore.spi.ModuleProvider;
import io.agentstore.spi.SchemaModule;

/** Finds the agents module for tools ({@link java.util.ServiceLoader}); it takes no configuration. */
public final class AgentsModuleProvider implements ModuleProvider {

    /** For {@link java.util.ServiceLoader}. */
    public AgentsModuleProvider() {}

    @Override
    public String id() {
        return "agents";
    }

    @Override
    public SchemaModule create(ModuleConfig config) {
        return AgentsModule.create();
    }
}
