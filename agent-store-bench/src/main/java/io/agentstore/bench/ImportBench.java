package io.agentstore.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentstore.AgentStore;
import io.agentstore.claudecode.ClaudeCodeImporter;
import io.agentstore.claudecode.ImportSummary;
import io.agentstore.spi.Row;
import io.agentstore.tokens.TokensModule;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The Claude Code import benchmark: a corpus of at least {@code megabytes} MB written by the project's own
 * generator, imported into a fresh store by {@link ClaudeCodeImporter} (MB/s, lines/s), and the same corpus
 * read by ccusage ({@code npx --yes ccusage@latest daily --json --offline}, with {@code HOME} and
 * {@code CLAUDE_CONFIG_DIR} pointing at the corpus) when {@code npx} and {@code node} are installed. The
 * token totals of both are reported side by side as a check that both read the same calls.
 */
final class ImportBench {
    private final Path corpusDir;
    private final int megabytes;
    private final boolean ccusage;
    private final Path workDir;
    private final Consumer<String> log;

    ImportBench(Path corpusDir, int megabytes, boolean ccusage, Path workDir, Consumer<String> log) {
        this.corpusDir = corpusDir;
        this.megabytes = megabytes;
        this.ccusage = ccusage;
        this.workDir = workDir;
        this.log = log;
    }

    Map<String, Object> run() throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("machine", Machine.current().toMap());
        long t0 = System.nanoTime();
        ImportCorpus corpus = ImportCorpus.ensure(corpusDir, megabytes, log);
        log.accept(String.format(
                Locale.ROOT,
                "corpus: %,d bytes, %,d files, %,d sessions (ready in %.0f s)",
                corpus.bytes(),
                corpus.files(),
                corpus.sessions(),
                (System.nanoTime() - t0) / 1e9));
        result.put(
                "corpus",
                Map.of(
                        "bytes",
                        corpus.bytes(),
                        "files",
                        corpus.files(),
                        "sessions",
                        corpus.sessions(),
                        "generator_api_calls",
                        corpus.apiCalls(),
                        "generator_tool_calls",
                        corpus.toolCalls()));

