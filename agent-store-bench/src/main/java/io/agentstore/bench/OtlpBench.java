package io.agentstore.bench;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.JsonFormat;
import io.agentstore.AgentStore;
import io.agentstore.core.AgentRef;
import io.agentstore.core.ApiCall;
import io.agentstore.otlp.OtlpReceiver;
import io.agentstore.spi.EventIds;
import io.agentstore.spi.FactRecord;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Events per second the OTLP receiver accepts (answered 200, so committed) from concurrent clients over the loopback
 * interface: Claude Code {@code api_request} log records as protobuf and as JSON, and GenAI {@code chat} spans as
 * protobuf; against the same number of API calls handed to the store in process with {@code recordAll} (the
 * writer's durable path, the reference) and with {@code importAll} (the receiver's own path into the store,
 * which also skips ids already stored), in the same batches from the same number of threads.
 */
@Command(
        name = "otlp",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "OTLP receiver throughput (events/s accepted) against in-process recordAll (and importAll) of the"
                + " same calls.")
final class OtlpBench implements Callable<Integer> {
    @Option(names = "--requests", description = "Export requests per mode (default: ${DEFAULT-VALUE}).")
    int requests = 1_000;

    @Option(names = "--records", description = "Log records or spans per request (default: ${DEFAULT-VALUE}).")
    int records = 50;

    @Option(names = "--clients", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    int clients = 4;

    @Option(names = "--work", paramLabel = "DIR", description = "Where the stores go (default: target/bench-work).")
    Path work;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Where to write otlp.md and otlp.json (default: target/bench-results).")
    Path out;

    private static final Instant T = Instant.parse("2026-02-01T00:00:00Z");

    @Override
    public Integer call() throws Exception {
        Path dir = work == null ? Path.of("target", "bench-work") : work.toAbsolutePath();
        Files.createDirectories(dir);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("machine", Machine.current().toMap());
        r.put("requests", requests);
        r.put("records_per_request", records);
        r.put("clients", clients);
        // a warm-up round of every mode at a tenth of the size: the first measured mode must not pay the JIT's start
        int measured = requests;
        requests = Math.max(clients, requests / 10);
        inProcess(dir.resolve("otlp-inprocess.duckdb"), true);
        inProcess(dir.resolve("otlp-inprocess.duckdb"), false);
        overHttp(dir.resolve("otlp-logs-pb.duckdb"), "/v1/logs", "application/x-protobuf", i -> logs(i).toByteArray());
        overHttp(dir.resolve("otlp-logs-json.duckdb"), "/v1/logs", "application/json", i -> json(logs(i)));
        overHttp(
                dir.resolve("otlp-spans-pb.duckdb"),
                "/v1/traces",
                "application/x-protobuf",
                i -> spans(i).toByteArray());
        requests = measured;
        r.put("in_process_record_all_events_per_s", inProcess(dir.resolve("otlp-inprocess.duckdb"), true));
        r.put("in_process_import_all_events_per_s", inProcess(dir.resolve("otlp-inprocess.duckdb"), false));
        double logsProtobuf = overHttp(
                dir.resolve("otlp-logs-pb.duckdb"), "/v1/logs", "application/x-protobuf", i -> logs(i).toByteArray());
        r.put("otlp_logs_protobuf_events_per_s", logsProtobuf);
        double logsJson =
                overHttp(dir.resolve("otlp-logs-json.duckdb"), "/v1/logs", "application/json", i -> json(logs(i)));
        r.put("otlp_logs_json_events_per_s", logsJson);
        double spans = overHttp(
                dir.resolve("otlp-spans-pb.duckdb"),
                "/v1/traces",
                "application/x-protobuf",
                i -> spans(i).toByteArray());
        r.put("otlp_spans_protobuf_spans_per_s", spans);
        out = out == null ? Path.of("target", "bench-results") : out.toAbsolutePath();
        Files.createDirectories(out);
        String md = markdown(r);
        Files.writeString(out.resolve("otlp.md"), md);
        Report.JSON.writeValue(out.resolve("otlp.json").toFile(), r);
        System.out.println(md);
        return 0;
    }

    static String markdown(Map<String, Object> r) {
        double base = (Double) r.get("in_process_record_all_events_per_s");
        StringBuilder b = new StringBuilder("# OTLP receiver throughput\n\n");
        b.append(String.format(
                Locale.ROOT,
                "%s requests of %s records from %s concurrent clients per mode, after a warm-up round of every"
                        + " mode; events/s accepted (answered 200, so committed). Machine: %s.%n%n",
                r.get("requests"),
                r.get("records_per_request"),
                r.get("clients"),
                r.get("machine")));
        b.append("| mode | events/s | vs in-process recordAll |\n|---|---:|---:|\n");
        for (String[] row : new String[][] {
            {"in-process recordAll (the same API calls, the same batches)", "in_process_record_all_events_per_s"},
            {"in-process importAll (the receiver's path: skips stored ids)", "in_process_import_all_events_per_s"},
            {"OTLP/HTTP logs, protobuf (Claude Code api_request)", "otlp_logs_protobuf_events_per_s"},
            {"OTLP/HTTP logs, JSON", "otlp_logs_json_events_per_s"},
            {"OTLP/HTTP traces, protobuf (GenAI chat spans)", "otlp_spans_protobuf_spans_per_s"}
        }) {
            double v = (Double) r.get(row[1]);
            b.append(String.format(Locale.ROOT, "| %s | %,.0f | %.2f |%n", row[0], v, v / base));
        }
        return b.toString();
    }

    /** The same calls in the same batches from the same threads, by {@code recordAll} or {@code importAll}. */
    private double inProcess(Path db, boolean recordAll) throws Exception {
        Files.deleteIfExists(db);
        try (AgentStore store = AgentStore.builder().path(db).build()) {
            List<List<FactRecord>> batches = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                List<FactRecord> batch = new ArrayList<>(records);
                for (int j = 0; j < records; j++) {
                    String id = "req_" + i + "_" + j;
                    batch.add(new ApiCall(
                            EventIds.of("claude-code", "otel-api", id),
                            T.plusMillis(i * (long) records + j),
                            null,
                            "bench-session-" + (i % 20),
                            AgentRef.of("claude-code", "main"),
                            null,
                            "claude-sonnet-4-5",
                            "anthropic",
                            id,
                            100,
                            50,
                            1000,
                            200,
                            0,
                            new java.math.BigDecimal("0.001234"),
                            900L,
                            true,
                            null,
                            Map.of("source", "otlp", "otel_event", "api_request")));
                }
                batches.add(batch);
            }
            long start = System.nanoTime();
            if (recordAll) {
                run(i -> store.recordAll(batches.get(i)));
            } else {
                run(i -> store.importAll(batches.get(i)));
            }
            return rate(start);
        }
    }

