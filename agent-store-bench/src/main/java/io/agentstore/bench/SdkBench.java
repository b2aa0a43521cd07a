package io.agentstore.bench;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import io.agentstore.AgentStore;
import io.agentstore.anthropic.InstrumentedAnthropic;
import io.agentstore.anthropic.loopback.LoopbackAnthropicServer;
import io.agentstore.anthropic.loopback.Replies;
import io.agentstore.audit.AuditModule;
import io.agentstore.spi.SchemaModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The overhead of the instrumented Anthropic client: the same Messages API calls (plain and streamed) through
 * an unwrapped client and a wrapped one (core only, and with the audit module), against the loopback server, in
 * the same run, interleaved in rounds so that both see the same machine. Reported: the median and p90 latency of
 * one call as the caller sees it, and the ratio wrapped / unwrapped; and that every wrapped call was recorded.
 */
final class SdkBench {
    private final int calls;
    private final int rounds;
    private final Path workDir;
    private final Consumer<String> log;

    SdkBench(int calls, int rounds, Path workDir, Consumer<String> log) {
        this.calls = calls;
        this.rounds = rounds;
        this.workDir = workDir;
        this.log = log;
    }

    private static final MessageCreateParams PARAMS = MessageCreateParams.builder()
            .model("claude-sonnet-4-5")
            .maxTokens(256)
            .addUserMessage("What is the capital of France?")
            .build();

    Map<String, Object> run() throws IOException {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("machine", Machine.current().toMap());
        result.put("calls_per_round", calls);
        result.put("rounds", rounds);
        Files.createDirectories(workDir);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (boolean streamed : new boolean[] {false, true}) {
            try (LoopbackAnthropicServer server = LoopbackAnthropicServer.start()) {
                server.always(streamed ? Replies.streamed("req_bench") : Replies.plain("req_bench"));
                rows.addAll(compare(server, streamed));
            }
        }
        result.put("results", rows);
        return result;
    }

    private List<Map<String, Object>> compare(LoopbackAnthropicServer server, boolean streamed) throws IOException {
        String kind = streamed ? "createStreaming" : "create";
        Path coreDb = fresh("sdk-core.duckdb");
        Path auditDb = fresh("sdk-audit.duckdb");
        AnthropicClient plain = client(server);
        long[][] samples = new long[3][];
        long recordedCore;
        long recordedAudit;
        try (AgentStore core = open(coreDb);
                AgentStore audit = open(auditDb, AuditModule.create())) {
            AnthropicClient wrappedCore = InstrumentedAnthropic.wrap(client(server), core);
            AnthropicClient wrappedAudit = InstrumentedAnthropic.wrap(client(server), audit);
            AnthropicClient[] clients = {plain, wrappedCore, wrappedAudit};
            // warm up every client (JIT, connections, the stores' first writes)
            for (AnthropicClient c : clients) {
                for (int i = 0; i < Math.min(200, calls); i++) {
                    call(c, streamed);
                }
            }
            List<List<Long>> lat = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < clients.length; k++) {
                    int which = (r + k) % clients.length; // rotate the order between rounds
                    for (int i = 0; i < calls; i++) {
                        long t = System.nanoTime();
                        call(clients[which], streamed);
                        lat.get(which).add(System.nanoTime() - t);
                    }
                }
                log.accept(kind + " round " + (r + 1) + "/" + rounds);
            }
            for (int k = 0; k < 3; k++) {
                samples[k] =
                        lat.get(k).stream().mapToLong(Long::longValue).sorted().toArray();
            }
            wrappedCore.close();
            wrappedAudit.close();
            recordedCore = count(core, "fact_api_call");
            recordedAudit = count(audit, "fact_api_call");
        }
        plain.close();
        long expected = (long) calls * rounds + Math.min(200, calls);
        List<Map<String, Object>> rows = new ArrayList<>();
        String[] names = {"unwrapped", "wrapped (core)", "wrapped (core + audit)"};
        double base = median(samples[0]);
        for (int k = 0; k < 3; k++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("call", kind);
            row.put("client", names[k]);
            row.put("median_ms", round(median(samples[k]) / 1e6));
            row.put("p90_ms", round(percentile(samples[k], 0.9) / 1e6));
            row.put("ratio_median", round(median(samples[k]) / base));
            row.put("ratio_p90", round(percentile(samples[k], 0.9) / percentile(samples[0], 0.9)));
            row.put("calls_recorded", k == 0 ? "-" : (k == 1 ? recordedCore : recordedAudit) + " of " + expected);
            rows.add(row);
        }
        return rows;
    }

    private static AnthropicClient client(LoopbackAnthropicServer server) {
        return AnthropicOkHttpClient.builder()
                .baseUrl(server.baseUrl())
                .apiKey("sk-ant-bench")
                .maxRetries(0)
                .build();
    }

    private static void call(AnthropicClient client, boolean streamed) {
        if (streamed) {
            try (StreamResponse<RawMessageStreamEvent> s = client.messages().createStreaming(PARAMS)) {
                s.stream().forEach(e -> {});
            }
        } else {
            client.messages().create(PARAMS);
        }
    }

    private Path fresh(String name) throws IOException {
        Path p = workDir.resolve(name);
        Files.deleteIfExists(p);
        Files.deleteIfExists(p.resolveSibling(name + ".wal"));
        return p;
    }

    private static AgentStore open(Path db, SchemaModule... modules) {
        return AgentStore.builder().path(db).install(modules).build();
    }

    private static long count(AgentStore store, String table) {
        return store.sql("SELECT count(*) AS n FROM " + table).rows().get(0).int64("n");
    }

    private static double median(long[] sorted) {
        return percentile(sorted, 0.5);
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)));
        return sorted[i];
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> r) {
        StringBuilder b = new StringBuilder();
        b.append("# SDK instrumentation overhead\n\n");
        b.append("Machine: ").append(r.get("machine")).append("\n\n");
        b.append(String.format(
                Locale.ROOT,
                "The Anthropic Java SDK (OkHttp) against the loopback server, %s calls per client per round, %s rounds,"
                        + " clients interleaved (order rotated each round) after a warm-up; latency of one call as the"
                        + " caller sees it (a streamed call: until its last event is consumed).%n%n",
                r.get("calls_per_round"),
                r.get("rounds")));
        b.append("| call | client | median ms | p90 ms | median ratio | p90 ratio | calls recorded |\n");
        b.append("|---|---|---|---|---|---|---|\n");
        for (Map<String, Object> row : (List<Map<String, Object>>) r.get("results")) {
            b.append("| ")
                    .append(String.join(
                            " | ",
                            Arrays.asList(
                                    String.valueOf(row.get("call")),
                                    String.valueOf(row.get("client")),
                                    String.valueOf(row.get("median_ms")),
                                    String.valueOf(row.get("p90_ms")),
                                    String.valueOf(row.get("ratio_median")),
                                    String.valueOf(row.get("ratio_p90")),
                                    String.valueOf(row.get("calls_recorded")))))
                    .append(" |\n");
        }
        return b.toString();
    }
}
