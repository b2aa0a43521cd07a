package io.agentstore.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.agentstore.bench.Comparison.ContenderResult;
import io.agentstore.bench.Comparison.ScaleResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The comparison's Markdown table and JSON file. */
final class Report {
    /** One target of the issue, measured. */
    record Target(String target, String measured, String verdict) {}

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Machine machine;
    private final Comparison.Settings settings;
    private final List<ScaleResult> scales;

    Report(Machine machine, Comparison.Settings settings, List<ScaleResult> scales) {
        this.machine = machine;
        this.settings = settings;
        this.scales = scales;
    }

    private ScaleResult at(int scale) {
        return scales.stream().filter(s -> s.scale() == scale).findFirst().orElse(null);
    }

    private ScaleResult largest() {
        return scales.get(scales.size() - 1);
    }

    private static Double rate(ScaleResult s, String name) {
        ContenderResult c = s == null ? null : s.get(name);
        return c == null ? null : c.eventsPerSecond();
    }

    private static String ratio(Double a, Double b) {
        if (a == null || b == null || b == 0) {
            return "n/a";
        }
        double r = a / b;
        return String.format(Locale.ROOT, r < 0.1 ? "%.3fx" : "%.2fx", r);
    }

    private static String verdict(Double a, Double b, double min) {
        return a == null || b == null ? "not run" : a / b >= min ? "met" : "missed";
    }

    private static String verdict(boolean met) {
        return met ? "met" : "missed";
    }

    /** The slowest aggregate reference query of {@code c}, or null when it answered none. */
    private static Map.Entry<Query, Double> slowestAggregate(ContenderResult c) {
        if (c == null) {
            return null;
        }
        return c.queryMillis().entrySet().stream()
                .filter(e -> e.getKey().aggregate())
                .max(Map.Entry.comparingByValue())
                .orElse(null);
    }