    private interface Body {
        byte[] of(int request) throws Exception;
    }

    private interface Step {
        void run(int request) throws Exception;
    }

    private double overHttp(Path db, String path, String contentType, Body body) throws Exception {
        Files.deleteIfExists(db);
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            bodies.add(body.of(i));
        }
        try (AgentStore store = AgentStore.builder().path(db).build();
                OtlpReceiver receiver = OtlpReceiver.builder()
                        .store(store)
                        .port(0)
                        .threads(clients)
                        .start()) {
            HttpClient http = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + receiver.port() + path);
            long start = System.nanoTime();
            run(i -> {
                HttpResponse<Void> r = http.send(
                        HttpRequest.newBuilder(uri)
                                .header("Content-Type", contentType)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i)))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException(path + " answered " + r.statusCode());
                }
            });
            double rate = rate(start);
            long stored = store.sql("SELECT count(*) AS n FROM fact_api_call")
                    .single()
                    .orElseThrow()
                    .int64("n");
            if (stored != (long) requests * records) {
                throw new IllegalStateException("stored " + stored + " calls, sent " + (long) requests * records);
            }
            return rate;
        }
    }

    private void run(Step step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                done.add(pool.submit(() -> {
                    for (int i = client; i < requests; i += clients) {
                        step.run(i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private double rate(long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return (double) requests * records / seconds;
    }

    private ExportLogsServiceRequest logs(int request) {
        ScopeLogs.Builder scope = ScopeLogs.newBuilder();
        for (int j = 0; j < records; j++) {
            LogRecord.Builder r = LogRecord.newBuilder()
                    .setBody(AnyValue.newBuilder().setStringValue("claude_code.api_request"))
                    .setTimeUnixNano((T.getEpochSecond() * 1000 + (long) request * records + j) * 1_000_000L);
            String[][] attrs = {
                {"event.name", "api_request"},
                {"session.id", "bench-session-" + (request % 20)},
                {"model", "claude-sonnet-4-5"},
                {"input_tokens", "100"},
                {"output_tokens", "50"},
                {"cache_read_tokens", "1000"},
                {"cache_creation_tokens", "200"},
                {"cost_usd", "0.001234"},
                {"duration_ms", "900"},
                {"request_id", "req_" + request + "_" + j}
            };
            for (String[] kv : attrs) {
                r.addAttributes(kv(kv[0], kv[1]));
            }
            scope.addLogRecords(r);
        }
        return ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(ResourceLogs.newBuilder()
                        .setResource(Resource.newBuilder().addAttributes(kv("service.name", "claude-code")))
                        .addScopeLogs(scope))
                .build();
    }

    private ExportTraceServiceRequest spans(int request) {
        ScopeSpans.Builder scope = ScopeSpans.newBuilder();
        for (int j = 0; j < records; j++) {
            long start = (T.getEpochSecond() * 1000 + (long) request * records + j) * 1_000_000L;
            scope.addSpans(Span.newBuilder()
                    .setName("chat gpt-4o")
                    .setTraceId(ByteString.copyFrom(
                            ByteBuffer.allocate(16).putLong(request).putLong(j).array()))
                    .setSpanId(ByteString.copyFrom(ByteBuffer.allocate(8)
                            .putLong((long) request * records + j + 1)
                            .array()))
                    .setStartTimeUnixNano(start)
                    .setEndTimeUnixNano(start + 900_000_000L)
                    .addAttributes(kv("gen_ai.operation.name", "chat"))
                    .addAttributes(kv("gen_ai.provider.name", "openai"))
                    .addAttributes(kv("gen_ai.request.model", "gpt-4o"))
                    .addAttributes(kv("gen_ai.response.id", "chatcmpl-" + request + "-" + j))
                    .addAttributes(kv("gen_ai.conversation.id", "conv-" + (request % 20)))
                    .addAttributes(KeyValue.newBuilder()
                            .setKey("gen_ai.usage.input_tokens")
                            .setValue(AnyValue.newBuilder().setIntValue(1100)))
                    .addAttributes(KeyValue.newBuilder()
                            .setKey("gen_ai.usage.output_tokens")
                            .setValue(AnyValue.newBuilder().setIntValue(50))));
        }
        return ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder()
                        .setResource(Resource.newBuilder().addAttributes(kv("service.name", "bench-agent")))
                        .addScopeSpans(scope))
                .build();
    }

    private static byte[] json(ExportLogsServiceRequest request) throws Exception {
        return JsonFormat.printer()
                .omittingInsignificantWhitespace()
                .print(request)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static KeyValue kv(String key, String value) {
        return KeyValue.newBuilder()
                .setKey(key)
                .setValue(AnyValue.newBuilder().setStringValue(value))
                .build();
    }
}
