package io.agentstore.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The benchmark command ({@code bin/bench}). Without a subcommand it runs the end-to-end comparison at 1x and
 * 10x (and 100x with {@code --full}) and writes {@code comparison.md} and {@code comparison.json};
 * {@code import} runs the Claude Code import benchmark; {@code jmh} runs the JMH micro benchmarks.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "agent-store end-to-end comparison with the raw DuckDB appender, SQLite and JSONL (DESIGN §10).",
        subcommands = {
            Bench.Import.class,
            Bench.Jmh.class,
            AccessBench.class,
            Bench.Rag.class,
            Bench.Sdk.class,
            OtlpBench.class,
            HtmlReportBench.class
        })
public final class Bench implements Callable<Integer> {
    @Option(
            names = "--scale",
            paramLabel = "N",
            description = "Run at N times the base workload; repeatable (default: 1 and 10).")
    List<Integer> scales = new ArrayList<>();

    @Option(names = "--full", description = "Also run at 100x (14 million events at the default size).")
    boolean full;

    @Option(
            names = "--sessions",
            paramLabel = "S",
            description = "Sessions at 1x (default: ${DEFAULT-VALUE}); 70 events each.")
    int sessions = 2_000;

    @Option(names = "--seed", description = "Workload seed (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(
            names = "--only",
            paramLabel = "CONTENDER",
            split = ",",
            description = "Run only contenders whose name starts with this; repeatable or comma-separated.")
    List<String> only = new ArrayList<>();

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Where to write comparison.md and comparison.json (default: target/bench-results).")
    Path out;

    @Option(
            names = "--work",
            paramLabel = "DIR",
            description = "Scratch folder for the contenders' files (default: target/bench-work).")
    Path work;

    @Option(
            names = "--time-box",
            paramLabel = "SECONDS",
            description = "Time box of each load of a per-event-commit contender (default: ${DEFAULT-VALUE}).")
    double timeBox = 2;

    @Option(names = "--runs", description = "Loads per contender; the median is reported (default: ${DEFAULT-VALUE}).")
    int runs = 3;

    @Option(
            names = "--long-run",
            paramLabel = "SECONDS",
            description = "A load longer than this is not repeated (default: ${DEFAULT-VALUE}).")
    double longRun = 40;

    @Option(
            names = "--query-runs",
            description = "Timed runs of each query after one warm-up (default: ${DEFAULT-VALUE}).")
    int queryRuns = 5;

    @Option(
            names = "--keep",
            description = "Keep each contender's last loaded files in the work folder (to inspect them, for example"
                    + " with EXPLAIN ANALYZE).")
    boolean keep;

    @Option(names = "--list", description = "List the contenders and exit.")
    boolean list;

    @Override
    public Integer call() throws Exception {
        if (list) {
            Comparison.contenderNames().forEach(System.out::println);
            return 0;
        }
        List<Integer> sc = new ArrayList<>(scales.isEmpty() ? List.of(1, 10) : scales);
        if (full && !sc.contains(100)) {
            sc.add(100);
        }
        sc.sort(Integer::compare);
        out = out == null ? Path.of("target", "bench-results") : given(out);
        Path workDir = work == null ? Path.of("target", "bench-work") : given(work);
        Comparison.Settings settings = new Comparison.Settings(
                seed, sessions, sc, timeBox, runs, queryRuns, longRun, only, workDir.toAbsolutePath(), keep);
        long started = System.nanoTime();
        Comparison comparison = new Comparison(settings, Bench::log);
        List<Comparison.ScaleResult> results = comparison.run();
        comparison.cleanUp();
        Report report = new Report(Machine.current(), settings, results);
        report.write(out);
        System.out.println();
        System.out.println(report.markdown());
        log(String.format(
                "wrote %s and %s in %.0f s",
                out.resolve("comparison.md"), out.resolve("comparison.json"), (System.nanoTime() - started) / 1e9));
        return report.answersMatch() ? 0 : 3;
    }

    /**
     * A path given on the command line: relative ones are relative to the folder {@code bin/bench} was started
     * from ({@code BENCH_CALLER_DIR}), since the script runs the JVM in {@code agent-store-bench/}.
     */
    static Path given(Path p) {
        String caller = System.getenv("BENCH_CALLER_DIR");
        return p == null || p.isAbsolute() || caller == null
                ? p
                : Path.of(caller).resolve(p);
    }

    static void log(String line) {
        System.err.println(line);
        System.err.flush();
    }

