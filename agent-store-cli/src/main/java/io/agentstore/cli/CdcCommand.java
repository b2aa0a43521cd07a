package io.agentstore.cli;

import io.agentstore.AgentStore;
import io.agentstore.cdc.CdcFacade;
import io.agentstore.cdc.CdcModule;
import io.agentstore.cdc.Change;
import io.agentstore.cdc.CheckReport;
import io.agentstore.cdc.Classification;
import io.agentstore.cdc.ComponentDependency;
import io.agentstore.cdc.ImpactedComponent;
import io.agentstore.cdc.SkillSource;
import io.agentstore.cdc.SourceRegistration;
import io.agentstore.cdc.SourceType;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code agent-store cdc add|check|changes|impact}: watch what the agents' work depends on (the cdc module). */
@Command(
        name = "cdc",
        mixinStandardHelpOptions = true,
        description = "Watch docs, repositories, API contracts, schemas, configs and packages the work depends on, "
                + "classify every change (BREAKING, ADDITIVE, COSMETIC) and know what it breaks (the cdc module).",
        subcommands = {CdcCommand.Add.class, CdcCommand.Check.class, CdcCommand.Changes.class, CdcCommand.Impact.class})
final class CdcCommand {
    /** Exit code of {@code cdc check} when a BREAKING change affects a registered component. */
    static final int EXIT_BREAKING = 3;

    private static final List<String> MODULES = List.of("tokens", "cdc");

    private CdcCommand() {}

    /** {@code cdc add NAME --type T --location L}. */
    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = "Register (or re-register) a source, and the components and skills that depend on it.")
    static final class Add implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "The source's name.")
        String name;

        @Option(
                names = "--type",
                required = true,
                paramLabel = "TYPE",
                description = "docs, git, api, schema, config, service or package.")
        String type;

        @Option(
                names = "--location",
                required = true,
                paramLabel = "URL|PATH",
                description = "An http(s) URL (no credentials) or a local file, folder or repository.")
        String location;

        @Option(
                names = "--every",
                defaultValue = "60",
                paramLabel = "MINUTES",
                description = "Minutes between checks; default ${DEFAULT-VALUE}.")
        long every;

        @Option(names = "--dependency", paramLabel = "NAME", description = "The dependency this source describes.")
        String dependency;

        @Option(
                names = "--consumer",
                paramLabel = "COMPONENT",
                description = "A component that consumes the dependency (repeatable; needs --dependency).")
        List<String> consumers = new ArrayList<>();

        @Option(names = "--skill", paramLabel = "SKILL", description = "A skill built from this source (repeatable).")
        List<String> skills = new ArrayList<>();

        @Override
        public Integer call() {
            if (!consumers.isEmpty() && dependency == null) {
                throw new IllegalArgumentException("--consumer needs --dependency");
            }
            SourceType t = SourceType.of(type.trim().toLowerCase(Locale.ROOT));
            try (AgentStore s = store.openForWriting(null, MODULES)) {
                CdcFacade cdc = CdcModule.of(s);
                cdc.register(SourceRegistration.builder()
                        .sourceName(name)
                        .sourceType(t)
                        .location(location)
                        .scheduleMinutes(every)
                        .dependencyName(dependency)
                        .build());
                consumers.forEach(c -> cdc.link(ComponentDependency.of(c, null, "consumes", dependency)));
                skills.forEach(k -> cdc.link(SkillSource.of(k, name)));
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("registered " + name + " (" + t.id() + ", every " + every + " min): " + location);
            out.flush();
            return 0;
        }
    }

    /** {@code cdc check [--all]}. */
    @Command(
            name = "check",
            mixinStandardHelpOptions = true,
            description = {
                "Check every source that is due and print what changed.",
                "Exit code 3 when a BREAKING change affects a registered component (for CI and cron)."
            })
    static final class Check implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Spec
        CommandSpec spec;

        @Option(names = "--all", description = "Check every source now, due or not.")
        boolean all;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            CheckReport report;
            try (AgentStore s = store.openForWriting(null, MODULES)) {
                CdcFacade cdc = CdcModule.of(s);
                report = all ? cdc.checkAll() : cdc.check();
            }
            long unavailable = 0;
            long changed = 0;
            for (CheckReport.SourceCheck c : report.sources()) {
                if (!c.available()) {
                    unavailable++;
                    out.printf(Locale.ROOT, "%s (%s): UNAVAILABLE: %s%n", c.sourceName(), c.checker(), c.error());
                } else if (c.changed()) {
                    changed++;
                    out.printf(
                            Locale.ROOT,
                            "%s (%s): %d change(s)%n",
                            c.sourceName(),
                            c.checker(),
                            c.changes().size());
                    c.changes().forEach(x -> out.println("  " + line(x)));
                }
            }
            List<Change> breaking = report.breakingAffectingComponents();
            out.printf(
                    Locale.ROOT,
                    "checked %d source(s): %d changed, %d unavailable, %d BREAKING affecting components%n",
                    report.sources().size(),
                    changed,
                    unavailable,
                    breaking.size());
            out.flush();
            return breaking.isEmpty() ? 0 : EXIT_BREAKING;
        }
    }

    static String line(Change c) {
        return c.classification() + " " + c.ruleId() + " " + (c.method() == null ? "" : c.method() + " ")
                + (c.subject() == null ? "" : c.subject()) + ": " + c.summary()
                + (c.affectedComponents().isEmpty() ? "" : "  -> " + String.join(", ", c.affectedComponents()));
    }

    /** {@code cdc changes [--since INSTANT] [--breaking]}. */
    @Command(
            name = "changes",
            mixinStandardHelpOptions = true,
            description = "Print the changes detected since an instant (default: the last 7 days), oldest first.")
    static final class Changes implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Spec
        CommandSpec spec;

        @Option(names = "--since", paramLabel = "INSTANT", description = "An ISO-8601 instant.")
        Instant since;

        @Option(names = "--breaking", description = "Only BREAKING changes.")
        boolean breaking;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (AgentStore s = store.openForWriting(null, MODULES)) {
                Instant from = since != null ? since : s.clock().instant().minus(Duration.ofDays(7));
                List<Change> changes = CdcModule.of(s).changes(from, breaking);
                for (Change c : changes) {
                    out.println(c.occurredAt() + " " + c.sourceName() + " " + line(c));
                }
                long b = changes.stream()
                        .filter(c -> c.classification() == Classification.BREAKING)
                        .count();
                out.printf(Locale.ROOT, "%d change(s) since %s, %d BREAKING%n", changes.size(), from, b);
            }
            out.flush();
            return 0;
        }
    }

    /** {@code cdc impact DEPENDENCY}. */
    @Command(
            name = "impact",
            mixinStandardHelpOptions = true,
            description = "Print what a failure or breaking change of a dependency reaches (the recursive cascade).")
    static final class Impact implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DEPENDENCY", description = "The dependency's name.")
        String dependency;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (AgentStore s = store.openForWriting(null, MODULES)) {
                List<ImpactedComponent> impact = CdcModule.of(s).impact(dependency);
                for (ImpactedComponent i : impact) {
                    out.printf(
                            Locale.ROOT,
                            "%d  %s%s  (via %s)%n",
                            i.depth(),
                            i.componentName(),
                            i.componentType() == null ? "" : " [" + i.componentType() + "]",
                            i.viaDependency());
                }
                out.println(impact.size() + " component(s) depend on " + dependency);
            }
            out.flush();
            return 0;
        }
    }
}
