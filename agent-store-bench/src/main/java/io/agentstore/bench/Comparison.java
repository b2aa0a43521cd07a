package io.agentstore.bench;

import io.agentstore.Durability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The end-to-end comparison (DESIGN §10): every contender records the same workload, three times per scale
 * (median events/s), then its files are measured and its reference-query answers compared with the workload's
 * own; query latency is the median of five runs after one warm-up.
 */
public final class Comparison {
    /** What a contender does with the reference queries. */
    enum QueryMode {
        /** Answers checked and latency measured. */
        TIMED,
        /** Answers checked only (the same engine and data as a timed contender). */
        ANSWERS,
        /** Not queried when time-boxed (answers checked when it loaded the whole workload). */
        NONE
    }

    /** Settings of one comparison. */
    public record Settings(
            long seed,
            int sessions,
            List<Integer> scales,
            double timeBoxSeconds,
            int runs,
            int queryRuns,
            double longRunSeconds,
            List<String> only,
            Path workDir,
            boolean keep) {
        /** Copies the lists. */
        public Settings {
            scales = List.copyOf(scales);
            only = List.copyOf(only);
        }
    }

    /** One contender at one scale. */
    public record ContenderResult(
            String name,
            String description,
            boolean sampled,
            long events,
            List<Double> rates,
            double eventsPerSecond,
            long bytes,
            double bytesPerEvent,
            long heapPeakBytes,
            long rssPeakBytes,
            Map<Query, Double> queryMillis,
            Map<Query, Integer> queryRuns,
            boolean answersChecked,
            List<String> mismatches) {}

    /** One scale. */
    public record ScaleResult(
            int scale,
            int sessions,
            long events,
            String hotFile,
            String rareFile,
            int rareFileCount,
            List<ContenderResult> contenders) {
        /** The result of the named contender, or null. */
        public ContenderResult get(String name) {
            return contenders.stream()
                    .filter(c -> c.name().equals(name))
                    .findFirst()
                    .orElse(null);
        }
    }

    private record Entry(Contender contender, QueryMode mode) {}

    private final Settings settings;
    private final Consumer<String> log;

    /** A comparison with {@code settings}, logging progress lines to {@code log}. */
    public Comparison(Settings settings, Consumer<String> log) {
        this.settings = settings;
        this.log = log;
    }

    /** The contenders, in report order. */
    static List<String> contenderNames() {
        return entries(Path.of("unused"), null).stream()
                .map(e -> e.contender().name())
                .toList();
    }

    private static List<Entry> entries(Path template, Prices prices) {
        List<Entry> list = new ArrayList<>();
        list.add(new Entry(
                new AgentStoreContender("agent-store-sync", Durability.SYNC, 1, true, template), QueryMode.NONE));
        list.add(new Entry(
                new AgentStoreContender("agent-store-group-1", Durability.GROUP_COMMIT, 1, true, template),
                QueryMode.NONE));
        list.add(new Entry(
                new AgentStoreContender("agent-store-group-4", Durability.GROUP_COMMIT, 4, true, template),
                QueryMode.NONE));
        list.add(new Entry(
                new AgentStoreContender("agent-store-group-16", Durability.GROUP_COMMIT, 16, true, template),
                QueryMode.NONE));
        list.add(new Entry(
                new AgentStoreContender("agent-store-async", Durability.ASYNC, 1, false, template), QueryMode.TIMED));
        list.add(new Entry(new RawAppenderContender("appender-commit-1000", 1_000, template), QueryMode.ANSWERS));
        // timed too: the same schema and views as agent-store's file, loaded in seconds even at 100x
        list.add(new Entry(new RawAppenderContender("appender-one-flush", 0, template), QueryMode.TIMED));
        list.add(new Entry(new RawAppenderContender("appender-commit-1", 1, template), QueryMode.NONE));
        list.add(new Entry(new SqliteContender("sqlite-full-per-event", "FULL", 1, prices), QueryMode.NONE));
        list.add(new Entry(new SqliteContender("sqlite-normal-per-event", "NORMAL", 1, prices), QueryMode.NONE));
        list.add(new Entry(new SqliteContender("sqlite-full-batch-1000", "FULL", 1_000, prices), QueryMode.TIMED));
        list.add(
                new Entry(new SqliteContender("sqlite-normal-batch-1000", "NORMAL", 1_000, prices), QueryMode.ANSWERS));
        list.add(new Entry(new JsonlContender("jsonl", prices), QueryMode.TIMED));
        return list;
    }