        Files.createDirectories(workDir);
        Path db = workDir.resolve("import.duckdb");
        Files.deleteIfExists(db);
        Files.deleteIfExists(workDir.resolve("import.duckdb.wal"));
        Map<String, Object> store = new LinkedHashMap<>();
        try (AgentStore s =
                AgentStore.builder().path(db).install(TokensModule.create()).build()) {
            long started = System.nanoTime();
            ImportSummary summary = ClaudeCodeImporter.builder(s)
                    .projectsDir(corpus.projects())
                    .idleAfter(Duration.ZERO)
                    .build()
                    .run();
            double seconds = (System.nanoTime() - started) / 1e9;
            store.put("seconds", seconds);
            store.put("mb_per_s", corpus.bytes() / 1e6 / seconds);
            store.put("lines_per_s", summary.linesRead() / seconds);
            store.put("lines", summary.linesRead());
            store.put("records_written", summary.recordsWritten());
            store.put("errors", summary.errors());
            Row totals = s.sql("SELECT count(*) AS calls, sum(input_tokens) AS input, sum(output_tokens) AS output,"
                            + " sum(cache_read_tokens) AS cache_read,"
                            + " sum(cache_write_5m_tokens + cache_write_1h_tokens) AS cache_write FROM v_api_calls"
                            + " WHERE NOT is_superseded")
                    .rows()
                    .get(0);
            store.put("api_calls", StoreQueries.num(totals.get("calls")));
            store.put("input_tokens", StoreQueries.num(totals.get("input")));
            store.put("output_tokens", StoreQueries.num(totals.get("output")));
            store.put("cache_read_tokens", StoreQueries.num(totals.get("cache_read")));
            store.put("cache_write_tokens", StoreQueries.num(totals.get("cache_write")));
            log.accept(String.format(
                    Locale.ROOT,
                    "agent-store import: %.1f s, %.1f MB/s, %,.0f lines/s, %,d API calls",
                    seconds,
                    (double) store.get("mb_per_s"),
                    (double) store.get("lines_per_s"),
                    (long) store.get("api_calls")));
        }
        store.put("database_bytes", Files.size(db));
        result.put("agent_store", store);
        result.put("ccusage", ccusage ? runCcusage(corpus) : Map.of("skipped", "--no-ccusage"));
        return result;
    }

    private Map<String, Object> runCcusage(ImportCorpus corpus) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!onPath("npx") || !onPath("node")) {
            m.put("skipped", "npx or node is not installed");
            log.accept("ccusage: skipped (npx or node is not installed)");
            return m;
        }
        Path npmHome = Path.of(System.getProperty("user.home"));
        String spec = "ccusage@latest";
        List<String> command = command(spec);
        // a first run installs ccusage into npx's cache; it is not timed
        Run warm = exec(command, corpus, npmHome);
        if (warm.exit() != 0) {
            // ccusage 20 runs a native binary published as an optional package per platform; when the latest
            // ccusage names a binary version that is not published (yet), use the latest published binary's
            String nativeVersion = nativeVersion();
            String failure = "ccusage@latest failed (exit " + warm.exit() + "): " + firstLine(warm.stderr());
            m.put("latest_failed", failure);
            log.accept(failure);
            if (nativeVersion != null) {
                spec = "ccusage@" + nativeVersion;
                command = command(spec);
                warm = exec(command, corpus, npmHome);
            }
            if (warm.exit() != 0) {
                m.put(
                        "skipped",
                        "ccusage could not be installed or run (exit " + warm.exit() + "): "
                                + firstLine(warm.stderr()));
                log.accept("ccusage: skipped: " + m.get("skipped"));
                return m;
            }
        }
        Run run = exec(command, corpus, npmHome);
        m.put("command", String.join(" ", command));
        m.put("seconds", run.seconds());
        m.put("mb_per_s", corpus.bytes() / 1e6 / run.seconds());
        m.put("exit", run.exit());
        try {
            JsonNode totals = Report.JSON.readTree(run.stdout()).path("totals");
            m.put("input_tokens", totals.path("inputTokens").asLong());
            m.put("output_tokens", totals.path("outputTokens").asLong());
            m.put("cache_read_tokens", totals.path("cacheReadTokens").asLong());
            m.put("cache_write_tokens", totals.path("cacheCreationTokens").asLong());
            m.put("total_cost_usd", totals.path("totalCost").asDouble());
        } catch (IOException e) {
            m.put("output", tail(run.stdout()));
        }
        m.put("version", spec);
        log.accept(
                String.format(Locale.ROOT, "ccusage daily --json --offline: %.1f s, %.1f MB/s", run.seconds(), (double)
                        m.get("mb_per_s")));
        return m;
    }

    private static List<String> command(String spec) {
        return List.of("npx", "--yes", spec, "daily", "--json", "--offline");
    }

    /** The version of the latest published ccusage native binary for this platform, or null. */
    private static String nativeVersion() {
        String os =
                System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux")
                        ? "linux"
                        : System.getProperty("os.name")
                                        .toLowerCase(java.util.Locale.ROOT)
                                        .contains("mac")
                                ? "darwin"
                                : "win32";
        String arch = System.getProperty("os.arch").contains("aarch64") ? "arm64" : "x64";
        try {
            Process p = new ProcessBuilder("npm", "view", "@ccusage/ccusage-" + os + "-" + arch, "version")
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0 && out.matches("[0-9][0-9A-Za-z.+-]*")
                    ? out
                    : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static String firstLine(String s) {
        for (String line : s.split("\\R")) {
            if (!line.isBlank() && !line.startsWith("npm warn") && !line.startsWith("npm notice")) {
                return line.strip();
            }
        }
        return s.strip();
    }

    private record Run(int exit, double seconds, String stdout, String stderr) {}

    private Run exec(List<String> command, ImportCorpus corpus, Path npmHome) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command);
        Path out = Files.createTempFile(workDir, "ccusage", ".out");
        Path err = Files.createTempFile(workDir, "ccusage", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        // ccusage finds projects/ under CLAUDE_CONFIG_DIR; HOME too, so that ~/.claude is the corpus as well.
        // npm's cache stays where it is (npm_config_cache), so the package is not downloaded again.
        pb.environment().put("CLAUDE_CONFIG_DIR", corpus.root().toAbsolutePath().toString());
        pb.environment().put("HOME", corpus.root().toAbsolutePath().toString());
        pb.environment().putIfAbsent("npm_config_cache", npmHome.resolve(".npm").toString());
        long started = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return new Run(-1, (System.nanoTime() - started) / 1e9, "", "timed out after 30 minutes");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Run r = new Run(p.exitValue(), seconds, Files.readString(out), Files.readString(err));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return r;
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static String tail(String s) {
        return s.length() <= 500 ? s.strip() : s.substring(s.length() - 500).strip();
    }

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> r) {
        Map<String, Object> machine = (Map<String, Object>) r.get("machine");
        Map<String, Object> corpus = (Map<String, Object>) r.get("corpus");
        Map<String, Object> store = (Map<String, Object>) r.get("agent_store");
        Map<String, Object> cc = (Map<String, Object>) r.get("ccusage");
        StringBuilder md = new StringBuilder("# agent-store benchmark: Claude Code import\n\n");
        md.append(String.format(
                Locale.ROOT,
                "Run %s, %s cores, %s, %s. Corpus: %,d bytes (%.0f MB) in %,d transcript files,"
                        + " %,d sessions, written by the project's generator (`SyntheticHistory`).%n%n",
                machine.get("date"),
                machine.get("cores"),
                machine.get("memory"),
                machine.get("jvm"),
                (long) corpus.get("bytes"),
                (long) corpus.get("bytes") / 1e6,
                (long) corpus.get("files"),
                (long) corpus.get("sessions")));
        md.append("| reader | seconds | MB/s | lines/s | input tokens | output tokens | cache read | cache write |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        md.append(String.format(
                Locale.ROOT,
                "| agent-store import (ClaudeCodeImporter) | %.1f | %.1f | %,.0f | %,d | %,d | %,d | %,d |%n",
                (double) store.get("seconds"),
                (double) store.get("mb_per_s"),
                (double) store.get("lines_per_s"),
                (long) store.get("input_tokens"),
                (long) store.get("output_tokens"),
                (long) store.get("cache_read_tokens"),
                (long) store.get("cache_write_tokens")));
        if (cc.containsKey("seconds")) {
            md.append(String.format(
                    Locale.ROOT,
                    "| `%s` | %.1f | %.1f | | %,d | %,d | %,d | %,d |%n",
                    cc.get("command"),
                    (double) cc.get("seconds"),
                    (double) cc.get("mb_per_s"),
                    (long) cc.getOrDefault("input_tokens", 0L),
                    (long) cc.getOrDefault("output_tokens", 0L),
                    (long) cc.getOrDefault("cache_read_tokens", 0L),
                    (long) cc.getOrDefault("cache_write_tokens", 0L)));
            if (cc.containsKey("latest_failed")) {
                md.append("\n")
                        .append(cc.get("latest_failed").toString().replaceAll("[.]$", ""))
                        .append("; the latest ccusage whose native binary is published was timed instead.\n");
            }
            md.append(String.format(
                    Locale.ROOT,
                    "%nagent-store imports at %.3fx the speed at which ccusage reads the same corpus"
                            + " (ccusage only reads and sums; agent-store writes %,d records into a %,d-byte database).%n",
                    (double) cc.get("seconds") / (double) store.get("seconds"),
                    (long) store.get("records_written"),
                    (long) store.get("database_bytes")));
        } else {
            md.append("\nccusage: **skipped**: ").append(cc.get("skipped")).append('\n');
        }
        return md.toString();
    }
}
