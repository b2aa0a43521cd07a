package io.agentstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.spi.Row;
import io.agentstore.testing.Eventually;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agent-store serve --otlp} from the packaged jar, as a user runs it: the OpenTelemetry Java SDK's OTLP/HTTP
 * exporters (protobuf) send Claude Code's events, GenAI spans and metrics; the facts are in the file after serve
 * stopped. And kill -9 of serve while clients send: every export that got its 200 is in the file.
 */
class OtlpServeIT {
    private static final Pattern LISTENING = Pattern.compile("OTLP receiver on http://127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    private record Serve(Process process, int port, Path stderr) {}

    private Serve serve(Path db) throws Exception {
        String jar = System.getProperty("agentstore.cli.jar", "target/agent-store.jar");
        assertThat(Path.of(jar)).as("the packaged command").exists();
        Path err = Files.createTempFile(dir, "serve", ".err");
        ProcessBuilder pb = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar,
                "serve",
                "--otlp",
                "--port",
                "0",
                "--db",
                db.toString(),
                "--interval",
                "0s",
                "--lock-wait",
                "30s");
        pb.environment().put("HOME", dir.resolve("home").toString());
        pb.environment().remove("AGENT_STORE_DB");
        pb.redirectErrorStream(false).redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        int[] port = {-1};
        Eventually.await("serve says where the OTLP receiver listens", Duration.ofMinutes(2), () -> {
            Matcher m = LISTENING.matcher(read(err));
            if (m.find()) {
                port[0] = Integer.parseInt(m.group(1));
            }
            return port[0] > 0 || !p.isAlive();
        });
        assertThat(p.isAlive()).as(read(err)).isTrue();
        return new Serve(p, port[0], err);
    }

    private static String read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static void stop(Serve s) throws InterruptedException {
        s.process().destroy(); // SIGTERM: serve closes the receiver, then the store
        assertThat(s.process().waitFor(1, TimeUnit.MINUTES)).isTrue();
    }

