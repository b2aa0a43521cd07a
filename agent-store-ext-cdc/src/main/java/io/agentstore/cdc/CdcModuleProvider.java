package io.agentstore.cdc;

import io.agentstore.spi.ModuleConfig;
import io.agentstore.spi.ModuleProvider;
import io.agentstore.spi.SchemaModule;

/** Finds the cdc module for tools ({@link java.util.ServiceLoader}). */
public final class CdcModuleProvider implements ModuleProvider {

    /** For {@link java.util.ServiceLoader}. */
    public CdcModuleProvider() {}

    @Override
    public String id() {
        return "cdc";
    }

    @Override
    public SchemaModule create(ModuleConfig config) {
        return CdcModule.create();
    }
}
