package io.agentstore.agents;

import io.agentstore.SchemaModuleContract;
import io.agentstore.spi.SchemaModule;

/** The agents module passes the schema-module contract kit of core's test-jar. */
class AgentsModuleContractTest extends SchemaModuleContract {
    @Override
    protected SchemaModule module() {
        return AgentsModule.create();
    }
}
