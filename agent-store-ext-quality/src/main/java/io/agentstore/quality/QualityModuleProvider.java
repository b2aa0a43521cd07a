package io.agentstore.quality;

import io.agentstore.spi.ModuleConfig;
import io.agentstore.spi.ModuleProvider;
import io.agentstore.spi.SchemaModule;

/** Finds the quality module for tools ({@link java.util.ServiceLoader}); it takes no configuration. */
public final class QualityModuleProvider implements ModuleProvider {

    /** For {@link java.util.ServiceLoader}. */
    public QualityModuleProvider() {}

    @Override
    public String id() {
        return "quality";
    }

    @Override
    public SchemaModule create(ModuleConfig config) {
        return QualityModule.create();
    }
}
