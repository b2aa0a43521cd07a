package io.agentstore.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageTokensCount;
import com.anthropic.models.messages.RawMessageStreamEvent;
import io.agentstore.AgentStore;
import io.agentstore.anthropic.loopback.LoopbackAnthropicServer;
import io.agentstore.anthropic.loopback.Replies;
import io.agentstore.audit.AuditModule;
import io.agentstore.core.AgentRef;
import io.agentstore.core.CallContext;
import io.agentstore.core.TaskRef;
import io.agentstore.spi.Row;
import io.agentstore.testing.Eventually;
import io.agentstore.testing.MutableClock;
import io.agentstore.testing.StoreExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real SDK against a real HTTP server on the loopback address: what the wrapped client records equals what
 * the responses said, and the caller sees what the unwrapped client shows.
 */
class InstrumentedAnthropicTest {
    final MutableClock clock = MutableClock.at("2026-03-01T09:30:00Z");

    @RegisterExtension
    final StoreExtension store =
            StoreExtension.inMemory().install(AuditModule.create()).clock(clock);

    final LoopbackAnthropicServer server = LoopbackAnthropicServer.start();
    final AnthropicClient plain = AnthropicOkHttpClient.builder()
            .baseUrl(server.baseUrl())
            .apiKey("sk-ant-test")
            .maxRetries(0)
            .build();

    @AfterEach
    void stop() {
        plain.close();
        server.close();
    }

    static MessageCreateParams question(String text) {
        return MessageCreateParams.builder()
                .model("claude-sonnet-4-5")
                .maxTokens(256)
                .addUserMessage(text)
                .build();
    }

    private List<Row> apiCalls(int expected) {
        AgentStore s = store.get();
        Eventually.await(
                expected + " recorded API calls",
                Duration.ofSeconds(20),
                () -> s.sql("SELECT count(*) AS n FROM fact_api_call")
                                .rows()
                                .get(0)
                                .int64("n")
                        >= expected);
        return s.sql("SELECT * FROM v_api_calls ORDER BY occurred_at, request_id")
                .rows();
    }

    @Test
    void createRecordsModelTokensCacheSplitRequestIdAndStopReason() {
        server.enqueue(Replies.plain("req_plain_1"), Replies.plain("req_plain_2"));
        AnthropicClient wrapped = InstrumentedAnthropic.wrap(plain, store.get());

        Message unwrapped = plain.messages().create(question("What is the capital of France?"));
        Message seen = wrapped.messages().create(question("What is the capital of France?"));

        assertThat(seen).isEqualTo(unwrapped);
        assertThat(server.requests().get(1).body())
                .isEqualTo(server.requests().get(0).body());
        Row call = apiCalls(1).get(0);
        assertThat(call.string("model_name")).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(call.string("provider")).isEqualTo("anthropic");
        assertThat(call.string("request_id")).isEqualTo("req_plain_2");
        assertThat(call.int64("input_tokens")).isEqualTo(12L);
        assertThat(call.int64("output_tokens")).isEqualTo(34L);
        assertThat(call.int64("cache_read_tokens")).isEqualTo(100L);
        assertThat(call.int64("cache_write_5m_tokens")).isEqualTo(20L);
        assertThat(call.int64("cache_write_1h_tokens")).isEqualTo(30L);
        assertThat(call.int64("total_tokens")).isEqualTo(12L + 34 + 100 + 20 + 30);
        assertThat(call.bool("is_success")).isTrue();
        assertThat(call.instant("occurred_at")).isEqualTo(Instant.parse("2026-03-01T09:30:00Z"));
        assertThat(call.int64("latency_ms")).isNotNull().isGreaterThanOrEqualTo(0L);
        Map<String, Object> attributes = call.jsonObject("attributes");
        assertThat(attributes)
                .containsEntry("stop_reason", "end_turn")
                .containsEntry("message_id", "msg_plain")
                .containsEntry("operation", "messages.create")
                .doesNotContainKey("streamed");
    }

    @Test
    void toolUsesTheModelAskedForAreRecordedAndCacheWritesWithoutSplitAreFiveMinute() {
        server.enqueue(Replies.toolUse("req_tools"));
        AnthropicClient wrapped = InstrumentedAnthropic.wrap(plain, store.get());

        Message seen = wrapped.messages().create(question("Weather and time in Paris?"));

        assertThat(seen.content()).hasSize(3);
        Row call = apiCalls(1).get(0);
        assertThat(call.int64("input_tokens")).isEqualTo(200L);
        assertThat(call.int64("output_tokens")).isEqualTo(60L);
        assertThat(call.int64("cache_write_5m_tokens")).isEqualTo(7L);
        assertThat(call.int64("cache_write_1h_tokens")).isEqualTo(0L);
        assertThat(call.jsonObject("attributes"))
                .containsEntry("stop_reason", "tool_use")
                .containsEntry("tool_uses", List.of("get_weather", "get_time"));
    }

