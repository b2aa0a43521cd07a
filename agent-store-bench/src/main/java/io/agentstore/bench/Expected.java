package io.agentstore.bench;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the reference queries must answer, computed from the workload's own arrays (exact decimal cost), and
 * the parameters they take: the hot file (the most frequent path) and a rare file (the least frequent path that
 * occurs at all; of those, the one latest in the Zipf order). Every contender's answers must equal these.
 */
public final class Expected {
    /** The window start of the 30-day queries, in microseconds: {@code agent_store_now() - INTERVAL 30 DAY}. */
    public static final long CUTOFF_30D_MICROS =
            Workload.END.minus(Duration.ofDays(30)).getEpochSecond() * 1_000_000L;
    /** {@code cache_hit_rate_30d.sql} keeps days after this one. */
    public static final LocalDate CUTOFF_DAY =
            LocalDate.ofInstant(Workload.END.minus(Duration.ofDays(30)), ZoneOffset.UTC);

    private final String hotFile;
    private final String rareFile;
    private final int rareCount;
    private final Answers answers;

    private Expected(String hotFile, String rareFile, int rareCount, Answers answers) {
        this.hotFile = hotFile;
        this.rareFile = rareFile;
        this.rareCount = rareCount;
        this.answers = answers;
    }

    /** The path of the most frequent file. */
    public String hotFile() {
        return hotFile;
    }

    /** The path of the rare file. */
    public String rareFile() {
        return rareFile;
    }

    /** How often the rare file occurs. */
    public int rareCount() {
        return rareCount;
    }

    /** The expected answers. */
    public Answers answers() {
        return answers;
    }

    /** Computes the answers for {@code w}. */
    public static Expected of(Workload w, Prices prices) {
        int n = w.events();
        int[] fileCount = new int[Workload.FILES];
        long[] toolCalls = new long[Workload.TOOLS.length];
        long[] toolFailures = new long[Workload.TOOLS.length];
        long[] toolDuration = new long[Workload.TOOLS.length];
        long[] agentCalls = new long[Workload.AGENTS];
        BigDecimal[] agentCost = new BigDecimal[Workload.AGENTS];
        Arrays.fill(agentCost, BigDecimal.ZERO);
        Map<String, long[]> days = new TreeMap<>();
        Map<String, long[]> failures = new TreeMap<>();
        for (int e = 0; e < n; e++) {
            boolean recent = w.atMicros[e] > CUTOFF_30D_MICROS;
            if (w.kind[e] == Workload.TOOL) {
                if (w.file[e] >= 0) {
                    fileCount[w.file[e]]++;
                }
                if (recent) {
                    int t = w.what[e];
                    toolCalls[t]++;
                    toolDuration[t] += w.v0[e];
                    if (w.error[e] >= 0) {
                        toolFailures[t]++;
                        long[] f =
                                failures.computeIfAbsent(w.toolName(e) + "\u0000" + w.errorType(e), k -> new long[2]);
                        f[0]++;
                        f[1] = Math.max(f[1], w.atMicros[e]);
                    }
                }
            } else {
                if (recent) {
                    agentCalls[w.agent[e]]++;
                    agentCost[w.agent[e]] = agentCost[w.agent[e]].add(prices.cost(w, e));
                }
                LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(w.atMicros[e], 86_400_000_000L));
                if (day.isAfter(CUTOFF_DAY)) {
                    long[] d = days.computeIfAbsent(day.toString(), k -> new long[3]);
                    d[0]++;
                    d[1] += (long) w.v0[e] + w.v2[e] + w.v3[e] + w.v4[e];
                    d[2] += w.v2[e];
                }
            }
        }
        Answers a = new Answers();
        List<List<Object>> tools = new ArrayList<>();
        for (int t = 0; t < toolCalls.length; t++) {
            if (toolCalls[t] > 0) {
                tools.add(List.of(
                        Workload.TOOLS[t], toolCalls[t], toolFailures[t], (double) toolDuration[t] / toolCalls[t]));
            }
        }
        a.put(Query.TOOLS_30D, tools);
        List<List<Object>> agents = new ArrayList<>();
        for (int g = 0; g < Workload.AGENTS; g++) {
            if (agentCalls[g] > 0) {
                agents.add(List.of(w.agents[g], agentCalls[g], agentCost[g].doubleValue()));
            }
        }
        a.put(Query.COST_PER_AGENT_30D, agents);
        List<List<Object>> dayRows = new ArrayList<>();
        days.forEach((day, d) -> dayRows.add(List.of(day, d[0], d[1], d[2], d[1] == 0 ? 0.0 : (double) d[2] / d[1])));
        a.put(Query.DAILY_TOKENS_CACHE_30D, dayRows);
        List<List<Object>> failureRows = new ArrayList<>();
        failures.forEach((k, f) -> {
            String[] parts = k.split("\u0000");
            failureRows.add(List.of(parts[0], parts[1], f[0], f[1]));
        });
        a.put(Query.FAILURES_30D, failureRows);

        int rare = -1;
        for (int f = 0; f < Workload.FILES; f++) {
            if (fileCount[f] > 0 && (rare < 0 || fileCount[f] <= fileCount[rare])) {
                rare = f;
            }
        }
        a.put(Query.LAST10_HOT_FILE, lastTen(w, 0));
        a.put(Query.LAST10_RARE_FILE, lastTen(w, rare));
        return new Expected(w.files[0], w.files[rare], fileCount[rare], a);
    }

    /** The latest 10 tool calls on file {@code f}: {occurred_at µs, session id, tool, success 0/1}. */
    private static List<List<Object>> lastTen(Workload w, int f) {
        List<Integer> hits = new ArrayList<>();
        for (int e = 0; e < w.events(); e++) {
            if (w.kind[e] == Workload.TOOL && w.file[e] == f) {
                hits.add(e);
            }
        }
        hits.sort(Comparator.comparingLong((Integer e) -> w.atMicros[e]).reversed());
        List<List<Object>> rows = new ArrayList<>();
        for (int e : hits.subList(0, Math.min(10, hits.size()))) {
            rows.add(actionRow(w.atMicros[e], w.sessionIds[w.session[e]], w.toolName(e), w.error[e] < 0));
        }
        return rows;
    }

    /** A canonical row of the file look-ups. */
    static List<Object> actionRow(long atMicros, String sessionId, String tool, boolean success) {
        return List.of(atMicros, sessionId, tool, success ? 1L : 0L);
    }
}
