package io.agentstore.tokens;

import io.agentstore.AgentStore;
import io.agentstore.core.AgentRef;
import io.agentstore.spi.EventIds;
import io.agentstore.spi.Migration;
import io.agentstore.spi.ModuleBinder;
import io.agentstore.spi.SchemaModule;
import io.agentstore.spi.SourceEvent;
import io.agentstore.spi.SqlResources;
import io.agentstore.spi.StoreContext;
import io.agentstore.tokens.internal.TokensFactTypes;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The tokens schema module: model prices (type 2, with effective dates) and the cost derived from them,
 * context windows and overflows, token usage per component, component measurements, cost allocation,
 * 5-hour usage windows and model-routing statistics. Install it with
 * {@code AgentStore.builder().install(TokensModule.create())} and use it through
 * {@code store.module(TokensFacade.class)} or {@link #of(AgentStore)}.
 *
 * <p>Its DDL is {@code sql/tokens/} (packaged as {@code agent-store/tokens/}); its reference queries are
 * {@code sql/queries/tokens/}. It requires only core.
 */
public final class TokensModule implements SchemaModule {
    private static final TokensModule DEFAULT = new TokensModule(null);

    private final Path priceOverrides;

    private TokensModule(Path priceOverrides) {
        this.priceOverrides = priceOverrides;
    }

    /** The module with the bundled price table only. */
    public static TokensModule create() {
        return DEFAULT;
    }

    /**
     * The module with a user price file loaded after the bundled table each time the store opens: it adds
     * models and supersedes prices from its entries' effective dates (see
     * {@link TokensFacade#loadPriceOverrides(Path)} for the format).
     */
    public static TokensModule withPriceOverrides(Path priceOverrides) {
        return new TokensModule(Objects.requireNonNull(priceOverrides, "priceOverrides must not be null"));
    }

    /** The tokens facade of a store that has this module installed. */
    public static TokensFacade of(AgentStore store) {
        return Objects.requireNonNull(store, "store must not be null").module(TokensFacade.class);
    }

    @Override
    public String id() {
        return "tokens";
    }

    @Override
    public List<Migration> migrations() {
        return List.of(Migration.of("V1__tokens_schema.sql"), Migration.of("V2__tokens_rollups.sql"));
    }

    @Override
    public List<String> repeatables() {
        // by subject, in dependency order: each file may use the macros and views of the files before it
        return List.of(
                "R__tokens_prices.sql",
                "R__tokens_rollups.sql",
                "R__tokens_costs.sql",
                "R__tokens_windows.sql",
                "R__tokens_components.sql",
                "R__tokens_context.sql",
                "R__tokens_routing.sql");
    }

    /** Records that the rollup reflects every API call now stored (after a rebuild). */
    private static final String ROLLUP_STATE =
            "INSERT INTO agg_api_call_daily_state SELECT count(*) FROM fact_api_call";

    /**
     * Counts the batch's API calls as reflected: added to the count, not set to the table's, so that a rollup
     * that was stale before the batch stays recognisably stale (rebuilt at the next writable open).
     */
    private static final String ROLLUP_ADDED = "UPDATE agg_api_call_daily_state SET api_call_rows = api_call_rows"
            + " + (SELECT count(*) FROM fact_api_call WHERE recorded_at = CAST(? AS TIMESTAMPTZ))";

    private static String writerSql(String name) {
        return SqlResources.load(TokensModule.class, "agent-store/tokens/writer/" + name);
    }

    @Override
    public void bind(ModuleBinder binder) {
        binder.fact(TokenUsage.class, TokensFactTypes.TOKEN_USAGE);
        binder.fact(ContextOverflow.class, TokensFactTypes.CONTEXT_OVERFLOW);
        binder.fact(ComponentMeasurement.class, TokensFactTypes.COMPONENT_MEASUREMENT);
        binder.fact(CostAllocation.class, TokensFactTypes.COST_ALLOCATION);
        binder.fact(CommandRun.class, TokensFactTypes.COMMAND_RUN);
        binder.fact(ModelPrice.class, TokensFactTypes.PRICE_CHANGE);
        binder.facade(TokensFacade.class, TokensFacade::new);
        // the daily rollup of API calls (V2__tokens_rollups.sql), kept in the transaction of the facts
        binder.afterWrite("fact_api_call", writerSql("api_call_daily_merge.sql"));
        binder.afterWrite("fact_api_call", ROLLUP_ADDED);
        binder.afterWrite(TokensFactTypes.PRICE_CHANGE.table(), "DELETE FROM agg_api_call_daily");
        binder.afterWrite(TokensFactTypes.PRICE_CHANGE.table(), writerSql("api_call_daily_rebuild.sql"));
        binder.afterWrite(TokensFactTypes.PRICE_CHANGE.table(), "DELETE FROM agg_api_call_daily_state");
        binder.afterWrite(TokensFactTypes.PRICE_CHANGE.table(), ROLLUP_STATE);
        binder.mapping(SourceEvent.Compaction.class, (event, context) -> List.of(overflowOf(event)));
        TokensTools.all().forEach(binder::tool);
    }

    /**
     * The context overflow of a compaction, whatever its source: its id is {@code EventIds.of(source,
     * "overflow", seed)}, so that the same compaction imported again or rescanned is stored once.
     */
    static ContextOverflow overflowOf(SourceEvent.Compaction event) {
        SourceEvent.Envelope e = event.envelope();
        AgentRef agent = e.agentName() == null ? null : AgentRef.of(e.agentName(), e.agentType());
        String trigger =
                event.trigger() != null && ContextOverflow.TRIGGERS.contains(event.trigger()) ? event.trigger() : null;
        return new ContextOverflow(
                EventIds.of(e.source(), "overflow", e.seed()),
                e.occurredAt(),
                null,
                e.sessionId(),
                agent,
                event.model(),
                event.provider(),
                null,
                event.preTokens() == null ? 0 : event.preTokens(),
                null,
                List.of(),
                true,
                trigger,
                e.attributes());
    }

    /**
     * Loads the bundled price table, then the override file if one was given, into {@code dim_model_price}; then
     * rebuilds the daily API call rollup when it does not reflect every API call (a writable store only).
     */
    @Override
    public void onOpen(StoreContext context) {
        context.facade(TokensFacade.class).loadPrices(priceOverrides);
        // the daily rollup misses what changed outside the store's writer (erase, retention): rebuilt now
        // (the stale rollup is emptied and rebuilt by the statements a price change runs)
        if (!context.isReadOnly()
                && !context.sql("SELECT tokens_api_call_daily_current() AS current")
                        .rows()
                        .get(0)
                        .bool("current")) {
            context.runAfterWrite(TokensFactTypes.PRICE_CHANGE.table());
        }
    }

    @Override
    public String toString() {
        return "TokensModule[" + (priceOverrides == null ? "bundled prices" : "prices + " + priceOverrides) + "]";
    }
}