    /**
     * The targets of issue 19 (performance round 2), as measured in this run: each at the scale the issue names
     * when this run has it, else at the largest scale run (the measured column says which).
     */
    List<Target> targets() {
        List<Target> t = new ArrayList<>();
        ScaleResult big = largest();
        ScaleResult ten = at(10) != null ? at(10) : big;
        String at10 = " (" + ten.scale() + "x)";
        Double sqlite = rate(ten, "sqlite-full-per-event");
        Double sync = rate(ten, "agent-store-sync");
        t.add(rateTarget(
                "SYNC, 1 thread ≥ 1x SQLite WAL synchronous=FULL, one transaction per event" + at10, sync, sqlite, 1));
        Double g16 = rate(ten, "agent-store-group-16");
        t.add(rateTarget("GROUP_COMMIT, 16 threads ≥ 10x the same SQLite" + at10, g16, sqlite, 10));
        for (ScaleResult s : scales) {
            Double async = rate(s, "agent-store-async");
            Double single = rate(s, "appender-one-flush");
            t.add(rateTarget(
                    "ASYNC + one flush ≥ 0.8x appender with one flush (" + s.scale() + "x)", async, single, 0.8));
        }
        ScaleResult one = at(1);
        if (one != null && scales.size() > 1) {
            for (ScaleResult s : scales.subList(1, scales.size())) {
                Double small = rate(one, "agent-store-async");
                Double large = rate(s, "agent-store-async");
                t.add(rateTarget("ASYNC at " + s.scale() + "x ≥ 1x ASYNC at 1x (events/s)", large, small, 1));
            }
        }
        StringBuilder heaps = new StringBuilder();
        long worstHeap = -1;
        for (ScaleResult s : scales) {
            ContenderResult c = s.get("agent-store-async");
            if (c != null) {
                heaps.append(heaps.length() == 0 ? "" : "; ")
                        .append(String.format(Locale.ROOT, "%dx +%,d MB", s.scale(), c.heapPeakBytes() >> 20));
                worstHeap = Math.max(worstHeap, c.heapPeakBytes());
            }
        }
        t.add(new Target(
                "heap growth of ASYNC ≤ 256 MB at every scale",
                heaps.length() == 0 ? "n/a" : heaps.toString(),
                worstHeap < 0 ? "not run" : verdict(worstHeap <= 256L << 20)));
        for (ScaleResult s : scales) {
            if (s.scale() < 10) {
                continue;
            }
            double limit = s.scale() >= 100 ? 20 : 10;
            Map.Entry<Query, Double> worst = slowestAggregate(s.get("agent-store-async"));
            Map.Entry<Query, Double> sq = slowestAggregate(s.get("sqlite-full-batch-1000"));
            t.add(new Target(
                    String.format(Locale.ROOT, "slowest aggregate reference query ≤ %.0f ms (%dx)", limit, s.scale()),
                    worst == null
                            ? "n/a"
                            : String.format(
                                    Locale.ROOT,
                                    "%.1f ms (%s)%s",
                                    worst.getValue(),
                                    worst.getKey().title(),
                                    sq == null
                                            ? ""
                                            : String.format(Locale.ROOT, "; SQLite's slowest %.1f ms", sq.getValue())),
                    worst == null ? "not run" : verdict(worst.getValue() <= limit)));
        }
        for (ScaleResult s : scales) {
            if (s.scale() < 10) {
                continue;
            }
            ContenderResult c = s.get("agent-store-async");
            ContenderResult sq = s.get("sqlite-full-batch-1000");
            if (c == null || c.queryMillis().isEmpty()) {
                t.add(new Target(
                        "last 10 actions on a file ≤ 5 ms, hot and rare (" + s.scale() + "x)", "n/a", "not run"));
                continue;
            }
            double hot = c.queryMillis().get(Query.LAST10_HOT_FILE);
            double rare = c.queryMillis().get(Query.LAST10_RARE_FILE);
            String measured = String.format(Locale.ROOT, "hot %.2f ms, rare %.2f ms", hot, rare);
            if (sq != null && !sq.queryMillis().isEmpty()) {
                measured += String.format(
                        Locale.ROOT,
                        "; SQLite %.2f / %.2f ms",
                        sq.queryMillis().get(Query.LAST10_HOT_FILE),
                        sq.queryMillis().get(Query.LAST10_RARE_FILE));
            }
            t.add(new Target(
                    "last 10 actions on a file ≤ 5 ms, hot and rare (" + s.scale() + "x)",
                    measured,
                    verdict(Math.max(hot, rare) <= 5)));
        }
        ContenderResult store = ten.get("agent-store-async");
        ContenderResult raw = ten.get("appender-one-flush");
        t.add(new Target(
                "bytes per event ≤ 1.1x the raw appender's (one flush), the whole file" + at10,
                store == null || raw == null
                        ? "n/a"
                        : String.format(
                                Locale.ROOT,
                                "%.2fx (%.1f vs %.1f B/event)",
                                store.bytesPerEvent() / raw.bytesPerEvent(),
                                store.bytesPerEvent(),
                                raw.bytesPerEvent()),
                store == null || raw == null
                        ? "not run"
                        : verdict(store.bytesPerEvent() / raw.bytesPerEvent() <= 1.1)));
        return t;
    }

    /** A target on the ratio of two rates {@code a / b} of this run, with both rates shown. */
    private static Target rateTarget(String target, Double a, Double b, double min) {
        return new Target(target, ratio(a, b) + rates(a, b), verdict(a, b, min));
    }

