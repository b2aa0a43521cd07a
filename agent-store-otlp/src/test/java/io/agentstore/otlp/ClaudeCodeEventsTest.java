package io.agentstore.otlp;

import static io.agentstore.otlp.Payloads.ACCOUNT;
import static io.agentstore.otlp.Payloads.EMAIL;
import static io.agentstore.otlp.Payloads.SESSION;
import static io.agentstore.otlp.Payloads.event;
import static io.agentstore.otlp.Payloads.logs;
import static io.agentstore.otlp.Payloads.protobuf;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.audit.AuditModule;
import io.agentstore.spi.EventIds;
import io.agentstore.spi.Row;
import io.agentstore.testing.MutableClock;
import io.agentstore.testing.StoreExtension;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Claude Code's documented events, posted as protobuf to a running receiver, one test per event type: each lands
 * in the fact it means, with the figures worked out by hand from the payload.
 */
class ClaudeCodeEventsTest {
    static final Instant T = Instant.parse("2026-02-10T09:30:00.123Z");

    final MutableClock clock = MutableClock.at("2026-02-10T10:00:00Z");

    @RegisterExtension
    final StoreExtension store =
            StoreExtension.inMemory().install(AuditModule.create()).clock(clock);

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

    private ExportLogsServiceResponse send(ExportLogsServiceRequest request) throws Exception {
        HttpResponse<byte[]> r = protobuf(port(), "/v1/logs", request);
        assertThat(r.statusCode())
                .as(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/x-protobuf");
        return ExportLogsServiceResponse.parseFrom(r.body());
    }

    private Row one(String sql) {
        List<Row> rows = store.get().sql(sql).rows();
        assertThat(rows).as(sql).hasSize(1);
        return rows.get(0);
    }

    @Test
    void apiRequestBecomesAnApiCallWithTokensCostAndLatency() throws Exception {
        ExportLogsServiceResponse answer = send(logs(event(
                "api_request",
                T,
                7,
                "model",
                "claude-sonnet-4-5-20250929",
                "input_tokens",
                "1200",
                "output_tokens",
                "340",
                "cache_read_tokens",
                "15000",
                "cache_creation_tokens",
                "2100",
                "cost_usd",
                "0.0123456789",
                "cost_usd_micros",
                "12346",
                "duration_ms",
                "4521",
                "request_id",
                "req_011CUabc",
                "speed",
                "normal",
                "query_source",
                "main")));
        assertThat(answer.hasPartialSuccess()).isFalse();
        Row r = one("SELECT * FROM v_api_calls");
        assertThat(r.uuid("event_id")).isEqualTo(EventIds.of("claude-code", "otel-api", "req_011CUabc"));
        assertThat(r.instant("occurred_at")).isEqualTo(T);
        assertThat(r.string("session_id")).isEqualTo(SESSION);
        assertThat(r.string("agent_name")).isEqualTo("claude-code");
        assertThat(r.string("model_name")).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(r.string("provider")).isEqualTo("anthropic");
        assertThat(r.string("request_id")).isEqualTo("req_011CUabc");
        assertThat(r.int64("input_tokens")).isEqualTo(1200L);
        assertThat(r.int64("output_tokens")).isEqualTo(340L);
        assertThat(r.int64("cache_read_tokens")).isEqualTo(15000L);
        assertThat(r.int64("cache_write_5m_tokens")).isEqualTo(2100L);
        assertThat(r.int64("cache_write_1h_tokens")).isZero();
        // 1200 + 340 + 15000 + 2100
        assertThat(r.int64("total_tokens")).isEqualTo(18640L);
        // the micros are exact: 12346 micro-dollars
        assertThat(r.decimal("reported_cost_usd")).isEqualByComparingTo(new BigDecimal("0.012346"));
        assertThat(r.int64("latency_ms")).isEqualTo(4521L);
        assertThat(r.bool("is_success")).isTrue();
        assertThat(r.jsonObject("attributes"))
                .containsEntry("speed", "normal")
                .containsEntry("otel_event", "api_request")
                .containsEntry("cache_write_split", "unknown");
    }

    @Test
    void costWithoutMicrosIsRoundedToTheMicroDollar() throws Exception {
        send(logs(event(
                "api_request",
                T,
                1,
                "model",
                "claude-haiku-4-5",
                "input_tokens",
                10L,
                "output_tokens",
                5L,
                "cost_usd",
                "0.0000125",
                "request_id",
                "req_2")));
        Row r = one("SELECT reported_cost_usd, input_tokens, output_tokens FROM v_api_calls");
        // 0.0000125 to 6 places, half up
        assertThat(r.decimal("reported_cost_usd")).isEqualByComparingTo(new BigDecimal("0.000013"));
        assertThat(r.int64("input_tokens")).isEqualTo(10L);
        assertThat(r.int64("output_tokens")).isEqualTo(5L);
    }

    @Test
    void toolResultBecomesAToolCallWithTheTranscriptsId() throws Exception {
        send(logs(event(
                "tool_result",
                T,
                2,
                "tool_name",
                "Edit",
                "tool_use_id",
                "toolu_01A",
                "success",
                "false",
                "error",
                "String to replace not found in file.",
                "duration_ms",
                "87",
                "tool_input_size_bytes",
                "512",
                "tool_result_size_bytes",
                "64",
                "decision_type",
                "accept",
                "decision_source",
                "config",
                "tool_input",
                "{\"file_path\":\"/home/me/app/src/A.java\",\"old_string\":\"x\",\"new_string\":\"y\"}")));
        Row r = one("SELECT * FROM v_tool_calls");
        assertThat(r.uuid("event_id")).isEqualTo(EventIds.of("claude-code", "tool", "toolu_01A"));
        assertThat(r.string("tool_name")).isEqualTo("Edit");
        assertThat(r.string("target_path")).isEqualTo("/home/me/app/src/A.java");
        assertThat(r.bool("is_success")).isFalse();
        assertThat(r.string("error_type")).isEqualTo("error");
        assertThat(r.int64("duration_ms")).isEqualTo(87L);
        assertThat(r.int64("input_bytes")).isEqualTo(512L);
        assertThat(r.int64("output_bytes")).isEqualTo(64L);
        assertThat(r.string("session_id")).isEqualTo(SESSION);
        assertThat(r.jsonObject("attributes")).containsEntry("decision_source", "config");
    }

    @Test
    void apiErrorBecomesAnError() throws Exception {
        send(logs(event(
                "api_error",
                T,
                3,
                "model",
                "claude-opus-4-1",
                "error",
                "Overloaded",
                "status_code",
                "529",
                "duration_ms",
                "1200",
                "attempt",
                "2")));
        Row r = one("SELECT * FROM v_errors");
        assertThat(r.string("severity")).isEqualTo("error");
        assertThat(r.string("error_type")).isEqualTo("api_error_529");
        assertThat(r.string("message")).isEqualTo("Overloaded");
        assertThat(r.string("session_id")).isEqualTo(SESSION);
        assertThat(r.jsonObject("attributes")).containsEntry("attempt", "2");
    }

    @Test
    void userPromptIsCountedAndBecomesAnAuditPromptWithItsUser() throws Exception {
        send(logs(event(
                "user_prompt",
                T,
                4,
                "prompt_length",
                "19",
                "prompt",
                "please refactor Foo",
                "message.uuid",
                "9b1c0e7a-0000-4000-8000-000000000001")));
        Row e = one("SELECT * FROM v_session_events WHERE event_type = 'user_prompt'");
        assertThat(e.uuid("event_id"))
                .isEqualTo(EventIds.of("claude-code", "prompt", "9b1c0e7a-0000-4000-8000-000000000001"));
        assertThat(((Number) e.jsonObject("attributes").get("chars")).longValue())
                .isEqualTo(19L);
        // the prompt's text is the audit module's, never in the core's attributes
        assertThat(e.jsonObject("attributes")).doesNotContainKey("prompt");
        Row p = one("SELECT * FROM v_prompts");
        assertThat(p.string("prompt_text")).isEqualTo("please refactor Foo");
        assertThat(p.string("session_id")).isEqualTo(SESSION);
        assertThat(p.string("account_id")).isEqualTo(ACCOUNT);
        assertThat(p.string("email")).isEqualTo(EMAIL);
        Row u = one("SELECT * FROM dim_user");
        assertThat(u.string("account_id")).isEqualTo(ACCOUNT);
        assertThat(u.string("email")).isEqualTo(EMAIL);
    }

    @Test
    void aSecretInAnExportedPromptIsRedactedBeforeItIsStored() throws Exception {
        String key = "sk-ant-api03-" + "A".repeat(93) + "AA";
        send(logs(event("user_prompt", T, 5, "prompt_length", "40", "prompt", "use this key " + key + " now")));
        Row p = one("SELECT prompt_text FROM v_prompts");
        assertThat(p.string("prompt_text"))
                .startsWith("use this key ")
                .endsWith(" now")
                .doesNotContain(key);
    }

    @Test
    void toolDecisionBecomesAPermissionDecision() throws Exception {
        send(logs(event(
                "tool_decision",
                T,
                6,
                "tool_name",
                "Bash",
                "tool_use_id",
                "toolu_02",
                "decision",
                "reject",
                "source",
                "user_reject",
                "tool_source",
                "builtin")));
        Row r = one("SELECT * FROM v_decisions");
        assertThat(r.string("decision_type")).isEqualTo("tool_permission");
        assertThat(r.string("option_chosen")).isEqualTo("reject");
        assertThat(r.string("rationale")).isEqualTo("user_reject");
        assertThat(r.jsonObject("attributes"))
                .containsEntry("tool_name", "Bash")
                .containsEntry("tool_use_id", "toolu_02");
    }

    @Test
    void anEventWithoutItsOwnMappingIsKeptWholeAsASessionEvent() throws Exception {
        send(logs(event("auth", T, 8, "auth.method", "oauth", "auth.success", true)));
        Row r = one("SELECT * FROM v_session_events");
        assertThat(r.string("event_type")).isEqualTo("claude_code.auth");
        assertThat(r.string("client_version")).isEqualTo("2.1.30");
        assertThat(r.jsonObject("attributes"))
                .containsEntry("auth.method", "oauth")
                .containsEntry("auth.success", true);
    }

    @Test
    void aRetriedExportChangesNothingAndAnUnusableRecordIsAPartialSuccess() throws Exception {
        ExportLogsServiceRequest request = logs(
                event("api_request", T, 1, "model", "claude-sonnet-4-5", "input_tokens", "10", "request_id", "r1"),
                event("api_request", T, 2, "model", "claude-sonnet-4-5", "input_tokens", "-5", "request_id", "r2"),
                event("tool_result", T, 3, "tool_name", "Read", "tool_use_id", "t1", "success", "true"));
        ExportLogsServiceResponse first = send(request);
        assertThat(first.getPartialSuccess().getRejectedLogRecords()).isEqualTo(1L);
        assertThat(first.getPartialSuccess().getErrorMessage())
                .contains("inputTokens")
                .contains("-5");
        send(request);
        assertThat(store.get()
                        .sql("SELECT count(*) AS n FROM fact_api_call")
                        .single()
                        .orElseThrow()
                        .int64("n"))
                .isEqualTo(1L);
        assertThat(store.get()
                        .sql("SELECT count(*) AS n FROM fact_tool_call")
                        .single()
                        .orElseThrow()
                        .int64("n"))
                .isEqualTo(1L);
        assertThat(receiver.stats().accepted()).isEqualTo(2L);
        assertThat(receiver.stats().records()).isEqualTo(6L);
        assertThat(receiver.stats().rejectedRecords()).isEqualTo(2L);
    }
}
