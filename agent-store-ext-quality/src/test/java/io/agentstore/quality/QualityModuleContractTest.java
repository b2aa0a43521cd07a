package io.agentstore.quality;

import io.agentstore.SchemaModuleContract;
import io.agentstore.spi.SchemaModule;

/** The quality module passes the schema-module contract kit of core's test-jar. */
class QualityModuleContractTest extends SchemaModuleContract {
    @Override
    protected SchemaModule module() {
        return QualityModule.create();
    }
}
