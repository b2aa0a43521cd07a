package io.agentstore.cli;

import io.agentstore.AgentStore;
import io.agentstore.quality.FlakyTest;
import io.agentstore.quality.GitImportSummary;
import io.agentstore.quality.QualityFacade;
import io.agentstore.quality.QualityModule;
import io.agentstore.quality.TestImportSummary;
import io.agentstore.quality.TestRegression;
import io.agentstore.spi.Row;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
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

/** The commands of the quality module: {@code ingest tests}, {@code ingest git} and {@code report quality}. */
final class QualityCommands {
    private QualityCommands() {}

    /** Opens the database for writing with the quality module installed besides what it has. */
    static AgentStore open(StoreOptions options) {
        return options.openForWriting(null, List.of("quality"));
    }

    /** {@code agent-store ingest tests PATH...}. */
    @Command(
            name = "tests",
            mixinStandardHelpOptions = true,
            description = {
                "Import test reports: JUnit XML (Maven Surefire and Failsafe, Gradle, pytest --junitxml, ...)"
                        + " and Jest or Vitest --json files. A folder is searched for *.xml and *.json files.",
                "Each file is one run; importing a file again changes nothing. Files that cannot be read are counted,"
                        + " recorded in v_ingest_errors and skipped.",
                "A run is joined to the commit HEAD pointed at in the report's repository at the report's time,"
                        + " or to --commit."
            })
    static final class IngestTests implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(
                arity = "1..*",
                paramLabel = "PATH",
                description = "Report files or folders (target/surefire-reports, build/test-results, ...).")
        List<Path> paths;

        @Option(
                names = "--commit",
                paramLabel = "SHA",
                description = "The commit the tests ran on (a SHA, branch or tag of the report's repository).")
        String commit;

        @Option(
                names = {"-q", "--quiet"},
                description = "No summary.")
        boolean quiet;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (AgentStore s = open(store)) {
                QualityFacade quality = QualityModule.of(s);
                TestImportSummary summary =
                        commit == null ? quality.importTestReports(paths) : quality.importTestReports(paths, commit);
                long derived = StrategyCommands.deriveAttempts(s);
                if (!quiet) {
                    PrintWriter out = spec.commandLine().getOut();
                    out.println("agent-store: imported " + summary);
                    if (derived > 0) {
                        out.println("agent-store: " + derived + " strategy attempt(s) derived");
                    }
                    if (summary.badFiles() > 0) {
                        out.println("agent-store: " + summary.badFiles()
                                + " file(s) could not be used; see: agent-store query"
                                + " \"SELECT * FROM v_ingest_errors WHERE source = '" + QualityFacade.INGEST_SOURCE
                                + "'\"");
                    }
                    out.flush();
                }
            }
            return 0;
        }
    }

    /** {@code agent-store ingest git [REPO]}. */
    @Command(
            name = "git",
            mixinStandardHelpOptions = true,
            description = {
                "Import the commit history of HEAD of a git repository (through git log): author, time, message,"
                        + " files and lines changed.",
                "Importing again adds only new commits."
            })
    static final class IngestGit implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(
                arity = "0..1",
                paramLabel = "REPO",
                description = "A folder of the repository (default: the current folder).")
        Path repo = Path.of(".");

        @Option(
                names = {"-q", "--quiet"},
                description = "No summary.")
        boolean quiet;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (AgentStore s = open(store)) {
                GitImportSummary summary = QualityModule.of(s).importGit(repo);
                if (!quiet) {
                    spec.commandLine().getOut().println("agent-store: imported " + summary);
                    spec.commandLine().getOut().flush();
                }
            }
            return 0;
        }
    }

    /** {@code agent-store report quality}. */
    @Command(
            name = "quality",
            mixinStandardHelpOptions = true,
            description = "Test runs, pass rate, the tests that broke, flaky tests and validation regressions.")
    static final class Report implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Option(
                names = "--days",
                paramLabel = "N",
                defaultValue = "7",
                description = "Look back this many days for regressions (default: ${DEFAULT-VALUE}).")
        int days;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (days <= 0) {
                throw new IllegalArgumentException("--days must be > 0, was " + days);
            }
            PrintWriter out = spec.commandLine().getOut();
            try (AgentStore s = store.openForReading(false)) {
                if (!s.modules().contains("quality")) {
                    out.println("No quality data in " + store.database()
                            + " yet: see agent-store ingest tests and agent-store ingest git.");
                    out.flush();
                    return 0;
                }
                QualityFacade quality = QualityModule.of(s);
                Instant since = s.clock().instant().minus(Duration.ofDays(days));
                Row totals = s.sql("SELECT count(*) AS runs, coalesce(sum(total_tests), 0) AS tests,"
                                + " coalesce(sum(passed), 0) AS passed, count(*) FILTER (WHERE NOT is_green) AS red_runs"
                                + " FROM v_test_runs WHERE NOT is_superseded")
                        .rows()
                        .get(0);
                long tests = totals.int64("tests");
                out.printf(
                        Locale.ROOT,
                        "Test runs: %d (%d red), %d tests, pass rate %s%n",
                        totals.int64("runs"),
                        totals.int64("red_runs"),
                        tests,
                        tests == 0
                                ? "-"
                                : String.format(Locale.ROOT, "%.1f%%", 100.0 * totals.int64("passed") / tests));
                quality.testRuns(1)
                        .forEach(r -> out.printf(
                                Locale.ROOT,
                                "Latest run: %s %s, %d passed, %d failed, %d errors, %d skipped, %d flaky%s%n",
                                r.occurredAt(),
                                r.framework(),
                                r.passed(),
                                r.failed(),
                                r.errors(),
                                r.skipped(),
                                r.flaky(),
                                r.commitSha() == null
                                        ? ""
                                        : ", commit " + r.commitSha().substring(0, 10) + " (" + r.commitRule() + ")"));
                List<TestRegression> broke = quality.regressionsSince(since);
                out.printf(Locale.ROOT, "%nTests that broke in the last %d day(s): %d%n", days, broke.size());
                broke.stream()
                        .limit(20)
                        .forEach(r -> out.printf(
                                Locale.ROOT,
                                "  %s#%s at %s%s%n",
                                r.className(),
                                r.testName(),
                                r.brokeAt(),
                                r.failureMessage().map(m -> ": " + firstLine(m)).orElse("")));
                List<FlakyTest> flaky = quality.flakyTests(10);
                out.printf(Locale.ROOT, "%nFlaky tests: %d%n", flaky.size());
                flaky.forEach(f -> out.printf(
                        Locale.ROOT,
                        "  %s#%s: %d flip(s), %d flaky run(s) in %d execution(s)%n",
                        f.className(),
                        f.testName(),
                        f.flips(),
                        f.flakyRuns(),
                        f.executions()));
                long validationRegressions = s.sql(
                                "SELECT count(*) AS n FROM v_validation_regressions WHERE validated_at >= ?", since)
                        .rows()
                        .get(0)
                        .int64("n");
                long commits = s.sql("SELECT count(*) AS n FROM v_commits")
                        .rows()
                        .get(0)
                        .int64("n");
                out.printf(
                        Locale.ROOT,
                        "%nValidation regressions in the last %d day(s): %d%nCommits imported: %d%n",
                        days,
                        validationRegressions,
                        commits);
                out.flush();
            }
            return 0;
        }

        private static String firstLine(String text) {
            int nl = text.indexOf('\n');
            return nl < 0 ? text : text.substring(0, nl);
        }
    }
}
