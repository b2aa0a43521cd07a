package io.agentstore.memory;

import io.agentstore.SchemaModuleContract;
import io.agentstore.spi.SchemaModule;

/** The memory module passes the schema-module contract kit of core's test-jar. */
class MemoryModuleContractTest extends SchemaModuleContract {
    @Override
    protected SchemaModule module() {
        return MemoryModule.create();
    }
}
