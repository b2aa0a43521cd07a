package io.agentstore.strategy;

import io.agentstore.SchemaModuleContract;
import io.agentstore.quality.QualityModule;
import io.agentstore.spi.SchemaModule;
import io.agentstore.tokens.TokensModule;
import java.util.List;

/** The strategy module passes the schema-module contract kit of core's test-jar. */
class StrategyModuleContractTest extends SchemaModuleContract {
    @Override
    protected SchemaModule module() {
        return StrategyModule.create();
    }

    @Override
    protected List<SchemaModule> dependencies() {
        return List.of(TokensModule.create(), QualityModule.create());
    }
}
