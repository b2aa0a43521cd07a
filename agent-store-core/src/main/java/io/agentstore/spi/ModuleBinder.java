package io.agentstore.spi;

import io.agentstore.AgentStore;
import java.util.function.Function;

/** What a {@link SchemaModule} registers with a store as it opens. */
public interface ModuleBinder {

    /** Records of {@code type} are written by {@code factType}. */
    <R extends FactRecord> void fact(Class<R> type, FactType<R> factType);

    /**
     * The typed facade returned by {@link AgentStore#module(Class)} for {@code type}, created once per
     * store by {@code factory}.
     */
    <F> void facade(Class<F> type, Function<AgentStore, F> factory);

    /**
     * A tool this module offers to agents (MCP server, owner process). Tool names are unique over all
     * installed modules.
     */
    void tool(ToolSpec tool);
}
