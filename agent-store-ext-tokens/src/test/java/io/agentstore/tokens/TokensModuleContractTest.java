package io.agentstore.tokens;

import io.agentstore.spi.FactRecord;
import io.agentstore.spi.SchemaModule;
import io.agentstore.testing.SchemaModuleContract;

/** The tokens module passes the schema-module contract kit of agent-store-testing. */
class TokensModuleContractTest extends SchemaModuleContract {
    @Override
    protected SchemaModule module() {
        return TokensModule.create();
    }

    @Override
    protected FactRecord randomRecord(long seed) {
        return new RandomTokensRecords(seed).any();
    }
}
