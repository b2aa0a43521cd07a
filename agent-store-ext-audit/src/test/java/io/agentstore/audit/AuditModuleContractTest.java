package io.agentstore.audit;

import io.agentstore.spi.FactRecord;
import io.agentstore.spi.SchemaModule;
import io.agentstore.testing.SchemaModuleContract;

/** The audit module passes the schema-module contract kit of agent-store-testing. */
class AuditModuleContractTest extends SchemaModuleContract {
    @Override
    protected SchemaModule module() {
        return AuditModule.create();
    }

    @Override
    protected FactRecord randomRecord(long seed) {
        return new RandomAuditRecords(seed).any(seed);
    }
}