    @Test
    void theSdkExportersLogsTracesAndMetricsLandInTheStore() throws Exception {
        Path db = dir.resolve("otlp.duckdb");
        Serve s = serve(db);
        String base = "http://127.0.0.1:" + s.port();
        io.opentelemetry.sdk.resources.Resource claudeCode =
                io.opentelemetry.sdk.resources.Resource.create(Attributes.of(
                        AttributeKey.stringKey("service.name"), "claude-code",
                        AttributeKey.stringKey("service.version"), "2.1.30"));
        try (SdkLoggerProvider logs = SdkLoggerProvider.builder()
                        .setResource(claudeCode)
                        .addLogRecordProcessor(SimpleLogRecordProcessor.create(OtlpHttpLogRecordExporter.builder()
                                .setEndpoint(base + "/v1/logs")
                                .setCompression("gzip")
                                .build()))
                        .build();
                SdkTracerProvider traces = SdkTracerProvider.builder()
                        .setResource(io.opentelemetry.sdk.resources.Resource.create(
                                Attributes.of(AttributeKey.stringKey("service.name"), "travel-agent")))
                        .addSpanProcessor(SimpleSpanProcessor.create(OtlpHttpSpanExporter.builder()
                                .setEndpoint(base + "/v1/traces")
                                .build()))
                        .build();
                SdkMeterProvider metrics = SdkMeterProvider.builder()
                        .setResource(claudeCode)
                        .registerMetricReader(PeriodicMetricReader.builder(OtlpHttpMetricExporter.builder()
                                        .setEndpoint(base + "/v1/metrics")
                                        .build())
                                .setInterval(Duration.ofHours(1))
                                .build())
                        .build()) {
            Logger logger = logs.get("com.anthropic.claude_code.events");
            Instant t = Instant.parse("2026-02-12T08:00:00Z");
            logger.logRecordBuilder()
                    .setBody("claude_code.api_request")
                    .setTimestamp(t)
                    .setAllAttributes(Attributes.builder()
                            .put("event.name", "api_request")
                            .put("event.timestamp", t.toString())
                            .put("session.id", "sess-it")
                            .put("user.account_uuid", "acc-it")
                            .put("model", "claude-sonnet-4-5")
                            .put("input_tokens", "100")
                            .put("output_tokens", "50")
                            .put("cache_read_tokens", "1000")
                            .put("cache_creation_tokens", "200")
                            .put("cost_usd", "0.0042")
                            .put("duration_ms", "2000")
                            .put("request_id", "req_it_1")
                            .build())
                    .emit();
            logger.logRecordBuilder()
                    .setBody("claude_code.tool_result")
                    .setTimestamp(t.plusSeconds(3))
                    .setAllAttributes(Attributes.builder()
                            .put("event.name", "tool_result")
                            .put("session.id", "sess-it")
                            .put("tool_name", "Bash")
                            .put("tool_use_id", "toolu_it")
                            .put("success", "true")
                            .put("duration_ms", "120")
                            .build())
                    .emit();
            Tracer tracer = traces.get("genai-app");
            Span chat = tracer.spanBuilder("chat gpt-4o")
                    .setStartTimestamp(t)
                    .setAttribute("gen_ai.operation.name", "chat")
                    .setAttribute("gen_ai.provider.name", "openai")
                    .setAttribute("gen_ai.request.model", "gpt-4o")
                    .setAttribute("gen_ai.usage.input_tokens", 700L)
                    .setAttribute("gen_ai.usage.output_tokens", 70L)
                    .setAttribute("gen_ai.conversation.id", "conv-it")
                    .startSpan();
            chat.end(t.plusMillis(900));
            Span tool = tracer.spanBuilder("execute_tool search")
                    .setStartTimestamp(t.plusSeconds(1))
                    .setAttribute("gen_ai.operation.name", "execute_tool")
                    .setAttribute("gen_ai.tool.name", "search")
                    .setAttribute("gen_ai.conversation.id", "conv-it")
                    .startSpan();
            tool.setStatus(StatusCode.ERROR, "no results");
            tool.end(t.plusSeconds(2));
            LongCounter tokens = metrics.get("com.anthropic.claude_code")
                    .counterBuilder("claude_code.token.usage")
                    .setUnit("tokens")
                    .build();
            tokens.add(150, Attributes.of(AttributeKey.stringKey("type"), "input"));

            assertThat(logs.forceFlush().join(30, TimeUnit.SECONDS).isSuccess())
                    .as(read(s.stderr()))
                    .isTrue();
            assertThat(traces.forceFlush().join(30, TimeUnit.SECONDS).isSuccess())
                    .isTrue();
            CompletableResultCode m = metrics.forceFlush().join(30, TimeUnit.SECONDS);
            assertThat(m.isSuccess()).isTrue();
        }
        stop(s);
        assertThat(read(s.stderr())).contains("OTLP receiver answered OtlpStats[requests=");

        try (AgentStore store = AgentStore.builder().path(db).build()) {
            Row api = store.sql("SELECT * FROM v_api_calls WHERE request_id = 'req_it_1'")
                    .single()
                    .orElseThrow();
            // 100 + 50 + 1000 + 200
            assertThat(api.int64("total_tokens")).isEqualTo(1350L);
            assertThat(api.decimal("reported_cost_usd")).isEqualByComparingTo("0.0042");
            assertThat(api.string("session_id")).isEqualTo("sess-it");
            Row bash = store.sql("SELECT * FROM v_tool_calls WHERE tool_name = 'Bash'")
                    .single()
                    .orElseThrow();
            assertThat(bash.int64("duration_ms")).isEqualTo(120L);
            Row gpt = store.sql("SELECT * FROM v_api_calls WHERE model_name = 'gpt-4o'")
                    .single()
                    .orElseThrow();
            assertThat(gpt.int64("input_tokens")).isEqualTo(700L);
            assertThat(gpt.int64("latency_ms")).isEqualTo(900L);
            assertThat(gpt.string("agent_name")).isEqualTo("travel-agent");
            Row search = store.sql("SELECT * FROM v_tool_calls WHERE tool_name = 'search'")
                    .single()
                    .orElseThrow();
            assertThat(search.bool("is_success")).isFalse();
            assertThat(search.string("error_type")).isEqualTo("no results");
            // the token metric is a metric point (serve installs the otlp module), never an API call: the
            // api_request event carries those tokens
            assertThat(store.sql("SELECT count(*) AS n FROM fact_api_call")
                            .single()
                            .orElseThrow()
                            .int64("n"))
                    .isEqualTo(2L);
            // the Java SDK's counter is cumulative: exported at the flush and again at the close, 150 each time
            List<Row> points = store.sql(
                            "SELECT * FROM v_otlp_metric_points WHERE metric_name = 'claude_code.token.usage'")
                    .rows();
            assertThat(points).isNotEmpty();
            for (Row point : points) {
                assertThat(point.float64("metric_value")).isEqualTo(150.0);
                assertThat(point.string("metric_unit")).isEqualTo("tokens");
                assertThat(point.string("metric_type")).isEqualTo("sum");
                assertThat(point.string("temporality")).isEqualTo("cumulative");
                assertThat(point.jsonObject("attributes")).containsEntry("type", "input");
            }
        }
    }

