package io.agentstore.strategy;

import io.agentstore.AgentStore;
import io.agentstore.spi.Migration;
import io.agentstore.spi.ModuleBinder;
import io.agentstore.spi.SchemaModule;
import io.agentstore.spi.SourceEvent;
import io.agentstore.strategy.internal.SlashCommandMapping;
import io.agentstore.strategy.internal.StrategyFactTypes;
import io.agentstore.strategy.internal.StrategyTools;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The strategy schema module: strategy attempts and adjustments with evidence-based suggestions (use case 10),
 * pattern usage and ROI, the model routing table and its evidence, workflow state and metadata (the analytics
 * system). It requires core, quality (attempts link to test runs) and tokens (the router's evidence is the
 * tokens module's command runs and costs). Install it with
 * {@code AgentStore.builder().install(TokensModule.create(), QualityModule.create(), StrategyModule.create())}.
 */
public final class StrategyModule implements SchemaModule {
    private static final StrategyModule INSTANCE = new StrategyModule();

    private StrategyModule() {}

    /** The module. */
    public static StrategyModule create() {
        return INSTANCE;
    }

    /** The strategy facade of a store that has this module installed. */
    public static StrategyFacade of(AgentStore store) {
        return Objects.requireNonNull(store, "store must not be null").module(StrategyFacade.class);
    }

    @Override
    public String id() {
        return "strategy";
    }

    @Override
    public Set<String> requires() {
        return Set.of("core", "quality", "tokens");
    }

    @Override
    public List<Migration> migrations() {
        return List.of(Migration.of("V1__strategy_schema.sql"));
    }

    @Override
    public List<String> repeatables() {
        return List.of("R__strategy_views.sql");
    }

    @Override
    public void bind(ModuleBinder binder) {
        binder.fact(StrategyAttempt.class, StrategyFactTypes.ATTEMPT);
        binder.fact(StrategyAdjustment.class, StrategyFactTypes.ADJUSTMENT);
        binder.fact(PatternUsage.class, StrategyFactTypes.PATTERN_USAGE);
        binder.fact(RouteChange.class, StrategyFactTypes.ROUTE_CHANGE);
        binder.fact(WorkflowState.class, StrategyFactTypes.WORKFLOW_STATE);
        binder.fact(MetadataEntry.class, StrategyFactTypes.METADATA);
        binder.facade(StrategyFacade.class, StrategyFacade::new);
        StrategyTools.all().forEach(binder::tool);
        binder.mapping(SourceEvent.SlashCommand.class, new SlashCommandMapping());
    }

    @Override
    public String toString() {
        return "StrategyModule";
    }
}
