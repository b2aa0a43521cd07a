package io.agentstore.audit;

import io.agentstore.SchemaModuleContract;
import io.agentstore.spi.SchemaModule;

/** The audit module passes the schema-module contract kit of core's test-jar. */
class AuditModuleContractTest extends SchemaModuleContract {
    @Override
    protected SchemaModule module() {
        return AuditModule.create();
    }
}
