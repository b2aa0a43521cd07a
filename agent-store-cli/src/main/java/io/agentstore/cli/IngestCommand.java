package io.agentstore.cli;

import io.agentstore.AgentStore;
import io.agentstore.claudecode.ClaudeCodeImporter;
import io.agentstore.claudecode.ClaudeCodeLocations;
import io.agentstore.claudecode.HookSpool;
import io.agentstore.claudecode.ImportProgress;
import io.agentstore.claudecode.ImportSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code agent-store ingest ...}: imports history from a source. */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        description = "Import history from a source.",
        subcommands = {
            IngestCommand.ClaudeCode.class,
            QualityCommands.IngestTests.class,
            QualityCommands.IngestGit.class
        })
final class IngestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "name a source, for example: agent-store ingest claude-code");
    }

    /** {@code agent-store ingest claude-code}. */
    @Command(
            name = "claude-code",
            mixinStandardHelpOptions = true,
            description = {
                "Import Claude Code transcripts (~/.claude/projects, or $CLAUDE_CONFIG_DIR/projects) and the hook spool.",
                "Incremental: only new lines are read; importing again changes nothing."
            },
            footer = {"%nSchedule it, for example with cron:", "  */15 * * * *  agent-store ingest claude-code --quiet"
            })
    static final class ClaudeCode implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Option(names = "--projects", paramLabel = "DIR", description = "A projects folder to import (repeatable).")
        List<Path> projects = List.of();

        @Option(
                names = "--since",
                paramLabel = "DATE",
                description = "Only files changed on or after this day (YYYY-MM-DD or YYYYMMDD).")
        String since;

        @Option(
                names = "--idle-after",
                paramLabel = "DURATION",
                defaultValue = "30m",
                converter = StoreOptions.DurationConverter.class,
                description =
                        "A file unchanged for this long is finished (default: ${DEFAULT-VALUE}); newer files keep their last call for the next import.")
        Duration idleAfter;

        @Option(names = "--no-hooks", description = "Do not drain the hook spool.")
        boolean noHooks;

        @Option(
                names = "--rescan",
                description = "Read every transcript again from its start and give its events to"
                        + " the installed modules (for a module installed after the history was imported); stored facts are"
                        + " not imported twice.")
        boolean rescan;

        @Option(
                names = {"-q", "--quiet"},
                description = "No progress bar and no summary.")
        boolean quiet;

        @Option(names = "--progress", description = "Show the progress bar even when stderr is not a terminal.")
        boolean progress;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            io.agentstore.mcp.StoreAccess access = Access.of(store, store.lockWait);
            if (access.owner().isPresent()) {
                // 'agent-store serve' holds the file: it runs the import
                String summary = access.write(
                        io.agentstore.mcp.ClaudeCodeImports.OPERATION,
                        io.agentstore.mcp.ClaudeCodeImports.arguments(
                                projects,
                                since == null
                                        ? null
                                        : parseDay(since)
                                                .atStartOfDay(ZoneId.systemDefault())
                                                .toInstant(),
                                idleAfter,
                                !noHooks),
                        null);
                if (!quiet) {
                    spec.commandLine().getOut().println("agent-store: imported by the owner process: " + summary);
                }
                return 0;
            }
            List<Path> lookedIn = projects.isEmpty() ? ClaudeCodeLocations.projectDirs() : projects;
            List<Path> missing = lookedIn.stream()
                    .filter(d -> !java.nio.file.Files.isDirectory(d))
                    .toList();
            if (missing.size() == lookedIn.size()) {
                err.println("agent-store: no Claude Code projects folder found; looked in: "
                        + String.join(
                                ", ", lookedIn.stream().map(Path::toString).toList())
                        + (projects.isEmpty() ? " (set CLAUDE_CONFIG_DIR, or name one with --projects DIR)" : "")
                        + (noHooks ? "" : "; only the hook spool is drained"));
            } else {
                missing.forEach(d -> err.println("agent-store: warning: " + d + " is not a folder; skipped"));
            }
            Path legacy = store.database().resolveSibling("spool");
            if (!noHooks && HookSpool.at(legacy).files().size() > 0) {
                err.println("agent-store: warning: " + legacy + " holds hook payloads of an earlier version, which"
                        + " kept one spool per folder; each database now has its own ("
                        + HookSpool.besideDatabase(store.database()).folder()
                        + "): move the files there to import them");
            }
            err.flush();
            try (AgentStore s = store.openForWriting(null, List.of())) {
                ClaudeCodeImporter.Builder b = ClaudeCodeImporter.builder(s).idleAfter(idleAfter);
                projects.forEach(b::projectsDir);
                if (rescan) {
                    b.rescan();
                }
                if (since != null) {
                    b.since(parseDay(since).atStartOfDay(ZoneId.systemDefault()).toInstant());
                }
                if (!noHooks) {
                    b.hookSpool(HookSpool.besideDatabase(store.database()));
                }
                io.agentstore.lifecycle.SkipList skip = io.agentstore.lifecycle.SkipList.of(s);
                b.exclude(skip);
                boolean bar = !quiet && (progress || System.console() != null);
                if (bar) {
                    b.progress(p -> bar(err, p));
                }
                ImportSummary summary = b.build().run();
                long derived = StrategyCommands.deriveAttempts(s);
                if (bar) {
                    err.print("\r\033[K");
                    err.flush();
                }
                if (!quiet) {
                    spec.commandLine().getOut().println("agent-store: imported " + summary);
                    if (derived > 0) {
                        spec.commandLine().getOut().println("agent-store: " + derived + " strategy attempt(s) derived");
                    }
                    if (skip.skipped() > 0) {
                        spec.commandLine()
                                .getOut()
                                .println("agent-store: skipped " + skip.skipped()
                                        + " transcript(s) of erased sessions ('agent-store erase --forget' lets them in"
                                        + " again)");
                    }
                    if (summary.errors() > 0) {
                        spec.commandLine()
                                .getOut()
                                .println(
                                        "agent-store: " + summary.errors()
                                                + " line(s) could not be used; see: agent-store query \"SELECT * FROM v_ingest_errors\"");
                    }
                }
            }
            return 0;
        }

        private static void bar(PrintWriter err, ImportProgress p) {
            int width = 30;
            int done = (int) Math.round(p.fraction() * width);
            String eta = p.eta()
                    .map(d -> String.format(Locale.ROOT, " ETA %d:%02d", d.toMinutes(), d.toSecondsPart()))
                    .orElse("");
            err.printf(
                    Locale.ROOT,
                    "\r[%s%s] %3.0f%% %d/%d files %,.0f lines/s%s\033[K",
                    "#".repeat(done),
                    ".".repeat(width - done),
                    p.fraction() * 100,
                    p.filesDone(),
                    p.filesTotal(),
                    p.linesPerSecond(),
                    eta);
            err.flush();
        }
    }

    /** A day as YYYY-MM-DD or YYYYMMDD. */
    static LocalDate parseDay(String text) {
        try {
            return text.length() == 8 ? LocalDate.parse(text, DateTimeFormatter.BASIC_ISO_DATE) : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a day: use YYYY-MM-DD or YYYYMMDD");
        }
    }
}
