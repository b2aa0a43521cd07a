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

    /** The targets, as measured in this run (the largest scale unless said otherwise). */
    List<Target> targets() {
        List<Target> t = new ArrayList<>();
        ScaleResult big = largest();
        String at = " (" + big.scale() + "x)";
        Double g16 = rate(big, "agent-store-group-16");
        Double a1000 = rate(big, "appender-commit-1000");
        t.add(new Target(
                "GROUP_COMMIT, 16 threads ≥ 0.9x appender committing every 1,000 events" + at,
                ratio(g16, a1000),
                verdict(g16, a1000, 0.9)));
        Double async = rate(big, "agent-store-async");
        Double single = rate(big, "appender-one-flush");
        t.add(new Target(
                "ASYNC + one flush ≥ 0.8x appender with one flush" + at,
                ratio(async, single),
                verdict(async, single, 0.8)));
        Double sqlite = rate(big, "sqlite-full-per-event");
        t.add(new Target(
                "≥ 15x SQLite, one transaction per event, synchronous=FULL" + at,
                "GROUP_COMMIT 16 threads " + ratio(g16, sqlite) + "; SYNC "
                        + ratio(rate(big, "agent-store-sync"), sqlite) + "; ASYNC " + ratio(async, sqlite),
                verdict(g16, sqlite, 15)));
        ScaleResult ten = at(10);
        ContenderResult store10 = ten == null ? null : ten.get("agent-store-async");
        if (store10 != null && !store10.queryMillis().isEmpty()) {
            double worst = 0;
            String which = "";
            for (Map.Entry<Query, Double> e : store10.queryMillis().entrySet()) {
                if (e.getKey().aggregate() && e.getValue() > worst) {
                    worst = e.getValue();
                    which = e.getKey().title();
                }
            }
            t.add(new Target(
                    "aggregate reference queries ≤ 10 ms at 10x",
                    String.format(Locale.ROOT, "slowest %.1f ms (%s)", worst, which),
                    worst <= 10 ? "met" : "missed"));
        } else {
            t.add(new Target("aggregate reference queries ≤ 10 ms at 10x", "10x not run", "not run"));
        }
        ScaleResult hundred = at(100);
        // the file look-up at each scale: on agent-store's own file, else on the appender's (same schema and views)
        String source = "agent-store-async";
        ContenderResult first = scales.get(0).get(source);
        ContenderResult last = big.get(source);
        if (last == null || last.queryMillis().isEmpty()) {
            source = "appender-one-flush";
            first = scales.get(0).get(source);
            last = big.get(source);
        }
        if (first != null
                && last != null
                && !last.queryMillis().isEmpty()
                && !first.queryMillis().isEmpty()) {
            double hot = last.queryMillis().get(Query.LAST10_HOT_FILE);
            double rare = last.queryMillis().get(Query.LAST10_RARE_FILE);
            double growth = Math.max(
                    hot / first.queryMillis().get(Query.LAST10_HOT_FILE),
                    rare / first.queryMillis().get(Query.LAST10_RARE_FILE));
            double dataGrowth = (double) big.events() / scales.get(0).events();
            String measured = String.format(
                    Locale.ROOT,
                    "hot %.1f ms, rare %.1f ms at %dx%s",
                    hot,
                    rare,
                    big.scale(),
                    source.equals("agent-store-async") ? "" : " (on " + source + "'s file)");
            if (scales.size() > 1) {
                measured += String.format(Locale.ROOT, "; %.1fx slower for %.0fx the data", growth, dataGrowth);
            }
            boolean slower = scales.size() > 1 && growth < dataGrowth;
            t.add(new Target(
                    "last 10 actions on a file ≤ 5 ms at 100x, growing slower than the data",
                    measured,
                    hundred == null
                            ? "100x not run (--full)"
                                    + (scales.size() > 1
                                            ? (slower ? "; grows slower than the data" : "; grows as fast as the data")
                                            : "")
                            : (Math.max(hot, rare) <= 5 && (scales.size() == 1 || slower) ? "met" : "missed")));
        }
        ContenderResult store = big.get("agent-store-async");
        if (store != null) {
            t.add(new Target(
                    "≤ 25 bytes per event on disk" + at,
                    String.format(Locale.ROOT, "%.1f B/event", store.bytesPerEvent()),
                    store.bytesPerEvent() <= 25 ? "met" : "missed"));
        }
        return t;
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
