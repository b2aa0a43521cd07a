package io.agentstore.cli;

import io.agentstore.AgentStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code agent-store init}: creates the database (or brings its schema up to date). */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Create the database, or apply pending schema migrations to it.")
final class InitCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (AgentStore s = store.open()) {
            spec.commandLine().getOut().println("agent-store: " + s.path().orElseThrow() + " is ready (modules "
                    + String.join(", ", s.modules()) + ")");
        }
        return 0;
    }
}
