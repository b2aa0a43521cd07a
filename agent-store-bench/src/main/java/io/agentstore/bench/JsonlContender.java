package io.agentstore.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * JSONL files, the simplest log: one JSON object per event (Jackson), appended to {@code tool_calls.jsonl} or
 * {@code api_calls.jsonl} and flushed to the operating system per event (no fsync, like most such logs).
 * Queries scan the files and aggregate in Java.
 */
final class JsonlContender extends Contender {
    /** A tool call line. */
    record ToolLine(
            String event_id,
            String timestamp,
            String session_id,
            String agent,
            String task_id,
            String task_type,
            String tool,
            String file,
            boolean success,
            String error_type,
            long duration_ms,
            long input_tokens,
            long output_tokens) {}

    /** An API call line. */
    record ApiLine(
            String event_id,
            String timestamp,
            String session_id,
            String agent,
            String task_id,
            String model,
            String provider,
            long input_tokens,
            long output_tokens,
            long cache_read_tokens,
            long cache_write_5m_tokens,
            long cache_write_1h_tokens) {}

    private static final ObjectMapper MAPPER = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private final Prices prices;

    JsonlContender(String name, Prices prices) {
        super(name, "JSONL files, one line appended and flushed per event; queries scan", false);
        this.prices = prices;
    }

