package io.agentstore.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The page size and build time of {@code agent-store report html}, as a user runs it: for each history size, the
 * CLI jar writes the synthetic demo history of that many sessions into a fresh store ({@code agent-store demo}, not
 * timed), then {@code agent-store report html} is run as a process and timed from start to exit, and the page's
 * bytes are counted. The process time includes JVM start, which a user pays too.
 */
@Command(
        name = "report-html",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Build time and page size of `agent-store report html` at several history sizes (CLI jar run as a"
                + " process).")
final class HtmlReportBench implements Callable<Integer> {
    @Option(names = "--sessions", split = ",", description = "History sizes in sessions (default: 100,1000,10000).")
    List<Integer> sessions = List.of(100, 1_000, 10_000);

    @Option(names = "--runs", description = "Timed page builds per size; the median is reported (default: 3).")
    int runs = 3;

    @Option(
            names = "--cli-jar",
            paramLabel = "JAR",
            description = "The CLI jar (default: ../agent-store-cli/target/agent-store.jar, built by"
                    + " `mvn -pl agent-store-cli -am package -DskipTests`).")
    Path cliJar;

    @Option(names = "--work", paramLabel = "DIR", description = "Where the stores go (default: target/bench-work).")
    Path work;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Where to write report-html.md and report-html.json (default: target/bench-results).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path jar = cliJar != null
                ? Bench.given(cliJar).toAbsolutePath()
                : Path.of("..", "agent-store-cli", "target", "agent-store.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            Bench.log("report-html: no CLI jar at " + jar + "; build it with mvn -pl agent-store-cli -am package"
                    + " -DskipTests, or give --cli-jar");
            return 2;
        }
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be at least 1, was " + runs);
        }
        Path dir = (work == null ? Path.of("target", "bench-work") : Bench.given(work))
                .toAbsolutePath()
                .resolve("report-html");
        Files.createDirectories(dir);
        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder md = new StringBuilder(
                "| sessions | store MB | page build, median s (JVM start included) | page KB |\n| --- | --- | --- | --- |\n");
        for (int n : sessions) {
            Path db = dir.resolve("sessions-" + n + ".duckdb");
            Files.deleteIfExists(db);
            Files.deleteIfExists(Path.of(db + ".wal"));
            Path home = Files.createDirectories(dir.resolve("home-" + n));
            Bench.log("report-html: demo history of " + n + " sessions");
            run(jar, home, List.of("demo", "--db", db.toString(), "--sessions", Integer.toString(n)));
            Path page = dir.resolve("report-" + n + ".html");
            double[] seconds = new double[runs];
            for (int i = 0; i < runs; i++) {
                Files.deleteIfExists(page);
                long t = System.nanoTime();
                run(
                        jar,
                        home,
                        List.of("report", "html", "--db", db.toString(), "--timezone", "UTC", "-o", page.toString()));
                seconds[i] = (System.nanoTime() - t) / 1e9;
            }
            java.util.Arrays.sort(seconds);
            double median = seconds[runs / 2];
            long pageBytes = Files.size(page);
            long storeBytes = Files.size(db);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("sessions", n);
            row.put("store_bytes", storeBytes);
            row.put("page_bytes", pageBytes);
            row.put("build_seconds_median", median);
            row.put("build_seconds_all", seconds);
            rows.add(row);
            md.append(String.format(
                    Locale.ROOT, "| %,d | %.1f | %.2f | %,d |%n", n, storeBytes / 1e6, median, pageBytes / 1024));
            Bench.log(String.format(Locale.ROOT, "report-html: %d sessions: %.2f s, %,d bytes", n, median, pageBytes));
        }
        Path results = out == null ? Path.of("target", "bench-results") : Bench.given(out);
        Files.createDirectories(results);
        Files.writeString(results.resolve("report-html.md"), md.toString());
        Report.JSON.writeValue(results.resolve("report-html.json").toFile(), Map.of("runs", rows));
        System.out.println(md);
        return 0;
    }

    /** Runs the CLI jar with {@code args} and {@code HOME} set to {@code home}; a non-zero exit fails the bench. */
    private static void run(Path jar, Path home, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("HOME", home.toString());
        pb.environment().remove("AGENT_STORE_DB");
        Path log = Files.createTempFile(home, "cli", ".log");
        Process p = pb.redirectOutput(log.toFile()).start();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("agent-store " + String.join(" ", args) + " did not end in 30 minutes");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("agent-store " + String.join(" ", args) + " exited with " + p.exitValue()
                    + ":\n" + Files.readString(log));
        }
        Files.delete(log);
    }
}