    @Test
    void streamRecordsCumulativeUsageTimeToFirstTokenAndGivesTheSameEvents() {
        server.enqueue(Replies.streamed("req_s1"), Replies.streamed("req_s2"));
        AnthropicClient wrapped = InstrumentedAnthropic.wrap(plain, store.get());

        List<RawMessageStreamEvent> unwrapped;
        try (StreamResponse<RawMessageStreamEvent> s = plain.messages().createStreaming(question("Hi"))) {
            unwrapped = s.stream().collect(Collectors.toList());
        }
        List<RawMessageStreamEvent> seen;
        try (StreamResponse<RawMessageStreamEvent> s = wrapped.messages().createStreaming(question("Hi"))) {
            seen = s.stream().collect(Collectors.toList());
        }

        assertThat(seen).isEqualTo(unwrapped).hasSize(7);
        Row call = apiCalls(1).get(0);
        assertThat(call.string("request_id")).isEqualTo("req_s2");
        assertThat(call.string("model_name")).isEqualTo("claude-sonnet-4-5");
        assertThat(call.int64("input_tokens")).isEqualTo(10L);
        assertThat(call.int64("cache_read_tokens")).isEqualTo(5L);
        assertThat(call.int64("output_tokens")).isEqualTo(15L);
        assertThat(call.bool("is_success")).isTrue();
        Map<String, Object> attributes = call.jsonObject("attributes");
        assertThat(attributes)
                .containsEntry("stop_reason", "end_turn")
                .containsEntry("streamed", true)
                .containsKey("time_to_first_token_ms");
        assertThat(((Number) attributes.get("time_to_first_token_ms")).longValue())
                .isLessThanOrEqualTo(call.int64("latency_ms"));
    }

    @Test
    void rateLimitAndOverloadedErrorsAreRecordedAndThrownUnchanged() {
        server.enqueue(
                LoopbackAnthropicServer.Reply.error(429, "req_429", "rate_limit_error", "Number of requests exceeded"),
                LoopbackAnthropicServer.Reply.error(429, "req_429", "rate_limit_error", "Number of requests exceeded"),
                LoopbackAnthropicServer.Reply.error(529, "req_529", "overloaded_error", "Overloaded"),
                LoopbackAnthropicServer.Reply.error(529, "req_529", "overloaded_error", "Overloaded"));
        AnthropicClient wrapped = InstrumentedAnthropic.wrap(plain, store.get());

        Throwable plain429 = catchThrowable(() -> plain.messages().create(question("q")));
        Throwable seen429 = catchThrowable(() -> wrapped.messages().create(question("q")));
        clock.advance(Duration.ofSeconds(1));
        Throwable plain529 = catchThrowable(() -> plain.messages().create(question("q")));
        Throwable seen529 = catchThrowable(() -> wrapped.messages().create(question("q")));

        assertThat(seen429).isInstanceOf(plain429.getClass()).hasMessage(plain429.getMessage());
        assertThat(seen529).isInstanceOf(plain529.getClass()).hasMessage(plain529.getMessage());
        assertThat(seen429.getClass().getSimpleName()).isEqualTo("RateLimitException");
        List<Row> calls = apiCalls(2);
        assertThat(calls).extracting(r -> r.string("request_id")).containsExactly("req_429", "req_529");
        assertThat(calls).extracting(r -> r.bool("is_success")).containsExactly(false, false);
        assertThat(calls)
                .extracting(r -> r.string("error_type"))
                .containsExactly("rate_limit_error", "overloaded_error");
        assertThat(calls).extracting(r -> r.string("model_name")).containsOnly("claude-sonnet-4-5");
        assertThat(calls.get(0).jsonObject("attributes")).containsEntry("status_code", 429);
        assertThat(calls.get(1).jsonObject("attributes")).containsEntry("status_code", 529);
    }

    @Test
    void aStreamCutMidWayFailsTheSameWayAndIsRecordedAsIncomplete() {
        LoopbackAnthropicServer.Reply full = Replies.streamed("req_cut");
        int cut = full.body().indexOf("event: content_block_stop");
        server.enqueue(full.cutAfter(cut), full.cutAfter(cut));
        AnthropicClient wrapped = InstrumentedAnthropic.wrap(plain, store.get());

        List<Object> unwrapped = drain(plain);
        List<Object> seen = drain(wrapped);

        assertThat(seen).hasSameSizeAs(unwrapped);
        assertThat(seen.subList(0, seen.size() - 1)).isEqualTo(unwrapped.subList(0, unwrapped.size() - 1));
        Object lastPlain = unwrapped.get(unwrapped.size() - 1);
        Object lastSeen = seen.get(seen.size() - 1);
        assertThat(lastSeen.getClass()).isEqualTo(lastPlain.getClass());
        Row call = apiCalls(1).get(0);
        assertThat(call.bool("is_success")).isFalse();
        assertThat(call.string("request_id")).isEqualTo("req_cut");
        assertThat(call.int64("input_tokens")).isEqualTo(10L);
        assertThat(call.int64("output_tokens")).isEqualTo(1L);
        assertThat(call.jsonObject("attributes")).containsEntry("stream_incomplete", true);
    }

