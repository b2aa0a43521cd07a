package io.agentstore.cli;

import io.agentstore.AgentStore;
import io.agentstore.mcp.StoreAccess;
import io.agentstore.tokens.TokensModule;
import java.nio.file.Path;
import java.time.Duration;

/** The {@link StoreAccess} of the database the command-line options name, with the modules the command knows. */
final class Access {
    private Access() {
    }

    /** Reaches the database through its owner when one runs, else per call, waiting at most {@code lockWait}. */
    static StoreAccess of(StoreOptions options, Duration lockWait) {
        Path prices = options.priceOverrides();
        return StoreAccess.forDatabase(options.database(), () -> AgentStore.builder()
                .install(prices == null ? TokensModule.create() : TokensModule.withPriceOverrides(prices)), lockWait);
    }
}
