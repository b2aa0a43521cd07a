package io.agentstore.otlp;

import io.agentstore.spi.ModuleConfig;
import io.agentstore.spi.ModuleProvider;
import io.agentstore.spi.SchemaModule;

/** Finds the otlp module for tools ({@link java.util.ServiceLoader}); it takes no configuration. */
public final class OtlpModuleProvider implements ModuleProvider {

    /** For {@link java.util.ServiceLoader}. */
    public OtlpModuleProvider() {}

    @Override
    public String id() {
        return "otlp";
    }

    @Override
    public SchemaModule create(ModuleConfig config) {
        return OtlpModule.create();
    }
}
