package io.agentstore.cli;

import io.agentstore.AgentStore;
import io.agentstore.agents.AgentsModule;
import io.agentstore.agents.FlagsTodosImport;
import io.agentstore.memory.MemoryModule;
import io.agentstore.memory.SqliteImportReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code agent-store import sqlite-memory FILE}: migrations from the systems agent-store replaces. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = "Import the database of a system agent-store replaces.",
        subcommands = {ImportCommand.SqliteMemory.class, StrategyCommands.ImportAnalyticsDb.class})
final class ImportCommand {

    /** {@code import sqlite-memory FILE}. */
    @Command(
            name = "sqlite-memory",
            mixinStandardHelpOptions = true,
            description = {
                "Import a database of the SQLite memory system (jobs, sessions, messages, agents, agent_memory,"
                        + " agent_health, tool_logs, flags, todos); flags and todos go to the agents module, which is"
                        + " installed for them. Idempotent.",
                "Exits 65 when rows were refused (the report says which and why)."
            })
    static final class SqliteMemory implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "The SQLite database file.")
        Path file;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            SqliteImportReport r;
            FlagsTodosImport agents;
            try (AgentStore s = store.openForWriting(null, List.of("memory", "agents"))) {
                r = MemoryModule.of(s).importSqliteMemory(file);
                agents = AgentsModule.of(s).importSqliteMemory(file);
            }
            out.println("imported " + r.file());
            out.printf("  %-14s %6s %9s %8s %8s%n", "table", "rows", "imported", "present", "skipped");
            for (String t : new TreeSet<>(r.read().keySet())) {
                if (agents.read().containsKey(t)) {
                    // rows of the agents module: a row gives several facts (statuses, assignment, dependencies)
                    out.printf(
                            "  %-14s %6d %9d %8d %8d  (facts)%n",
                            t,
                            agents.read().get(t),
                            agents.imported().getOrDefault(t, 0L),
                            agents.present().getOrDefault(t, 0L),
                            0L);
                    continue;
                }
                out.printf(
                        "  %-14s %6d %9d %8d %8d%n",
                        t,
                        r.read().get(t),
                        r.imported().getOrDefault(t, 0L),
                        r.present().getOrDefault(t, 0L),
                        r.skipped().getOrDefault(t, 0L));
            }
            if (!r.skipped().isEmpty()) {
                out.println("  skipped rows belong to the agents module, which is not installed; run again once it is");
            }
            r.notes().forEach(n -> out.println("  note: " + n));
            r.refused().forEach(n -> out.println("  refused: " + n));
            agents.refused().forEach(n -> out.println("  refused: " + n));
            out.flush();
            return r.refused().isEmpty() && agents.refused().isEmpty() ? 0 : Main.EXIT_DATA;
        }
    }
}
