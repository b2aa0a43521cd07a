package io.agentstore.cli;

import io.agentstore.AgentStore;
import io.agentstore.lifecycle.Retention;
import io.agentstore.lifecycle.RetentionPolicy;
import io.agentstore.lifecycle.RetentionRun;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code agent-store retention show|keep|drop|run}: per-fact-table policies (keep N days); a run archives the older
 * facts to Parquet beside the database, reads the archive back and counts it, then purges exactly those rows; logged.
 */
@Command(
        name = "retention",
        mixinStandardHelpOptions = true,
        description = {
            "Keep the facts of a table for N days: older ones are archived to Parquet (<db>.archive/<table>/), read"
                    + " back and counted, and only then purged. Logged in v_retention_log.",
            "Run it while no other process uses the database."
        },
        subcommands = {
            RetentionCommand.Show.class,
            RetentionCommand.Keep.class,
            RetentionCommand.Drop.class,
            RetentionCommand.Run.class
        })
final class RetentionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "name a subcommand: show, keep TABLE DAYS, drop TABLE or run");
    }

    /** Opens for writing once (pending migrations, including the lifecycle tables), then hands over the file. */
    static Retention retention(StoreOptions store) {
        try (AgentStore s = store.openExistingForWriting()) {
            s.path();
        }
        return Retention.of(store.database());
    }

    /** {@code retention show}. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "The policies and the rows due now.")
    static final class Show implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<RetentionPolicy> policies = retention(store).show();
            if (policies.isEmpty()) {
                out.println("agent-store: no retention policy; set one with: agent-store retention keep TABLE DAYS");
            }
            for (RetentionPolicy p : policies) {
                out.printf(
                        java.util.Locale.ROOT,
                        "%-28s keep %4d days  cutoff %s  due %,d rows  archived so far %,d rows%n",
                        p.factTable(),
                        p.keepDays(),
                        p.cutoff(),
                        p.dueRows(),
                        p.archivedRows());
            }
            return 0;
        }
    }

    /** {@code retention keep TABLE DAYS}. */
    @Command(name = "keep", mixinStandardHelpOptions = true, description = "Set the policy of a fact table.")
    static final class Keep implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(index = "0", paramLabel = "TABLE", description = "A fact table, for example fact_tool_call.")
        String table;

        @Parameters(index = "1", paramLabel = "DAYS", description = "Days to keep (at least 1).")
        int days;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            retention(store).keep(table, days);
            spec.commandLine()
                    .getOut()
                    .println("agent-store: " + table + " keeps " + days + " days; 'agent-store"
                            + " retention run' applies it");
            return 0;
        }
    }

    /** {@code retention drop TABLE}. */
    @Command(name = "drop", mixinStandardHelpOptions = true, description = "Remove the policy of a fact table.")
    static final class Drop implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(index = "0", paramLabel = "TABLE", description = "A fact table.")
        String table;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            boolean had = retention(store).drop(table);
            spec.commandLine()
                    .getOut()
                    .println("agent-store: " + (had ? "removed the policy of " : "no policy for ") + table);
            return 0;
        }
    }

    /** {@code retention run}. */
    @Command(name = "run", mixinStandardHelpOptions = true, description = "Archive, read back, then purge.")
    static final class Run implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<RetentionRun> runs = retention(store).run();
            if (runs.isEmpty()) {
                out.println("agent-store: nothing due");
            }
            for (RetentionRun r : runs) {
                out.println("agent-store: " + r.factTable() + ": archived " + r.archivedRows() + " rows before "
                        + r.cutoff() + " to " + r.archive() + " (read back), purged " + r.purgedRows());
            }
            return 0;
        }
    }
}