    /** The Claude Code import benchmark. */
    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description =
                    "Claude Code import throughput (MB/s, lines/s) on a generated corpus, against ccusage when npx is installed.")
    static final class Import implements Callable<Integer> {
        @Option(names = "--mb", description = "Corpus size in MB (default: ${DEFAULT-VALUE}).")
        int mb = 500;

        @Option(
                names = "--corpus",
                paramLabel = "DIR",
                description = "Where the generated corpus is cached (default: target/import-corpus-<MB>mb).")
        Path corpus;

        @Option(
                names = "--out",
                paramLabel = "DIR",
                description = "Where to write import.md and import.json (default: target/bench-results).")
        Path out;

        @Option(
                names = "--work",
                paramLabel = "DIR",
                description = "Where the store is written (default: target/bench-work).")
        Path work;

        @Option(names = "--no-ccusage", description = "Do not run ccusage.")
        boolean noCcusage;

        @Override
        public Integer call() throws Exception {
            Path dir = corpus != null ? given(corpus) : Path.of("target", "import-corpus-" + mb + "mb");
            out = out == null ? Path.of("target", "bench-results") : given(out);
            Path workDir = work == null ? Path.of("target", "bench-work") : given(work);
            Map<String, Object> r = new ImportBench(dir, mb, !noCcusage, workDir, Bench::log).run();
            Files.createDirectories(out);
            String md = ImportBench.markdown(r);
            Files.writeString(out.resolve("import.md"), md);
            Report.JSON.writeValue(out.resolve("import.json").toFile(), r);
            System.out.println(md);
            return 0;
        }
    }

    /** The rag benchmark: indexing speed and search latency at 10k and 100k chunks. */
    @Command(
            name = "rag",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = "rag indexing speed (files/s, MB/s) and search latency at generated corpus sizes.")
    static final class Rag implements Callable<Integer> {
        @Option(names = "--chunks", split = ",", description = "Corpus sizes in chunks (default: 10000,100000).")
        List<Integer> chunks = List.of(10_000, 100_000);

        @Option(names = "--tree", paramLabel = "DIR", description = "The tree to index (default: this repository).")
        Path tree;

        @Option(names = "--out", paramLabel = "DIR", description = "Where to write rag.md and rag.json.")
        Path out;

        @Option(names = "--work", paramLabel = "DIR", description = "Where stores and corpora go.")
        Path work;

        @Override
        public Integer call() throws Exception {
            Path root =
                    tree != null ? given(tree) : Path.of("..").toAbsolutePath().normalize();
            out = out == null ? Path.of("target", "bench-results") : given(out);
            Path workDir = work == null ? Path.of("target", "bench-work") : given(work);
            Map<String, Object> r = new RagBench(root, chunks, workDir, Bench::log).run();
            Files.createDirectories(out);
            String md = RagBench.markdown(r);
            Files.writeString(out.resolve("rag.md"), md);
            Report.JSON.writeValue(out.resolve("rag.json").toFile(), r);
            System.out.println(md);
            return 0;
        }
    }

    /** The overhead of the instrumented Anthropic client against the loopback server. */
    @Command(
            name = "sdk",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description =
                    "Overhead of InstrumentedAnthropic: wrapped against unwrapped SDK calls on a loopback server.")
    static final class Sdk implements Callable<Integer> {
        @Option(names = "--calls", description = "Calls per client per round (default: ${DEFAULT-VALUE}).")
        int calls = 500;

        @Option(names = "--rounds", description = "Rounds (default: ${DEFAULT-VALUE}).")
        int rounds = 5;

        @Option(names = "--out", paramLabel = "DIR", description = "Where to write sdk.md and sdk.json.")
        Path out;

        @Option(names = "--work", paramLabel = "DIR", description = "Where the stores go.")
        Path work;

        @Override
        public Integer call() throws Exception {
            out = out == null ? Path.of("target", "bench-results") : given(out);
            Path workDir = work == null ? Path.of("target", "bench-work") : given(work);
            Map<String, Object> r = new SdkBench(calls, rounds, workDir, Bench::log).run();
            Files.createDirectories(out);
            String md = SdkBench.markdown(r);
            Files.writeString(out.resolve("sdk.md"), md);
            Report.JSON.writeValue(out.resolve("sdk.json").toFile(), r);
            System.out.println(md);
            return 0;
        }
    }

    /** The JMH micro benchmarks; arguments go to JMH (for example {@code -f 1 -wi 2 -i 3}). */
    @Command(
            name = "jmh",
            description =
                    "JMH micro benchmarks: key cache, record validation, transcript line parsing. Arguments go to JMH.")
    static final class Jmh implements Callable<Integer> {
        @Parameters(
                paramLabel = "JMH-ARGS",
                description = "JMH options, for example -f 1 -wi 2 -i 3 or a benchmark regex.")
        List<String> args = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            org.openjdk.jmh.Main.main(args.toArray(String[]::new));
            return 0;
        }
    }

    /** Runs the command. */
    public static void main(String[] args) {
        CommandLine cl = new CommandLine(new Bench());
        cl.setUnmatchedOptionsArePositionalParams(true);
        System.exit(cl.execute(args));
    }
}
