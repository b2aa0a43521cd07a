package io.agentstore.cli;

import io.agentstore.mcp.AgentStoreMcp;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code agent-store mcp}: the MCP server over stdio (official MCP Java SDK) with the tools of the installed
 * modules, {@code sql} and {@code describe_schema}. It never holds the database between calls: each call goes to
 * the owner process ({@code agent-store serve}) when one runs, else opens the file for that call.
 */
@Command(
        name = "mcp",
        mixinStandardHelpOptions = true,
        description = {
            "Serve the store's tools to an MCP client over stdio (recall, budgets, cost, sql, describe_schema).",
            "The database is opened per call, or reached through 'agent-store serve' when it runs."
        },
        footer = {"%nClaude Code:", "  claude mcp add agent-store -- /path/to/bin/agent-store mcp"})
final class McpCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Override
    public Integer call() {
        String[] version = new Main.Version().getVersion();
        AgentStoreMcp.serveStdio(
                Access.of(store, store.lockWait), version[0].replace("agent-store ", ""), System.in, System.out);
        return 0;
    }
}
