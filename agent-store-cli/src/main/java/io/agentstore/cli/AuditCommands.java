package io.agentstore.cli;

import io.agentstore.AgentStore;
import io.agentstore.audit.AuditFacade;
import io.agentstore.audit.RescanReport;
import io.agentstore.spi.QueryResult;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The audit module's commands: {@code agent-store redact --rescan} and {@code agent-store report prompts}. */
final class AuditCommands {
    private AuditCommands() {}

    /** {@code agent-store redact --rescan}. */
    @Command(
            name = "redact",
            mixinStandardHelpOptions = true,
            description = {
                "With --rescan: apply today's redaction rules to the text stored before (by an older rule set, or"
                        + " before the audit module was installed) in every fact table, replace what they find in"
                        + " place, and print how many values each rule replaced.",
                "What was replaced is recorded in fact_audit_redaction and sealed into the audit hash chain, so"
                        + " 'agent-store verify' still passes. Installs the audit module when it is missing."
            })
    static final class Redact implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Option(names = "--rescan", required = true, description = "Rescan the stored facts (required).")
        boolean rescan;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (AgentStore s = store.openForWriting(List.of(), List.of("audit"))) {
                RescanReport report = s.module(AuditFacade.class).rescan();
                out.println(report.describe());
                out.flush();
            }
            return 0;
        }
    }

    /** {@code agent-store report prompts}. */
    @Command(
            name = "prompts",
            mixinStandardHelpOptions = true,
            description = "Prompts by template, model or user with responses, tokens and cost (the audit module).")
    static final class Report implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Option(
                names = "--by",
                paramLabel = "GROUP",
                defaultValue = "template",
                description = "template, model or user (default: ${DEFAULT-VALUE}).")
        String by;

        @Option(names = "--since", paramLabel = "DATE", description = "First day (YYYY-MM-DD or YYYYMMDD).")
        String since;

        @Option(names = "--until", paramLabel = "DATE", description = "Last day (YYYY-MM-DD or YYYYMMDD).")
        String until;

        @Option(
                names = "--user",
                paramLabel = "USER",
                description = "Only this user's prompts (user id, account id, e-mail or OS user).")
        String user;

        @Option(
                names = {"-z", "--timezone"},
                paramLabel = "ZONE",
                description = "Time zone of the days (default: this machine's).")
        String timezone;

        @Option(names = "--json", description = "JSON rows instead of a table.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (!AuditFacade.REPORT_GROUPS.contains(by)) {
                throw new picocli.CommandLine.ParameterException(
                        spec.commandLine(), "--by must be template, model or user, was '" + by + "'");
            }
            ZoneId zone = ReportCommand.zone(timezone);
            LocalDate from = since == null ? null : IngestCommand.parseDay(since);
            LocalDate to = until == null ? null : IngestCommand.parseDay(until);
            ReportCommand.checkRange(from, to);
            PrintWriter out = spec.commandLine().getOut();
            try (AgentStore s = store.openForReading(false)) {
                if (!s.modules().contains("audit")) {
                    out.println("No audit data in " + store.database()
                            + " yet: 'agent-store init --install audit' installs the audit module.");
                    out.flush();
                    return 0;
                }
                QueryResult r = s.module(AuditFacade.class)
                        .promptReport(
                                by,
                                Optional.ofNullable(from)
                                        .map(d -> d.atStartOfDay(zone).toInstant()),
                                Optional.ofNullable(to)
                                        .map(d ->
                                                d.plusDays(1).atStartOfDay(zone).toInstant()),
                                Optional.ofNullable(user));
                out.println(json ? r.toJson() : r.toString());
                out.flush();
            }
            return 0;
        }
    }
}
