package io.agentstore.tokens;

import io.agentstore.SchemaModuleContract;
import io.agentstore.spi.SchemaModule;

/** The tokens module passes the schema-module contract kit of core's test-jar. */
class TokensModuleContractTest extends SchemaModuleContract {
    @Override
    protected SchemaModule module() {
        return TokensModule.create();
    }
}
