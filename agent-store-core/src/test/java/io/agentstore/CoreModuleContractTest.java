package io.agentstore;

import io.agentstore.core.CoreModule;
import io.agentstore.spi.SchemaModule;
import io.agentstore.testing.SchemaModuleContract;

/** The core module passes the schema-module contract kit. */
class CoreModuleContractTest extends SchemaModuleContract {
    @Override
    protected SchemaModule module() {
        return CoreModule.create();
    }
}
