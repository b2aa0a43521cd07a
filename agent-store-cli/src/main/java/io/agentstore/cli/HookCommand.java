package io.agentstore.cli;

import io.agentstore.claudecode.HookSpool;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code agent-store hook}: appends the Claude Code hook payload on stdin to the spool beside the
 * database, without opening it, so that it is fast and never waits for a running import.
 */
@Command(name = "hook", mixinStandardHelpOptions = true,
        description = {"Append one Claude Code hook payload (stdin) to the spool beside the database.",
                "It does not open the database: 'agent-store ingest claude-code' drains the spool.",
                "Always exits 0 so that it never gets in Claude Code's way; problems go to stderr."})
final class HookCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try {
            byte[] stdin = System.in.readAllBytes();
            if (stdin.length == 0) {
                spec.commandLine().getErr().println("agent-store hook: nothing on stdin; nothing spooled");
                return 0;
            }
            StoreOptions.ownerOnlyFolder(store.database().getParent());
            HookSpool.besideDatabase(store.database()).append(stdin, Clock.systemUTC().instant());
        } catch (IOException | RuntimeException e) {
            spec.commandLine().getErr().println("agent-store hook: " + e.getMessage());
        }
        return 0;
    }
}
