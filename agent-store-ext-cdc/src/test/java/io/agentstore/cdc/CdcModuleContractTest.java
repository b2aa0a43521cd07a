package io.agentstore.cdc;

import io.agentstore.spi.FactRecord;
import io.agentstore.spi.SchemaModule;
import io.agentstore.testing.SchemaModuleContract;
import io.agentstore.tokens.TokensModule;
import java.util.List;

/** The cdc module passes the schema-module contract kit of agent-store-testing. */
class CdcModuleContractTest extends SchemaModuleContract {
    @Override
    protected SchemaModule module() {
        return CdcModule.create();
    }

    @Override
    protected List<SchemaModule> dependencies() {
        return List.of(TokensModule.create());
    }

    @Override
    protected FactRecord randomRecord(long seed) {
        return new RandomCdcRecords(seed).any();
    }
}