    @Override
    Load load(Workload w, Path dir, long deadline) throws Exception {
        long events = 0;
        long started = System.nanoTime();
        try (BufferedWriter tools = Files.newBufferedWriter(
                        dir.resolve("tool_calls.jsonl"),
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
                BufferedWriter apis = Files.newBufferedWriter(
                        dir.resolve("api_calls.jsonl"),
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND)) {
            for (int s = 0; s < w.sessions() && System.nanoTime() < deadline; s++) {
                int from = Workload.firstEvent(s);
                for (int e = from; e < from + Workload.EVENTS_PER_SESSION; e++) {
                    String at = Timestamps.format(w.atMicros[e]);
                    String id = new java.util.UUID(w.idHi[e], w.idLo[e]).toString();
                    BufferedWriter out;
                    String line;
                    if (w.kind[e] == Workload.TOOL) {
                        out = tools;
                        line = MAPPER.writeValueAsString(new ToolLine(
                                id,
                                at,
                                w.sessionIds[s],
                                w.agents[w.agent[e]],
                                w.taskIds[w.task[e]],
                                w.taskTypeOf(e),
                                w.toolName(e),
                                w.filePath(e),
                                w.error[e] < 0,
                                w.errorType(e),
                                w.v0[e],
                                w.v1[e],
                                w.v2[e]));
                    } else {
                        out = apis;
                        line = MAPPER.writeValueAsString(new ApiLine(
                                id,
                                at,
                                w.sessionIds[s],
                                w.agents[w.agent[e]],
                                w.taskIds[w.task[e]],
                                w.modelName(e),
                                Workload.PROVIDER,
                                w.v0[e],
                                w.v1[e],
                                w.v2[e],
                                w.v3[e],
                                w.v4[e]));
                    }
                    out.write(line);
                    out.write('\n');
                    out.flush();
                    events++;
                }
            }
        }
        return new Load(events, System.nanoTime() - started);
    }

    @Override
    Queries queries(Path dir, Expected expected) {
        Path toolFile = dir.resolve("tool_calls.jsonl");
        Path apiFile = dir.resolve("api_calls.jsonl");
        String cutoff = Timestamps.format(Expected.CUTOFF_30D_MICROS);
        String firstDay = Expected.CUTOFF_DAY.plusDays(1).toString();
        Map<String, double[]> priceByModel = new TreeMap<>();
        for (int m = 0; m < Workload.MODELS.length; m++) {
            double[] p = new double[5];
            for (int k = 0; k < 5; k++) {
                p[k] = prices.perToken[m][k].doubleValue();
            }
            priceByModel.put(Workload.MODELS[m], p);
        }
        return new Queries() {
            @Override
            public List<List<Object>> run(Query q) throws Exception {
                List<List<Object>> out = new ArrayList<>();
                switch (q) {
                    case TOOLS_30D -> {
                        Map<String, long[]> by = new TreeMap<>();
                        try (MappingIterator<ToolLine> it =
                                MAPPER.readerFor(ToolLine.class).readValues(toolFile.toFile())) {
                            while (it.hasNext()) {
                                ToolLine l = it.next();
                                if (l.timestamp().compareTo(cutoff) > 0) {
                                    long[] a = by.computeIfAbsent(l.tool(), k -> new long[3]);
                                    a[0]++;
                                    a[1] += l.success() ? 0 : 1;
                                    a[2] += l.duration_ms();
                                }
                            }
                        }
                        by.forEach((t, a) -> out.add(List.of(t, a[0], a[1], (double) a[2] / a[0])));
                    }
                    case COST_PER_AGENT_30D -> {
                        Map<String, double[]> by = new TreeMap<>();
                        try (MappingIterator<ApiLine> it =
                                MAPPER.readerFor(ApiLine.class).readValues(apiFile.toFile())) {
                            while (it.hasNext()) {
                                ApiLine l = it.next();
                                if (l.timestamp().compareTo(cutoff) > 0) {
                                    double[] p = priceByModel.get(l.model());
                                    double[] a = by.computeIfAbsent(l.agent(), k -> new double[2]);
                                    a[0]++;
                                    a[1] += l.input_tokens() * p[0]
                                            + l.output_tokens() * p[1]
                                            + l.cache_read_tokens() * p[2]
                                            + l.cache_write_5m_tokens() * p[3]
                                            + l.cache_write_1h_tokens() * p[4];
                                }
                            }
                        }
                        by.forEach((agent, a) -> out.add(List.of(agent, (long) a[0], a[1])));
                    }
                    case LAST10_HOT_FILE, LAST10_RARE_FILE -> {
                        String path = q == Query.LAST10_HOT_FILE ? expected.hotFile() : expected.rareFile();
                        PriorityQueue<ToolLine> latest = new PriorityQueue<>(Comparator.comparing(ToolLine::timestamp));
                        try (MappingIterator<ToolLine> it =
                                MAPPER.readerFor(ToolLine.class).readValues(toolFile.toFile())) {
                            while (it.hasNext()) {
                                ToolLine l = it.next();
                                if (path.equals(l.file())) {
                                    latest.add(l);
                                    if (latest.size() > 10) {
                                        latest.poll();
                                    }
                                }
                            }
                        }
                        List<ToolLine> rows = new ArrayList<>(latest);
                        rows.sort(Comparator.comparing(ToolLine::timestamp).reversed());
                        for (ToolLine l : rows) {
                            out.add(Expected.actionRow(
                                    Timestamps.parse(l.timestamp()), l.session_id(), l.tool(), l.success()));
                        }
                    }
                    case DAILY_TOKENS_CACHE_30D -> {
                        Map<String, long[]> by = new TreeMap<>();
                        try (MappingIterator<ApiLine> it =
                                MAPPER.readerFor(ApiLine.class).readValues(apiFile.toFile())) {
                            while (it.hasNext()) {
                                ApiLine l = it.next();
                                if (l.timestamp().compareTo(firstDay) >= 0) {
                                    long[] a = by.computeIfAbsent(l.timestamp().substring(0, 10), k -> new long[3]);
                                    a[0]++;
                                    a[1] += l.input_tokens()
                                            + l.cache_read_tokens()
                                            + l.cache_write_5m_tokens()
                                            + l.cache_write_1h_tokens();
                                    a[2] += l.cache_read_tokens();
                                }
                            }
                        }
                        by.forEach((day, a) ->
                                out.add(List.of(day, a[0], a[1], a[2], a[1] == 0 ? 0.0 : (double) a[2] / a[1])));
                    }
                    case FAILURES_30D -> {
                        Map<String, Object[]> by = new TreeMap<>();
                        try (MappingIterator<ToolLine> it =
                                MAPPER.readerFor(ToolLine.class).readValues(toolFile.toFile())) {
                            while (it.hasNext()) {
                                ToolLine l = it.next();
                                if (!l.success() && l.timestamp().compareTo(cutoff) > 0) {
                                    String error = l.error_type() == null ? "(unspecified)" : l.error_type();
                                    Object[] a = by.computeIfAbsent(
                                            l.tool() + "\u0000" + error, k -> new Object[] {l.tool(), error, 0L, ""});
                                    a[2] = (Long) a[2] + 1;
                                    if (l.timestamp().compareTo((String) a[3]) > 0) {
                                        a[3] = l.timestamp();
                                    }
                                }
                            }
                        }
                        by.values().forEach(a -> out.add(List.of(a[0], a[1], a[2], Timestamps.parse((String) a[3]))));
                    }
                    default -> throw new IllegalArgumentException(q.name());
                }
                return out;
            }

            @Override
            public void close() {
                // nothing held open between queries
            }
        };
    }
}