    /** Runs every selected contender at every scale. */
    public List<ScaleResult> run() throws Exception {
        Prices prices = Prices.bundled();
        Files.createDirectories(settings.workDir());
        Path template = StoreQueries.template(settings.workDir());
        List<Entry> entries = new ArrayList<>();
        for (Entry e : entries(template, prices)) {
            if (settings.only().isEmpty()
                    || settings.only().stream()
                            .anyMatch(o -> e.contender().name().startsWith(o))) {
                entries.add(e);
            }
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(
                    "--only " + settings.only() + " selects no contender; contenders: " + contenderNames());
        }
        List<ScaleResult> results = new ArrayList<>();
        Memory memory = new Memory();
        for (int scale : settings.scales()) {
            Workload w = Workload.of(settings.seed() + 0, settings.sessions() * scale);
            Expected expected = Expected.of(w, prices);
            log.accept(String.format(
                    Locale.ROOT,
                    "== %dx: %s; hot file %s, rare file %s (%d calls)",
                    scale,
                    w,
                    expected.hotFile(),
                    expected.rareFile(),
                    expected.rareCount()));
            List<ContenderResult> contenders = new ArrayList<>();
            for (Entry entry : entries) {
                contenders.add(runContender(entry, w, expected, scale, memory));
            }
            results.add(new ScaleResult(
                    scale,
                    w.sessions(),
                    w.events(),
                    expected.hotFile(),
                    expected.rareFile(),
                    expected.rareCount(),
                    contenders));
        }
        return results;
    }

    private ContenderResult runContender(Entry entry, Workload w, Expected expected, int scale, Memory memory)
            throws Exception {
        Contender c = entry.contender();
        memory.reset();
        List<Double> rates = new ArrayList<>();
        long events = 0;
        Path dir = null;
        for (int run = 0; run < settings.runs(); run++) {
            if (dir != null) {
                ImportCorpus.deleteTree(dir);
            }
            dir = settings.workDir().resolve(scale + "x").resolve(c.name()).resolve("run" + run);
            ImportCorpus.deleteTree(dir);
            Files.createDirectories(dir);
            long deadline = c.sampled() ? System.nanoTime() + (long) (settings.timeBoxSeconds() * 1e9) : Long.MAX_VALUE;
            Contender.Load load = c.load(w, dir, deadline);
            rates.add(load.eventsPerSecond());
            events = load.events();
            if (load.nanos() > settings.longRunSeconds() * 1e9) {
                // one load this long already says what three would; the report marks it
                break;
            }
        }
        long heap = memory.heapPeak();
        long rss = memory.rssPeak();
        long bytes = c.bytesOnDisk(dir);
        double median = median(rates);
        Map<Query, Double> millis = new EnumMap<>(Query.class);
        Map<Query, Integer> runs = new EnumMap<>(Query.class);
        List<String> mismatches = new ArrayList<>();
        boolean checked = false;
        // a time-boxed contender that got through the whole workload (a small one) is checked too
        QueryMode mode = events < w.events()
                ? QueryMode.NONE
                : entry.mode() == QueryMode.NONE ? QueryMode.ANSWERS : entry.mode();
        if (mode != QueryMode.NONE) {
            Answers answers = new Answers();
            try (Contender.Queries q = c.queries(dir, expected)) {
                for (Query query : Query.values()) {
                    long t0 = System.nanoTime();
                    List<List<Object>> rows = q.run(query);
                    double first = (System.nanoTime() - t0) / 1e6;
                    if (mode == QueryMode.TIMED) {
                        // a scan that takes seconds is timed once: five runs would not change the verdict
                        int n = first > 1_000 ? 1 : settings.queryRuns();
                        List<Double> times = new ArrayList<>();
                        for (int i = 0; i < n; i++) {
                            long t = System.nanoTime();
                            rows = q.run(query);
                            times.add((System.nanoTime() - t) / 1e6);
                        }
                        millis.put(query, median(times));
                        runs.put(query, n);
                    }
                    answers.put(query, rows);
                }
            }
            mismatches.addAll(expected.answers().differences(answers, c.name()));
            checked = true;
        }
        if (!settings.keep()) {
            ImportCorpus.deleteTree(dir);
        }
        ContenderResult r = new ContenderResult(
                c.name(),
                c.description(),
                c.sampled(),
                events,
                rates,
                median,
                bytes,
                events == 0 ? 0 : (double) bytes / events,
                heap,
                rss,
                millis,
                runs,
                checked,
                mismatches);
        log.accept(String.format(
                Locale.ROOT,
                "%-26s %,12.0f events/s (runs %s)  %,d events  %.1f B/event  heap +%,d MB" + "  rss %,d MB%s%s",
                c.name(),
                median,
                format(rates),
                events,
                r.bytesPerEvent(),
                heap >> 20,
                rss >> 20,
                millis.isEmpty() ? "" : "  queries ms " + formatMillis(millis),
                checked ? (mismatches.isEmpty() ? "  answers match" : "  ANSWERS DIFFER: " + mismatches) : ""));
        return r;
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String format(List<Double> rates) {
        List<String> s = new ArrayList<>();
        for (double r : rates) {
            s.add(String.format(Locale.ROOT, "%,.0f", r));
        }
        return String.join(" / ", s);
    }

    private static String formatMillis(Map<Query, Double> millis) {
        Map<String, String> m = new LinkedHashMap<>();
        millis.forEach((q, v) -> m.put(q.name().toLowerCase(Locale.ROOT), String.format(Locale.ROOT, "%.2f", v)));
        return m.toString();
    }

    /** Deletes the work folder's run leftovers (the template stays). */
    void cleanUp() throws IOException {
        if (settings.keep()) {
            return;
        }
        for (int scale : settings.scales()) {
            ImportCorpus.deleteTree(settings.workDir().resolve(scale + "x"));
        }
    }
}
