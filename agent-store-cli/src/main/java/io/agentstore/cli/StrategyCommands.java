package io.agentstore.cli;

import io.agentstore.AgentStore;
import io.agentstore.spi.Row;
import io.agentstore.strategy.AnalyticsImportSummary;
import io.agentstore.strategy.PatternRoi;
import io.agentstore.strategy.StrategyFacade;
import io.agentstore.strategy.StrategyModule;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The commands of the strategy module: {@code import analytics-db} and {@code report strategies}. */
final class StrategyCommands {
    private StrategyCommands() {}

    /** Opens the database for writing with the strategy module (and the modules it requires) installed. */
    static AgentStore open(StoreOptions options) {
        return options.openForWriting(null, List.of("tokens", "quality", "strategy"));
    }

    /**
     * After an import: the attempts the store can now derive (a decision's chosen option with its task's outcome or
     * the session's next test run; see {@code StrategyFacade.deriveAttempts}), when the strategy module is
     * installed; else 0.
     */
    static long deriveAttempts(AgentStore store) {
        return store.modules().contains("strategy")
                ? store.module(io.agentstore.strategy.StrategyFacade.class).deriveAttempts()
                : 0;
    }

    /** {@code agent-store import analytics-db FILE}. */
    @Command(
            name = "analytics-db",
            mixinStandardHelpOptions = true,
            description = {
                "Import an analytics database in the SQLite schema of the analytics system (sessions, tasks,"
                        + " commands, errors, workflow_state, metadata, pattern_usage), read-only.",
                "Importing again changes nothing; rows that cannot be used are counted, recorded in v_ingest_errors and skipped."
            })
    static final class ImportAnalyticsDb implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(
                index = "0",
                paramLabel = "FILE",
                description = "The SQLite file, for example .claude/analytics/analytics.db.")
        Path file;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (AgentStore s = open(store)) {
                AnalyticsImportSummary r = StrategyModule.of(s).importAnalyticsDb(file);
                PrintWriter out = spec.commandLine().getOut();
                out.printf(
                        Locale.ROOT,
                        "agent-store: imported %d new fact(s) from %s; %d bad row(s)%n",
                        r.totalImported(),
                        r.file(),
                        r.totalBadRows());
                r.imported().entrySet().stream()
                        .sorted(java.util.Map.Entry.comparingByKey())
                        .forEach(e -> out.printf(
                                Locale.ROOT,
                                "  %-15s %6d new, %d bad%n",
                                e.getKey(),
                                e.getValue(),
                                r.badRows().getOrDefault(e.getKey(), 0L)));
                if (!r.missingTables().isEmpty()) {
                    out.println("  not in the file: " + String.join(", ", r.missingTables()));
                }
                out.flush();
            }
            return 0;
        }
    }

    /** {@code agent-store report strategies}. */
    @Command(
            name = "strategies",
            mixinStandardHelpOptions = true,
            description = "Strategies per task type with their success, pattern ROI and the routing table.")
    static final class Report implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Option(names = "--agent", paramLabel = "NAME", description = "Also analyse this agent's last --days days.")
        String agent;

        @Option(
                names = "--days",
                paramLabel = "N",
                defaultValue = "30",
                description = "Days for --agent (default: ${DEFAULT-VALUE}).")
        int days;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (AgentStore s = store.openForReading(false)) {
                if (!s.modules().contains("strategy")) {
                    out.println(
                            "No strategy data in " + store.database() + " yet: see agent-store import analytics-db.");
                    out.flush();
                    return 0;
                }
                StrategyFacade strategy = StrategyModule.of(s);
                List<Row> perf = s.sql(
                                "SELECT coalesce(task_type, '(none)') AS task_type, strategy_name, attempts, successes"
                                        + " FROM v_strategy_performance ORDER BY task_type, successes::DOUBLE / attempts DESC, strategy_name")
                        .rows();
                out.printf(Locale.ROOT, "Strategies: %d%n", perf.size());
                perf.forEach(r -> out.printf(
                        Locale.ROOT,
                        "  %-12s %-24s %d/%d succeeded%n",
                        r.string("task_type"),
                        r.string("strategy_name"),
                        r.int64("successes"),
                        r.int64("attempts")));
                List<PatternRoi> roi = strategy.patternRoi();
                out.printf(Locale.ROOT, "%nPatterns: %d%n", roi.size());
                roi.forEach(p -> out.printf(
                        Locale.ROOT, "  %-32s %d use(s), %.1f h saved%n", p.patternName(), p.uses(), p.hoursSaved()));
                List<Row> routes =
                        s.sql(StrategyFacade.query("routing_table.sql")).rows();
                out.printf(Locale.ROOT, "%nRoutes: %d%n", routes.size());
                routes.forEach(r -> out.printf(
                        Locale.ROOT,
                        "  %-24s %s (%s, %d thinking tokens)%n",
                        r.string("command"),
                        r.string("model_name"),
                        r.string("thinking_level"),
                        r.int64("thinking_budget_tokens")));
                if (agent != null) {
                    var report = strategy.analyzePerformance(agent, days);
                    out.printf(
                            Locale.ROOT,
                            "%n%s, last %d day(s): %d attempt(s), %.0f%% succeeded%n",
                            agent,
                            days,
                            report.attempts(),
                            100 * report.successRate());
                    report.suggestions().forEach(x -> out.println("  " + x));
                }
                out.flush();
            }
            return 0;
        }
    }
}
