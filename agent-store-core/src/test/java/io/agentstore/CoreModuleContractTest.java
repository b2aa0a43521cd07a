package io.agentstore;

import io.agentstore.core.CoreModule;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.SchemaModule;
import io.agentstore.testing.RandomRecords;
import io.agentstore.testing.SchemaModuleContract;

/** The core module passes the schema-module contract kit. */
class CoreModuleContractTest extends SchemaModuleContract {
    @Override
    protected SchemaModule module() {
        return CoreModule.create();
    }

    @Override
    protected FactRecord randomRecord(long seed) {
        return new RandomRecords(seed, false).any();
    }
}
