package io.agentstore.memory;

import io.agentstore.spi.FactRecord;
import io.agentstore.spi.SchemaModule;
import io.agentstore.testing.SchemaModuleContract;

/** The memory module passes the schema-module contract kit of agent-store-testing. */
class MemoryModuleContractTest extends SchemaModuleContract {
    @Override
    protected SchemaModule module() {
        return MemoryModule.create();
    }

    @Override
    protected FactRecord randomRecord(long seed) {
        return new RandomMemoryRecords(seed).any(seed);
    }
}
