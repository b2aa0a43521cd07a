package io.agentstore.otlp;

import static io.agentstore.otlp.Payloads.post;
import static io.agentstore.otlp.Payloads.protobuf;
import static io.agentstore.otlp.Payloads.span;
import static io.agentstore.otlp.Payloads.traces;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.agents.AgentsModule;
import io.agentstore.spi.EventIds;
import io.agentstore.spi.Row;
import io.agentstore.testing.MutableClock;
import io.agentstore.testing.StoreExtension;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Spans in the OpenTelemetry GenAI semantic conventions (an OpenAI-instrumented agent): {@code chat} becomes an
 * API call, {@code execute_tool} a tool call, {@code invoke_agent} a handoff (agents module); other spans are not
 * stored. The same span as OTLP JSON (hex ids, as the specification writes them) gives the same fact.
 */
class GenAiSpansTest {
    static final Instant T = Instant.parse("2026-02-11T14:00:00Z");
    static final String TRACE = "5b8efff798038103d269b633813fc60c";

    final MutableClock clock = MutableClock.at("2026-02-11T15:00:00Z");

    @RegisterExtension
    final StoreExtension store =
            StoreExtension.inMemory().install(AgentsModule.create()).clock(clock);

    private OtlpReceiver receiver;

    private int port() {
        if (receiver == null) {
            receiver = OtlpReceiver.builder().store(store.get()).port(0).start();
        }
        return receiver.port();
    }

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }

    private Row one(String sql) {
        List<Row> rows = store.get().sql(sql).rows();
        assertThat(rows).as(sql).hasSize(1);
        return rows.get(0);
    }

    @Test
    void chatExecuteToolAndInvokeAgentSpansBecomeFacts() {
        HttpResponse<byte[]> r = protobuf(
                port(),
                "/v1/traces",
                traces(
                        "travel-agent",
                        span(
                                "chat gpt-4o",
                                TRACE,
                                "eee19b7ec3c1b174",
                                T,
                                1500,
                                false,
                                "gen_ai.operation.name",
                                "chat",
                                "gen_ai.provider.name",
                                "openai",
                                "gen_ai.request.model",
                                "gpt-4o",
                                "gen_ai.response.model",
                                "gpt-4o-2024-08-06",
                                "gen_ai.response.id",
                                "chatcmpl-123",
                                "gen_ai.usage.input_tokens",
                                1000L,
                                "gen_ai.usage.output_tokens",
                                200L,
                                "gen_ai.usage.cache_read.input_tokens",
                                300L,
                                "gen_ai.conversation.id",
                                "conv-1"),
                        span(
                                "execute_tool get_weather",
                                TRACE,
                                "0102030405060708",
                                T.plusSeconds(2),
                                250,
                                true,
                                "gen_ai.operation.name",
                                "execute_tool",
                                "gen_ai.tool.name",
                                "get_weather",
                                "gen_ai.tool.call.id",
                                "call_1",
                                "gen_ai.tool.call.arguments",
                                "{\"location\":\"Paris\"}",
                                "error.type",
                                "TimeoutError",
                                "gen_ai.conversation.id",
                                "conv-1"),
                        span(
                                "invoke_agent researcher",
                                TRACE,
                                "1111111111111111",
                                T.plusSeconds(3),
                                4000,
                                false,
                                "gen_ai.operation.name",
                                "invoke_agent",
                                "gen_ai.agent.name",
                                "researcher",
                                "gen_ai.agent.id",
                                "agent-42",
                                "gen_ai.input.messages",
                                "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Find hotels in Paris\"}]}]",
                                "gen_ai.conversation.id",
                                "conv-1"),
                        span("GET /users", TRACE, "2222222222222222", T, 5, false, "http.method", "GET")));
        assertThat(r.statusCode()).isEqualTo(200);

        Row api = one("SELECT * FROM v_api_calls");
        assertThat(api.uuid("event_id")).isEqualTo(EventIds.of("otlp", "api", TRACE, "eee19b7ec3c1b174"));
        assertThat(api.string("model_name")).isEqualTo("gpt-4o-2024-08-06");
        assertThat(api.string("provider")).isEqualTo("openai");
        assertThat(api.string("request_id")).isEqualTo("chatcmpl-123");
        assertThat(api.string("session_id")).isEqualTo("conv-1");
        assertThat(api.string("agent_name")).isEqualTo("travel-agent");
        // 1000 input tokens of which 300 were cache reads: 700 uncached
        assertThat(api.int64("input_tokens")).isEqualTo(700L);
        assertThat(api.int64("cache_read_tokens")).isEqualTo(300L);
        assertThat(api.int64("output_tokens")).isEqualTo(200L);
        assertThat(api.int64("latency_ms")).isEqualTo(1500L);
        assertThat(api.instant("occurred_at")).isEqualTo(T);
        assertThat(api.jsonObject("attributes")).containsEntry("trace_id", TRACE);

        Row tool = one("SELECT * FROM v_tool_calls");
        assertThat(tool.string("tool_name")).isEqualTo("get_weather");
        assertThat(tool.bool("is_success")).isFalse();
        assertThat(tool.string("error_type")).isEqualTo("TimeoutError");
        assertThat(tool.int64("duration_ms")).isEqualTo(250L);

        Row handoff = one("SELECT * FROM v_agent_handoffs");
        assertThat(handoff.string("to_agent")).isEqualTo("otlp/researcher");
        assertThat(handoff.string("session_id")).isEqualTo("conv-1");
        assertThat(handoff.string("description")).isEqualTo("Find hotels in Paris");

        assertThat(receiver.stats().records()).isEqualTo(4L);
    }

    @Test
    void anotherApplicationsNamedLogEventsAreCountedNotStored() throws Exception {
        var log = io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(io.opentelemetry.proto.logs.v1.ResourceLogs.newBuilder()
                        .setResource(io.opentelemetry.proto.resource.v1.Resource.newBuilder()
                                .addAttributes(Payloads.kv("service.name", "py-agent")))
                        .addScopeLogs(io.opentelemetry.proto.logs.v1.ScopeLogs.newBuilder()
                                .addLogRecords(io.opentelemetry.proto.logs.v1.LogRecord.newBuilder()
                                        .setEventName("gen_ai.client.inference.operation.details")
                                        .addAttributes(Payloads.kv("session.id", "s-1"))
                                        .addAttributes(Payloads.kv("event.name", "api_request")))))
                .build();
        HttpResponse<byte[]> r = protobuf(port(), "/v1/logs", log);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(store.get()
                        .sql("SELECT count(*) AS n FROM fact_session_event")
                        .single()
                        .orElseThrow()
                        .int64("n"))
                .isZero();
        assertThat(store.get()
                        .sql("SELECT count(*) AS n FROM fact_api_call")
                        .single()
                        .orElseThrow()
                        .int64("n"))
                .isZero();
        assertThat(receiver.stats().records()).isEqualTo(1L);
    }

    @Test
    void theSameSpanAsOtlpJsonWithHexIdsGivesTheSameFact() {
        String json = "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":"
                + "{\"stringValue\":\"py-agent\"}}]},\"scopeSpans\":[{\"scope\":{\"name\":\"genai\"},\"spans\":[{"
                + "\"traceId\":\"" + TRACE + "\",\"spanId\":\"eee19b7ec3c1b174\",\"name\":\"chat claude-sonnet-4-5\","
                + "\"kind\":3,\"startTimeUnixNano\":\"1770818400000000000\",\"endTimeUnixNano\":\"1770818400800000000\","
                + "\"attributes\":[{\"key\":\"gen_ai.operation.name\",\"value\":{\"stringValue\":\"chat\"}},"
                + "{\"key\":\"gen_ai.provider.name\",\"value\":{\"stringValue\":\"anthropic\"}},"
                + "{\"key\":\"gen_ai.request.model\",\"value\":{\"stringValue\":\"claude-sonnet-4-5\"}},"
                + "{\"key\":\"gen_ai.usage.input_tokens\",\"value\":{\"intValue\":\"42\"}},"
                + "{\"key\":\"gen_ai.usage.output_tokens\",\"value\":{\"intValue\":7}}],"
                + "\"status\":{}}]}]}]}";
        HttpResponse<byte[]> r =
                post(port(), "/v1/traces", "application/json", json.getBytes(StandardCharsets.UTF_8), null);
        assertThat(r.statusCode())
                .as(new String(r.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
        Row api = one("SELECT * FROM v_api_calls");
        assertThat(api.uuid("event_id")).isEqualTo(EventIds.of("otlp", "api", TRACE, "eee19b7ec3c1b174"));
        assertThat(api.string("model_name")).isEqualTo("claude-sonnet-4-5");
        assertThat(api.int64("input_tokens")).isEqualTo(42L);
        assertThat(api.int64("output_tokens")).isEqualTo(7L);
        // 1770818400 s = 2026-02-11T14:00:00Z; 0.8 s later
        assertThat(api.instant("occurred_at")).isEqualTo(T);
        assertThat(api.int64("latency_ms")).isEqualTo(800L);
        assertThat(api.string("agent_name")).isEqualTo("py-agent");
    }
}
