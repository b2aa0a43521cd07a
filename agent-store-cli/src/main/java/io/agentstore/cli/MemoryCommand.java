package io.agentstore.cli;

import io.agentstore.AgentStore;
import io.agentstore.memory.CompactedMemory;
import io.agentstore.memory.CompactionReport;
import io.agentstore.memory.HealthCheck;
import io.agentstore.memory.Memory;
import io.agentstore.memory.MemoryChange;
import io.agentstore.memory.MemoryFacade;
import io.agentstore.memory.MemoryModule;
import io.agentstore.memory.MemoryType;
import io.agentstore.memory.TimeAxis;
import io.agentstore.spi.Json;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code agent-store memory show|history|compact|health}: the typed memory of agents. */
@Command(
        name = "memory",
        mixinStandardHelpOptions = true,
        description = "Show, trace, compact and check the typed memory of agents (the memory module).",
        subcommands = {
            MemoryCommand.Show.class,
            MemoryCommand.History.class,
            MemoryCommand.Compact.class,
            MemoryCommand.Health.class
        })
final class MemoryCommand {

    static MemoryType type(String name) {
        return name == null ? null : MemoryType.of("--type", name);
    }

    /** {@code memory show AGENT}. */
    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = "Print an agent's memories: current, or as of an instant on either time axis.")
    static final class Show implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "AGENT", description = "The agent name.")
        String agent;

        @Option(names = "--type", paramLabel = "TYPE", description = "One memory type (knowledge, structure, ...).")
        String type;

        @Option(
                names = "--as-of",
                paramLabel = "INSTANT",
                description = "An ISO-8601 instant, e.g. 2025-01-14T00:00:00Z.")
        Instant asOf;

        @Option(
                names = "--axis",
                paramLabel = "AXIS",
                defaultValue = "system",
                description =
                        "system (what the store held then) or valid (what was true then); default ${DEFAULT-VALUE}.")
        String axis;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            MemoryType t = type(type);
            TimeAxis a = TimeAxis.valueOf(axis.trim().toUpperCase(Locale.ROOT));
            try (AgentStore s = MemoryStores.read(store)) {
                MemoryFacade m = MemoryModule.of(s);
                List<Memory> found = asOf == null
                        ? (t == null
                                ? m.currentMemory(agent)
                                : m.currentMemory(agent, t).map(List::of).orElse(List.of()))
                        : (t == null
                                ? m.memoryAsOf(agent, asOf, a)
                                : m.memoryAsOf(agent, t, asOf, a).map(List::of).orElse(List.of()));
                if (found.isEmpty()) {
                    out.println("no memory of " + agent + (asOf == null ? "" : " as of " + asOf));
                }
                for (Memory x : found) {
                    out.printf(
                            Locale.ROOT,
                            "%s v%d  valid from %s  recorded %s  %s by %s%s (%.1f KB)%n",
                            x.type().id(),
                            x.version(),
                            x.validFrom(),
                            x.recordedAt(),
                            x.changeKind(),
                            x.authorKind().id(),
                            x.authorName() == null ? "" : " " + x.authorName(),
                            x.sizeKb());
                    out.println(pretty(x.content()));
                }
            }
            out.flush();
            return 0;
        }
    }

    static String pretty(Object value) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    /** {@code memory history AGENT --type TYPE}. */
    @Command(
            name = "history",
            mixinStandardHelpOptions = true,
            description = "Every version of one memory of an agent: when, who, why, and what changed.")
    static final class History implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "AGENT", description = "The agent name.")
        String agent;

        @Option(names = "--type", paramLabel = "TYPE", required = true, description = "The memory type.")
        String type;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (AgentStore s = MemoryStores.read(store)) {
                List<MemoryChange> changes = MemoryModule.of(s).history(agent, type(type));
                if (changes.isEmpty()) {
                    out.println("no " + type + " memory of " + agent);
                }
                for (MemoryChange c : changes) {
                    Memory x = c.memory();
                    out.printf(
                            Locale.ROOT,
                            "v%d  recorded %s  valid from %s  %s by %s%s%s%n",
                            x.version(),
                            x.recordedAt(),
                            x.validFrom(),
                            x.changeKind(),
                            x.authorKind().id(),
                            x.authorName() == null ? "" : " " + x.authorName(),
                            x.reason() == null ? "" : ": " + x.reason());
                    c.diff().added().forEach(p -> out.println("    + " + p));
                    c.diff().removed().forEach(p -> out.println("    - " + p));
                    c.diff().changed().forEach(p -> out.println("    ~ " + p));
                }
            }
            out.flush();
            return 0;
        }
    }

    /** {@code memory compact AGENT [--force] [--type TYPE]}. */
    @Command(
            name = "compact",
            mixinStandardHelpOptions = true,
            description = {
                "Compact an agent's memories with the per-type strategies (new versions; history keeps the old).",
                "Without --force only memories over their size limit are compacted."
            })
    static final class Compact implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "AGENT", description = "The agent name.")
        String agent;

        @Option(names = "--type", paramLabel = "TYPE", description = "One memory type; default all.")
        String type;

        @Option(names = "--force", description = "Compact every type that has a strategy.")
        boolean force;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (AgentStore s = MemoryStores.open(store)) {
                CompactionReport r = MemoryModule.of(s).compact(agent, type(type), force);
                out.printf(
                        Locale.ROOT,
                        "%s: %.1f KB -> %.1f KB, %.1f KB saved (%.1f%%)%n",
                        r.agent(),
                        r.totalBeforeKb(),
                        r.totalAfterKb(),
                        r.totalSavedKb(),
                        r.reductionPercent());
                for (CompactedMemory c : r.compactedMemories()) {
                    out.printf(
                            Locale.ROOT,
                            "  %-12s %.1f KB -> %.1f KB (v%d)%n",
                            c.type().id(),
                            c.beforeKb(),
                            c.afterKb(),
                            c.version());
                }
                if (r.compactedMemories().isEmpty()) {
                    out.println("  nothing to compact"
                            + (force ? "" : " (no memory over its limit; --force compacts all)"));
                }
            }
            out.flush();
            return 0;
        }
    }

    /** {@code memory health [AGENT]}. */
    @Command(
            name = "health",
            mixinStandardHelpOptions = true,
            description = "Check agents' drift and memory size now (the checks are recorded) and print them.")
    static final class Health implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", arity = "0..1", paramLabel = "AGENT", description = "One agent; default all.")
        String agent;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (AgentStore s = MemoryStores.open(store)) {
                MemoryFacade m = MemoryModule.of(s);
                List<HealthCheck> checks = agent == null ? m.checkAllHealth() : List.of(m.checkHealth(agent));
                if (checks.isEmpty()) {
                    out.println("no agents with memory or a baseline");
                }
                for (HealthCheck h : checks) {
                    out.printf(
                            Locale.ROOT,
                            "%-20s %-9s drift %3d  confidence %3d  %6d KB%s%n  %s%n",
                            h.agent(),
                            h.status().id(),
                            h.driftScore(),
                            h.confidenceScore(),
                            h.memorySizeKb(),
                            h.compactionNeeded() ? "  needs compaction" : "",
                            h.recommendations());
                }
            }
            out.flush();
            return 0;
        }
    }
}