    private static String rates(Double a, Double b) {
        return a == null || b == null ? "" : String.format(Locale.ROOT, " (%,.0f vs %,.0f events/s)", a, b);
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        List<Integer> sc = scales.stream().map(ScaleResult::scale).toList();
        md.append("# agent-store benchmark: end-to-end comparison\n\n");
        md.append("Run ")
                .append(machine.summary())
                .append(". Workload: seed ")
                .append(settings.seed())
                .append(", ")
                .append(String.format(Locale.ROOT, "%,d", settings.sessions()))
                .append(
                        " sessions × scale, 70 events each (50 tool calls, 20 API calls); the same events for every contender.")
                .append(" Events/s is the median of ")
                .append(settings.runs())
                .append(" loads (one load when it took over ")
                .append(String.format(Locale.ROOT, "%.0f", settings.longRunSeconds()))
                .append(" s); contenders marked * commit per event (or per few events) and are timed on a ")
                .append(String.format(Locale.ROOT, "%.0f", settings.timeBoxSeconds()))
                .append(" s prefix of the workload. Query latency: median of ")
                .append(settings.queryRuns())
                .append(" runs after one warm-up (one run when the warm-up took over 1 s). What limits the misses: ")
                .append("[ANALYSIS.md](ANALYSIS.md).\n\n");
        for (ScaleResult s : scales) {
            md.append(String.format(
                    Locale.ROOT,
                    "- %dx: %,d sessions, %,d events; hot file `%s`, rare file `%s` (%d call%s)%n",
                    s.scale(),
                    s.sessions(),
                    s.events(),
                    s.hotFile(),
                    s.rareFile(),
                    s.rareFileCount(),
                    s.rareFileCount() == 1 ? "" : "s"));
        }
        md.append("\n## Targets\n\n| target | measured | verdict |\n| --- | --- | --- |\n");
        for (Target t : targets()) {
            md.append("| ")
                    .append(t.target())
                    .append(" | ")
                    .append(t.measured())
                    .append(" | ")
                    .append(t.verdict())
                    .append(" |\n");
        }
        md.append("\n## Write throughput (events/s)\n\n| contender | what |");
        for (int s : sc) {
            md.append(' ').append(s).append("x |");
        }
        md.append(" vs appender-commit-1000 (").append(largest().scale()).append("x) |");
        if (sc.size() > 1) {
            md.append(' ')
                    .append(sc.get(sc.size() - 1))
                    .append("x / ")
                    .append(sc.get(0))
                    .append("x |");
        }
        md.append('\n')
                .append("| --- | --- |")
                .append(" ---: |".repeat(sc.size() + 1 + (sc.size() > 1 ? 1 : 0)))
                .append('\n');
        for (ContenderResult c : largest().contenders()) {
            md.append("| ")
                    .append(c.name())
                    .append(c.sampled() ? "*" : "")
                    .append(" | ")
                    .append(c.description())
                    .append(" |");
            for (ScaleResult s : scales) {
                ContenderResult r = s.get(c.name());
                md.append(
                        r == null
                                ? " |"
                                : String.format(
                                        Locale.ROOT,
                                        " %,.0f%s |",
                                        r.eventsPerSecond(),
                                        r.rates().size() < settings.runs() ? " (1 run)" : ""));
            }
            md.append(' ')
                    .append(ratio(c.eventsPerSecond(), rate(largest(), "appender-commit-1000")))
                    .append(" |");
            if (sc.size() > 1) {
                md.append(' ')
                        .append(ratio(c.eventsPerSecond(), rate(scales.get(0), c.name())))
                        .append(" |");
            }
            md.append('\n');
        }
        md.append("\n## Query latency (ms)\n\n| query |");
        List<String> timed = new ArrayList<>();
        for (ContenderResult c : largest().contenders()) {
            if (!c.queryMillis().isEmpty()) {
                timed.add(c.name());
            }
        }
        for (String name : timed) {
            for (int s : sc) {
                md.append(' ').append(name).append(' ').append(s).append("x |");
            }
        }
        md.append('\n')
                .append("| --- |")
                .append(" ---: |".repeat(timed.size() * sc.size()))
                .append('\n');
        for (Query q : Query.values()) {
            md.append("| ").append(q.title()).append(" |");
            for (String name : timed) {
                for (ScaleResult s : scales) {
                    ContenderResult r = s.get(name);
                    Double v = r == null ? null : r.queryMillis().get(q);
                    md.append(
                            v == null
                                    ? " |"
                                    : String.format(
                                            Locale.ROOT,
                                            " %.2f%s |",
                                            v,
                                            r.queryRuns().get(q) == 1 ? " (1 run)" : ""));
                }
            }
            md.append('\n');
        }
        md.append(
                "\n## Storage and memory\n\nBytes per event: the files on disk after close (DuckDB file + WAL,"
                        + " SQLite database + WAL, JSONL files) divided by the events loaded; for the * contenders, of their"
                        + " prefix (fixed overhead dominates). Heap: peak above what was in use before the contender"
                        + " (heap pools' peaks, summed). RSS: the process's peak resident set during the contender.\n\n| contender |");
        for (int s : sc) {
            md.append(" B/event ").append(s).append("x |");
        }
        for (int s : sc) {
            md.append(" heap MB ").append(s).append("x |");
        }
        for (int s : sc) {
            md.append(" RSS MB ").append(s).append("x |");
        }
        md.append('\n')
                .append("| --- |")
                .append(" ---: |".repeat(sc.size() * 3))
                .append('\n');
        for (ContenderResult c : largest().contenders()) {
            md.append("| ").append(c.name()).append(c.sampled() ? "*" : "").append(" |");
            for (ScaleResult s : scales) {
                ContenderResult r = s.get(c.name());
                md.append(r == null ? " |" : String.format(Locale.ROOT, " %.1f |", r.bytesPerEvent()));
            }
            for (ScaleResult s : scales) {
                ContenderResult r = s.get(c.name());
                md.append(r == null ? " |" : String.format(Locale.ROOT, " %,d |", r.heapPeakBytes() >> 20));
            }
            for (ScaleResult s : scales) {
                ContenderResult r = s.get(c.name());
                md.append(
                        r == null || r.rssPeakBytes() < 0
                                ? " |"
                                : String.format(Locale.ROOT, " %,d |", r.rssPeakBytes() >> 20));
            }
            md.append('\n');
        }
        md.append("\n## Answers\n\nEvery queried contender's answers to the six reference queries are compared with the"
                + " answers computed from the workload itself (counts and token sums exactly, costs and rates within a"
                + " relative 1e-9).\n\n");
        for (ScaleResult s : scales) {
            List<String> ok = new ArrayList<>();
            List<String> bad = new ArrayList<>();
            for (ContenderResult c : s.contenders()) {
                if (c.answersChecked()) {
                    (c.mismatches().isEmpty() ? ok : bad).add(c.name());
                }
            }
            md.append("- ")
                    .append(s.scale())
                    .append("x: ")
                    .append(bad.isEmpty() ? "all match" : "DIFFERENCES")
                    .append(" (")
                    .append(String.join(", ", ok))
                    .append(bad.isEmpty() ? "" : "; differ: " + bad)
                    .append(")\n");
            for (ContenderResult c : s.contenders()) {
                for (String m : c.mismatches()) {
                    md.append("  - ").append(m).append('\n');
                }
            }
        }
        return md.toString();
    }

    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("machine", machine.toMap());
        m.put("settings", settings);
        m.put("targets", targets());
        m.put("scales", scales);
        return m;
    }

    /** Writes {@code comparison.md} and {@code comparison.json} to {@code out}. */
    void write(Path out) throws IOException {
        Files.createDirectories(out);
        Files.writeString(out.resolve("comparison.md"), markdown());
        JSON.writeValue(out.resolve("comparison.json").toFile(), json());
    }

    /** Whether every checked answer matched. */
    boolean answersMatch() {
        return scales.stream()
                .flatMap(s -> s.contenders().stream())
                .allMatch(c -> c.mismatches().isEmpty());
    }
}
