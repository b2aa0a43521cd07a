package io.agentstore.rag;

import io.agentstore.spi.ModuleConfig;
import io.agentstore.spi.ModuleProvider;
import io.agentstore.spi.SchemaModule;

/** Finds the rag module for tools ({@link java.util.ServiceLoader}); it takes no configuration. */
public final class RagModuleProvider implements ModuleProvider {

    /** For {@link java.util.ServiceLoader}. */
    public RagModuleProvider() {}

    @Override
    public String id() {
        return "rag";
    }

    @Override
    public SchemaModule create(ModuleConfig config) {
        return RagModule.create();
    }
}
