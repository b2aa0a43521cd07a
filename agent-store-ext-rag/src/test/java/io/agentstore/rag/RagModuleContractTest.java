package io.agentstore.rag;

import io.agentstore.spi.FactRecord;
import io.agentstore.spi.SchemaModule;
import io.agentstore.testing.SchemaModuleContract;

/** The rag module passes the schema-module contract kit of agent-store-testing. */
class RagModuleContractTest extends SchemaModuleContract {
    @Override
    protected SchemaModule module() {
        return RagModule.withoutEmbedder();
    }

    @Override
    protected FactRecord randomRecord(long seed) {
        return new RandomRagRecords(seed).any(seed);
    }
}
