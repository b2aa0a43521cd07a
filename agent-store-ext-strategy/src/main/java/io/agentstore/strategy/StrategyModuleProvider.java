package io.agentstore.strategy;

import io.agentstore.spi.ModuleConfig;
import io.agentstore.spi.ModuleProvider;
import io.agentstore.spi.SchemaModule;

/** Finds the strategy module for tools ({@link java.util.ServiceLoader}); it takes no configuration. */
public final class StrategyModuleProvider implements ModuleProvider {

    /** For {@link java.util.ServiceLoader}. */
    public StrategyModuleProvider() {}

    @Override
    public String id() {
        return "strategy";
    }

    @Override
    public SchemaModule create(ModuleConfig config) {
        return StrategyModule.create();
    }
}
