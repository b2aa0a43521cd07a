package io.agentstore;

import io.agentstore.core.CoreModule;
import io.agentstore.spi.SchemaModule;

/** The core module passes the schema-module contract kit. */
class CoreModuleContractTest extends SchemaModuleContract {
    @Override
    protected SchemaModule module() {
        return CoreModule.create();
    }
}
