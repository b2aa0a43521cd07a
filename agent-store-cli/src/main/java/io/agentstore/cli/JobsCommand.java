package io.agentstore.cli;

import io.agentstore.AgentStore;
import io.agentstore.memory.Job;
import io.agentstore.memory.MemoryFacade;
import io.agentstore.memory.MemoryModule;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code agent-store jobs}: the active and paused jobs (the original's {@code /jobs}). */
@Command(
        name = "jobs",
        mixinStandardHelpOptions = true,
        description = "List the jobs that are not completed, most recently active first (--all: every job).")
final class JobsCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Spec
    CommandSpec spec;

    @Option(names = "--all", description = "Also completed jobs.")
    boolean all;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (AgentStore s = MemoryStores.read(store)) {
            MemoryFacade m = MemoryModule.of(s);
            List<Job> jobs = all ? m.jobs() : m.openJobs();
            if (jobs.isEmpty()) {
                out.println(all ? "no jobs" : "no open jobs");
            }
            for (Job j : jobs) {
                out.printf(
                        Locale.ROOT,
                        "%-24s %-9s %-12s last activity %s  %d session(s)%s%n",
                        j.jobId(),
                        j.status().id(),
                        j.project() == null ? "-" : j.project(),
                        j.lastActivityAt(),
                        j.sessions(),
                        j.status().id().equals("paused") && j.pauseReason() != null
                                ? "  paused: " + j.pauseReason()
                                : "");
                m.lastSessionSummary(j.jobId())
                        .filter(x -> x.nextSessionPriority() != null)
                        .ifPresent(x -> out.println("    next: " + x.nextSessionPriority()));
            }
        }
        out.flush();
        return 0;
    }
}
