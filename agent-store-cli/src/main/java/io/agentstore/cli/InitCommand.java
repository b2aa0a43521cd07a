package io.agentstore.cli;

import io.agentstore.AgentStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code agent-store init}: creates the database (or brings its schema up to date, or adds a module). */
@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        description = {
            "Create the database, or apply pending schema migrations to it and repair its views.",
            "A new database gets every module this agent-store has (or those of --modules);"
                    + " --install adds a module to an existing one."
        })
final class InitCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(
            names = "--modules",
            paramLabel = "ID",
            split = ",",
            description = "For a new database: only these modules besides core (default: all).")
    List<String> modules;

    @Option(
            names = "--install",
            paramLabel = "ID",
            split = ",",
            description = "Install these modules into the database (repeatable or comma-separated).")
    List<String> install = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<String> ready;
        try (AgentStore s = store.openForWriting(modules, install)) {
            ready = s.modules();
        }
        // views as DuckDB reads them back from the file (a view just created prints differently)
        List<String> broken;
        try (AgentStore s = store.openForReading(false)) {
            broken = ViewCheck.problems(s);
        }
        if (!broken.isEmpty()) {
            spec.commandLine().getOut().println("agent-store: repairing views: " + String.join("; ", broken));
            store.openForRepair().close();
        }
        spec.commandLine()
                .getOut()
                .println("agent-store: " + store.database() + " is ready (modules " + String.join(", ", ready) + ")");
        return 0;
    }
}
