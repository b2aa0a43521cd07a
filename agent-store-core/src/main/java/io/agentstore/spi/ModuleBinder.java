package io.agentstore.spi;

import java.util.function.Function;

/** What a {@link SchemaModule} registers with a store as it opens. */
public interface ModuleBinder {

    /** Records of {@code type} are written by {@code factType}. */
    <R extends FactRecord> void fact(Class<R> type, FactType<R> factType);

    /**
     * The typed facade returned by {@code AgentStore.module(Class)} for {@code type}, created once per store
     * by {@code factory} from the module's own {@link StoreContext}, after the store is built. A facade never
     * receives the store itself; work at open belongs in {@link SchemaModule#onOpen}, not in the factory.
     */
    <F> void facade(Class<F> type, Function<StoreContext, F> factory);

    /**
     * A tool this module offers to agents (MCP server, owner process). Tool names are unique over all
     * installed modules.
     */
    void tool(ToolSpec tool);

    /**
     * Turns source events of {@code type} into this module's facts (see {@link EventMapping}). Sources hand
     * events to the store; the mappings of the installed modules decide what is kept. Several modules may
     * map the same kind of event.
     */
    <E extends SourceEvent> void mapping(Class<E> type, EventMapping<? super E> mapping);

    /**
     * A checkpoint this module writes into every export's {@code _manifest.json}, under
     * {@code checkpoints.<name>}: {@code checkpoint} gets the module's own {@link StoreContext} just before the
     * export and returns JSON values (for example the head of a hash chain, so that the export is a copy of it kept
     * outside the database). Names are unique over all installed modules.
     */
    default void exportCheckpoint(String name, Function<StoreContext, java.util.Map<String, Object>> checkpoint) {}

    /** A listener told of the queries run through the store while an origin is set (see {@link QueryListener}). */
    default void queryListener(QueryListener listener) {}

    /**
     * A statement the writer runs in the same transaction as every batch that wrote facts to {@code factTable},
     * after the facts and their dimension rows are appended and before the commit: how a module keeps a table
     * derived from facts (a rollup) exactly in step with them. The statement takes one parameter, the
     * {@code recorded_at} the batch's facts were written with (every fact of a batch has the same one, later than
     * any before it), so {@code WHERE recorded_at = ?} selects the new facts. It fails the batch when it fails.
     * Statements run in the order they were registered. The default ignores it (binders that do not write).
     */
    default void afterWrite(String factTable, String sql) {}
}
