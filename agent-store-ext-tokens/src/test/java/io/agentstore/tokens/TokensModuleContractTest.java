package io.agentstore.tokens;

import io.agentstore.testing.SchemaModuleContract;
import io.agentstore.spi.SchemaModule;

/** The tokens module passes the schema-module contract kit of agent-store-testing. */
class TokensModuleContractTest extends SchemaModuleContract {
    @Override
    protected SchemaModule module() {
        return TokensModule.create();
    }
}
