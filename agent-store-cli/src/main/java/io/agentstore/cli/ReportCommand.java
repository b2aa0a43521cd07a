package io.agentstore.cli;

import io.agentstore.AgentStore;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code agent-store report daily|weekly|monthly|session|blocks}. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        subcommands = {
            QualityCommands.Report.class,
            StrategyCommands.Report.class,
            HtmlReport.Command.class,
            AuditCommands.Report.class
        },
        description = {
            "Token usage and cost per day, week, month, session or 5-hour block.",
            "Cost comes from the bundled price table; a model it does not know shows as unpriced, never as $0."
        })
final class ReportCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "KIND",
            description = {
                "daily, weekly, monthly, session or blocks" + " (or the subcommands quality, strategies and html).",
                "session: date, last activity and project of each session, sub-agents folded into their parent (--flat lists them);"
                        + " blocks: 5-hour windows with end, gaps, and for the active one the time left, burn rate and projection."
            })
    Reports.Kind kind;

    @Option(names = "--json", description = "JSON in ccusage's field names instead of a table.")
    boolean json;

    @Option(names = "--since", paramLabel = "DATE", description = "First day (YYYY-MM-DD or YYYYMMDD).")
    String since;

    @Option(names = "--until", paramLabel = "DATE", description = "Last day (YYYY-MM-DD or YYYYMMDD).")
    String until;

    @Option(
            names = "--project",
            paramLabel = "PROJECT",
            description = "Only the calls of this project's sessions (the project column of report session).")
    String project;

    @Option(
            names = {"-z", "--timezone"},
            paramLabel = "ZONE",
            description =
                    "Time zone for days, weeks and months, for example UTC or Europe/Berlin (default: this machine's).")
    String timezone;

    @Option(
            names = {"-b", "--breakdown"},
            description = "One line per model under each period.")
    boolean breakdown;

    @Option(
            names = "--flat",
            description = "session: list sub-agent transcripts as sessions of their own instead of"
                    + " folding them into their parent.")
    boolean flat;

    @Option(
            names = "--by-host",
            description = "Token totals by machine and day (stores merged with 'agent-store merge' keep each fact's"
                    + " machine): the view v_usage_by_host.")
    boolean byHost;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (kind == null && !byHost) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(),
                    "Missing required parameter: 'KIND' (daily, weekly, monthly, session, blocks or quality)");
        }
        ZoneId zone = zone(timezone);
        LocalDate from = since == null ? null : IngestCommand.parseDay(since);
        LocalDate to = until == null ? null : IngestCommand.parseDay(until);
        checkRange(from, to);
        try (AgentStore s = store.openForReading(true)) {
            if (byHost) {
                var usage = s.sql(
                        "SELECT * FROM v_usage_by_host WHERE (CAST(? AS DATE) IS NULL OR day >= CAST(? AS DATE))"
                                + " AND (CAST(? AS DATE) IS NULL OR day <= CAST(? AS DATE)) ORDER BY day, source_host",
                        day(from),
                        day(from),
                        day(to),
                        day(to));
                spec.commandLine().getOut().println(json ? usage.toJson() : usage.toString());
                spec.commandLine().getOut().flush();
                return 0;
            }
            Reports reports = new Reports(s, zone, project);
            if (json) {
                spec.commandLine().getOut().println(reports.json(kind, from, to));
            } else {
                spec.commandLine().getOut().print(reports.table(kind, from, to, breakdown, flat));
            }
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    /** The {@code --timezone} option's zone, this machine's when {@code timezone} is null. */
    static ZoneId zone(String timezone) {
        try {
            return timezone == null ? ZoneId.systemDefault() : ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                    "--timezone '" + timezone + "' is not a time zone (examples: UTC, Europe/Berlin)");
        }
    }

    /** Refuses an {@code --until} day before the {@code --since} day. */
    static void checkRange(LocalDate from, LocalDate to) {
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("--until " + to + " is before --since " + from);
        }
    }

    private static String day(LocalDate d) {
        return d == null ? null : d.toString();
    }
}
