package io.agentstore.tokens;

import io.agentstore.spi.AgentStoreException;
import io.agentstore.spi.ModuleConfig;
import io.agentstore.spi.ModuleProvider;
import io.agentstore.spi.SchemaModule;
import io.agentstore.tokens.internal.PriceFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the tokens module for tools ({@link java.util.ServiceLoader}). A price override file in the
 * configuration is checked first: when it cannot be used it is reported as a warning and the bundled prices
 * are used; unknown keys in it are warnings that name them.
 */
public final class TokensModuleProvider implements ModuleProvider {

    /** For {@link java.util.ServiceLoader}. */
    public TokensModuleProvider() {}

    @Override
    public String id() {
        return "tokens";
    }

    @Override
    public SchemaModule create(ModuleConfig config) {
        if (config.priceOverrides().isEmpty()) {
            return TokensModule.create();
        }
        Path file = config.priceOverrides().get();
        List<String> warnings = new ArrayList<>();
        try {
            PriceFiles.read(file, warnings);
        } catch (AgentStoreException e) {
            config.warn(e.getMessage() + "; the price file is ignored and the bundled prices are used");
            return TokensModule.create();
        }
        warnings.forEach(config::warn);
        return TokensModule.withPriceOverrides(file);
    }
}
