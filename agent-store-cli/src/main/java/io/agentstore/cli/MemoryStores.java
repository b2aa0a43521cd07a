package io.agentstore.cli;

import io.agentstore.AgentStore;
import io.agentstore.StoreLockedException;
import io.agentstore.memory.MemoryModule;
import io.agentstore.tokens.TokensModule;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Opens the database with the memory module besides tokens, for the memory, jobs and import commands (until
 * the command line discovers installed modules itself).
 */
final class MemoryStores {
    private MemoryStores() {
    }

    static AgentStore open(StoreOptions options) {
        Path file = options.database();
        StoreOptions.ownerOnlyFolder(file.getParent());
        Path overrides = options.priceOverrides();
        TokensModule tokens = overrides == null ? TokensModule.create() : TokensModule.withPriceOverrides(overrides);
        try {
            return AgentStore.builder().path(file).install(tokens, MemoryModule.create()).lockWait(Duration.ZERO).build();
        } catch (StoreLockedException e) {
            if (options.lockWait.isZero()) {
                throw e;
            }
            return AgentStore.builder().path(file).install(tokens, MemoryModule.create()).lockWait(options.lockWait)
                    .build();
        }
    }
}
