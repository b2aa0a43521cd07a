package io.agentstore.agents;

import io.agentstore.spi.FactRecord;
import io.agentstore.spi.SchemaModule;
import io.agentstore.testing.SchemaModuleContract;

/** The agents module passes the schema-module contract kit of agent-store-testing. */
class AgentsModuleContractTest extends SchemaModuleContract {
    @Override
    protected SchemaModule module() {
        return AgentsModule.create();
    }

    @Override
    protected FactRecord randomRecord(long seed) {
        return new RandomAgentsRecords(seed).any(seed);
    }
}
