package io.agentstore.spi;

/**
 * Told of every query run through a store ({@code AgentStore.sql}, {@code readQuery}, and the modules' queries on
 * behalf of a caller) while an origin is set: the CLI command or MCP tool that ran it (see
 * {@code AgentStore.withOrigin} and {@code AgentStore.Builder.origin}). Registered with
 * {@link ModuleBinder#queryListener}; the queries a listener runs itself are not reported to it. A listener must be
 * quick and must not throw: it runs on the caller's thread, before the query.
 */
@FunctionalInterface
public interface QueryListener {

    /**
     * A query is about to run.
     *
     * @param context the listening module's own context
     * @param origin  who runs it, for example {@code cli query} or {@code mcp search_prompts}
     * @param sql     its text
     */
    void onQuery(StoreContext context, String origin, String sql);
}
