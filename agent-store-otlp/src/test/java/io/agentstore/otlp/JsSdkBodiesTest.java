package io.agentstore.otlp;

import static io.agentstore.otlp.Payloads.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentstore.spi.EventIds;
import io.agentstore.spi.Row;
import io.agentstore.testing.MutableClock;
import io.agentstore.testing.StoreExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * OTLP/HTTP JSON bodies as the OpenTelemetry JavaScript SDK's exporters send them (their default protocol,
 * http/json): recorded byte for byte by {@code src/test/js/write-bodies.js}, which runs the real exporters ({@code
 * @opentelemetry/exporter-trace-otlp-http}, {@code -logs-}, {@code -metrics-}, versions in {@code
 * src/test/js/package.json}) against a local recorder. Hex trace and span ids, 64-bit numbers as strings, enums as
 * numbers: what the Java exporter (protobuf only) never sends.
 */
class JsSdkBodiesTest {
    static final String S = Payloads.SESSION;
    static final Instant T = Instant.parse("2026-02-11T14:00:00Z");

    final MutableClock clock = MutableClock.at("2026-02-11T15:00:00Z");

    @RegisterExtension
    final StoreExtension store =
            StoreExtension.inMemory().install(OtlpModule.create()).clock(clock);

    private OtlpReceiver receiver;

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }

    private static byte[] body(String name) {
        try (InputStream in = JsSdkBodiesTest.class.getResourceAsStream("/otlp-js-sdk/" + name + ".json")) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void send(String name) {
        if (receiver == null) {
            receiver = OtlpReceiver.builder().store(store.get()).port(0).start();
        }
        HttpResponse<byte[]> r = post(receiver.port(), "/v1/" + name, "application/json", body(name), null);
        assertThat(r.statusCode())
                .as(new String(r.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
    }

    private Row one(String sql) {
        List<Row> rows = store.get().sql(sql).rows();
        assertThat(rows).as(sql).hasSize(1);
        return rows.get(0);
    }

    @Test
    void theJsSdksSpansBecomeAnApiCallAndARetrieval() throws IOException {
        send("traces");
        JsonNode chatSpan = new ObjectMapper().readTree(body("traces")).at("/resourceSpans/0/scopeSpans/0/spans/0");
        assertThat(chatSpan.path("name").asText()).isEqualTo("chat gpt-4o");
        String trace = chatSpan.path("traceId").asText();
        String span = chatSpan.path("spanId").asText();
        assertThat(trace).matches("[0-9a-f]{32}");
        assertThat(span).matches("[0-9a-f]{16}");

        Row api = one("SELECT * FROM v_api_calls");
        assertThat(api.uuid("event_id")).isEqualTo(EventIds.of("otlp", "api", trace, span));
        assertThat(api.string("model_name")).isEqualTo("gpt-4o-2024-08-06");
        assertThat(api.string("request_id")).isEqualTo("chatcmpl-js-1");
        assertThat(api.string("agent_name")).isEqualTo("js-agent");
        assertThat(api.string("session_id")).isEqualTo("conv-js");
        // 1000 input tokens of which 300 cache reads
        assertThat(api.int64("input_tokens")).isEqualTo(700L);
        assertThat(api.int64("cache_read_tokens")).isEqualTo(300L);
        assertThat(api.int64("output_tokens")).isEqualTo(200L);
        assertThat(api.int64("latency_ms")).isEqualTo(1500L);
        assertThat(api.instant("occurred_at")).isEqualTo(T);

        Row retrieval = one("SELECT * FROM v_session_events WHERE event_type = 'retrieval'");
        assertThat(retrieval.string("detail")).isEqualTo("hotels-kb");
        assertThat(retrieval.instant("occurred_at")).isEqualTo(T.plusSeconds(2));
        assertThat(retrieval.jsonObject("attributes"))
                .containsEntry("gen_ai.retrieval.query.text", "hotels near the Louvre");
    }

    @Test
    void theJsSdksLogRecordsBecomeClaudeCodesCallAndError() {
        send("logs");
        Row api = one("SELECT * FROM v_api_calls");
        assertThat(api.uuid("event_id")).isEqualTo(EventIds.of("claude-code", "otel-api", "req_js_1"));
        assertThat(api.string("session_id")).isEqualTo(S);
        // 10 + 20 + 30 + 40
        assertThat(api.int64("total_tokens")).isEqualTo(100L);
        assertThat(api.decimal("reported_cost_usd")).isEqualByComparingTo("0.0123");
        assertThat(api.int64("latency_ms")).isEqualTo(950L);
        assertThat(api.instant("occurred_at")).isEqualTo(T.plusSeconds(3));
        Row error = one("SELECT * FROM v_errors");
        assertThat(error.string("error_type")).isEqualTo("api_error_529");
        assertThat(error.string("message")).isEqualTo("Overloaded");
    }

    @Test
    void theJsSdksCounterBecomesAMetricPoint() {
        send("metrics");
        Row point = one("SELECT * FROM v_otlp_metric_points");
        assertThat(point.string("metric_name")).isEqualTo("claude_code.token.usage");
        assertThat(point.string("metric_type")).isEqualTo("sum");
        assertThat(point.string("temporality")).isEqualTo("delta");
        assertThat(point.float64("metric_value")).isEqualTo(150.0);
        assertThat(point.string("session_id")).isEqualTo(S);
        assertThat(point.string("model_name")).isEqualTo("claude-sonnet-4-5");
        assertThat(point.jsonObject("attributes")).containsEntry("type", "input");
        assertThat(one("SELECT count(*) AS n FROM fact_api_call").int64("n")).isZero();
    }
}