    /** The events a stream gave, then what ended it: the exception, or "end" when it ended without one. */
    private static List<Object> drain(AnthropicClient client) {
        List<Object> got = new java.util.ArrayList<>();
        try (StreamResponse<RawMessageStreamEvent> s = client.messages().createStreaming(question("Hi"))) {
            s.stream().forEach(got::add);
            got.add("end");
        } catch (RuntimeException e) {
            got.add(e);
        }
        return got;
    }

    @Test
    void countTokensIsRecordedWithoutTokensAndReturnsTheCount() {
        server.enqueue(Replies.countTokens("req_count"));
        AnthropicClient wrapped = InstrumentedAnthropic.wrap(plain, store.get());

        MessageTokensCount count = wrapped.messages()
                .countTokens(MessageCountTokensParams.builder()
                        .model("claude-sonnet-4-5")
                        .addUserMessage("How many tokens is this?")
                        .build());

        assertThat(count.inputTokens()).isEqualTo(2095L);
        Row call = apiCalls(1).get(0);
        assertThat(call.int64("total_tokens")).isEqualTo(0L);
        assertThat(call.jsonObject("attributes"))
                .containsEntry("operation", "messages.count_tokens")
                .containsEntry("counted_input_tokens", 2095);
        assertThat(server.requests().get(0).path()).isEqualTo("/v1/messages/count_tokens");
    }

    @Test
    void promptAndResponseGoToTheAuditModuleRedacted() {
        server.enqueue(Replies.plain("req_audit"));
        AnthropicClient wrapped = InstrumentedAnthropic.wrap(plain, store.get(), CallContext.session("sess-audit"));

        wrapped.messages().create(question("Deploy with key AKIAIOSFODNN7EXAMPLE then tell me the capital of France."));

        apiCalls(1);
        AgentStore s = store.get();
        Eventually.await(
                "the audit response",
                Duration.ofSeconds(20),
                () -> s.sql("SELECT count(*) AS n FROM v_responses")
                                .rows()
                                .get(0)
                                .int64("n")
                        == 1);
        Row prompt = s.sql("SELECT * FROM v_prompts").single().orElseThrow();
        assertThat(prompt.string("session_id")).isEqualTo("sess-audit");
        assertThat(prompt.string("prompt_text"))
                .doesNotContain("AKIAIOSFODNN7EXAMPLE")
                .contains("then tell me the capital of France.");
        Row response = s.sql("SELECT * FROM v_responses").single().orElseThrow();
        assertThat(response.string("response_text")).isEqualTo("Paris is the capital of France.");
        assertThat(response.string("model_name")).isEqualTo("claude-sonnet-4-5-20250929");
    }

    @Test
    @SuppressWarnings("try")
    void theThreadsContextWinsOverTheClientsAndIsRestoredWhenItsScopeCloses() {
        server.enqueue(Replies.plain("req_ctx_1"), Replies.plain("req_ctx_2"));
        AnthropicClient wrapped = InstrumentedAnthropic.wrap(
                plain, store.get(), CallContext.session("sess-main").withAgent("main"));

        try (CallContext.Scope scope = CallContext.enter(CallContext.session("sess-main")
                .withAgent(AgentRef.of("reviewer", "subagent"))
                .withTask(TaskRef.of("ISSUE-22", "implement")))) {
            wrapped.messages().create(question("review this"));
        }
        clock.advance(Duration.ofSeconds(5));
        wrapped.messages().create(question("and now?"));

        List<Row> calls = apiCalls(2);
        assertThat(calls).extracting(r -> r.string("session_id")).containsExactly("sess-main", "sess-main");
        assertThat(calls).extracting(r -> r.string("agent_name")).containsExactly("reviewer", "main");
        assertThat(calls).extracting(r -> r.string("agent_type")).containsExactly("subagent", null);
        assertThat(calls).extracting(r -> r.string("task_id")).containsExactly("ISSUE-22", null);
        assertThat(CallContext.current()).isEmpty();
    }

    @Test
    void aClosedStoreCostsTheCallNothing() {
        server.enqueue(Replies.plain("req_closed_1"), Replies.plain("req_closed_2"));
        AgentStore s = store.get();
        AnthropicClient wrapped = InstrumentedAnthropic.wrap(plain, s);
        Message expected = plain.messages().create(question("still there?"));
        s.close();

        Message seen = wrapped.messages().create(question("still there?"));

        assertThat(seen).isEqualTo(expected);
    }

    @Test
    void wrapNamesTheMissingArgument() {
        assertThatThrownBy(() -> InstrumentedAnthropic.wrap(null, store.get()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("client");
        assertThatThrownBy(() -> InstrumentedAnthropic.wrap(plain, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("store");
    }
}