    @Test
    void everyExportAnswered200SurvivesKillMinus9OfServe() throws Exception {
        Path db = dir.resolve("kill.duckdb");
        Serve s = serve(db);
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean go = new AtomicBoolean(true);
        List<Thread> senders = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            int client = c;
            Thread t = new Thread(() -> {
                for (int i = 0; go.get(); i++) {
                    String requestId = "req_" + client + "_" + i;
                    try {
                        HttpResponse<Void> r = http.send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/v1/logs"))
                                        .timeout(Duration.ofSeconds(30))
                                        .header("Content-Type", "application/x-protobuf")
                                        .POST(HttpRequest.BodyPublishers.ofByteArray(apiRequest(requestId)))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() == 200) {
                            acknowledged.add(requestId);
                        }
                    } catch (IOException e) {
                        return; // serve is gone
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
            t.start();
            senders.add(t);
        }
        Eventually.await("200 exports acknowledged", Duration.ofMinutes(2), () -> acknowledged.size() >= 200);
        s.process().destroyForcibly(); // SIGKILL, while the clients are still sending
        assertThat(s.process().waitFor(1, TimeUnit.MINUTES)).isTrue();
        go.set(false);
        for (Thread t : senders) {
            t.join(60_000);
        }
        Set<String> stored = ConcurrentHashMap.newKeySet();
        try (AgentStore store = AgentStore.builder().path(db).build()) {
            for (Row r : store.sql("SELECT request_id FROM fact_api_call").rows()) {
                stored.add(r.string("request_id"));
            }
        }
        System.out.println("OtlpServeIT FIGURES kill -9: " + acknowledged.size() + " exports acknowledged, "
                + stored.size() + " calls in the store after the kill");
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(200);
        assertThat(stored).containsAll(acknowledged);
    }

    private static byte[] apiRequest(String requestId) {
        LogRecord.Builder r = LogRecord.newBuilder()
                .setBody(AnyValue.newBuilder().setStringValue("claude_code.api_request"))
                .setTimeUnixNano(1_770_883_200_000_000_000L);
        for (String[] kv : new String[][] {
            {"event.name", "api_request"},
            {"session.id", "sess-kill"},
            {"model", "claude-sonnet-4-5"},
            {"input_tokens", "10"},
            {"output_tokens", "5"},
            {"request_id", requestId}
        }) {
            r.addAttributes(KeyValue.newBuilder()
                    .setKey(kv[0])
                    .setValue(AnyValue.newBuilder().setStringValue(kv[1])));
        }
        return ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(ResourceLogs.newBuilder()
                        .setResource(Resource.newBuilder()
                                .addAttributes(KeyValue.newBuilder()
                                        .setKey("service.name")
                                        .setValue(AnyValue.newBuilder().setStringValue("claude-code"))))
                        .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(r)))
                .build()
                .toByteArray();
    }
}
