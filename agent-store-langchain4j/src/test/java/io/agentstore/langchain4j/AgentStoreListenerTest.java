package io.agentstore.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import io.agentstore.AgentStore;
import io.agentstore.anthropic.loopback.LoopbackAnthropicServer;
import io.agentstore.anthropic.loopback.LoopbackAnthropicServer.Reply;
import io.agentstore.anthropic.loopback.Replies;
import io.agentstore.audit.AuditModule;
import io.agentstore.core.CallContext;
import io.agentstore.spi.Row;
import io.agentstore.testing.Eventually;
import io.agentstore.testing.MutableClock;
import io.agentstore.testing.StoreExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** LangChain4j's Anthropic chat models against a real HTTP server on the loopback address. */
class AgentStoreListenerTest {
    final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");

    @RegisterExtension
    final StoreExtension store =
            StoreExtension.inMemory().install(AuditModule.create()).clock(clock);

    final LoopbackAnthropicServer server = LoopbackAnthropicServer.start();
    AgentStoreListener listener;

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.close();
        }
        server.close();
    }

    private ChatModel model(boolean recorded) {
        AnthropicChatModel.AnthropicChatModelBuilder b = AnthropicChatModel.builder()
                .baseUrl(server.baseUrl() + "/v1/")
                .apiKey("sk-ant-test")
                .modelName("claude-sonnet-4-5")
                .maxRetries(0);
        if (recorded) {
            b.listeners(List.of(listener()));
        }
        return b.build();
    }

    private AgentStoreListener listener() {
        if (listener == null) {
            listener = AgentStoreListener.create(store.get(), CallContext.session("sess-l4j"));
        }
        return listener;
    }

    private List<Row> rows(String table, String view, int expected) {
        AgentStore s = store.get();
        Eventually.await(
                expected + " rows in " + table,
                Duration.ofSeconds(20),
                () -> s.sql("SELECT count(*) AS n FROM " + table).rows().get(0).int64("n") >= expected);
        return s.sql("SELECT * FROM " + view + " ORDER BY occurred_at, recorded_at")
                .rows();
    }

    @Test
    void aChatCallIsRecordedWithTokensAsLangChain4jReportsThemAndTheProvidersCacheFields() {
        server.enqueue(Replies.plain("req_l4j_1"), Replies.plain("req_l4j_1"));

        ChatResponse unwrapped = model(false).chat(UserMessage.from("What is the capital of France?"));
        ChatResponse seen = model(true).chat(UserMessage.from("What is the capital of France?"));

        assertThat(seen.aiMessage()).isEqualTo(unwrapped.aiMessage());
        assertThat(seen.tokenUsage()).isEqualTo(unwrapped.tokenUsage());
        Row call = rows("fact_api_call", "v_api_calls", 1).get(0);
        assertThat(call.string("session_id")).isEqualTo("sess-l4j");
        assertThat(call.string("model_name")).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(call.string("provider")).isEqualTo("anthropic");
        assertThat(call.string("request_id")).isEqualTo("req_l4j_1");
        assertThat(call.int64("input_tokens")).isEqualTo(12L);
        assertThat(call.int64("output_tokens")).isEqualTo(34L);
        assertThat(call.int64("cache_read_tokens")).isEqualTo(100L);
        // LangChain4j reports the cache writes as one number (50): the 5-minute column gets them all
        assertThat(call.int64("cache_write_5m_tokens")).isEqualTo(50L);
        assertThat(call.int64("cache_write_1h_tokens")).isEqualTo(0L);
        assertThat(call.bool("is_success")).isTrue();
        assertThat(call.instant("occurred_at")).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(call.jsonObject("attributes"))
                .containsEntry("finish_reason", "stop")
                .containsEntry("message_id", "msg_plain")
                .containsEntry("source", "langchain4j");
    }

    /** The tools of the AI service test. */
    static final class Tools {
        @Tool("The weather in a city")
        String get_weather(@P(name = "city", value = "the city") String city) {
            return "sunny, 21 C in " + city;
        }

        @Tool("The time in a time zone")
        String get_time(@P(name = "zone", value = "the time zone") String zone) {
            throw new IllegalStateException("clock unavailable for " + zone);
        }
    }

    interface Assistant {
        String chat(String message);
    }

    @Test
    void anAiServiceLoopRecordsEachModelCallAndEachToolExecution() {
        server.enqueue(Replies.toolUse("req_loop_1"), Replies.answer("req_loop_2", "Sunny in Paris; time unknown."));
        Assistant assistant = AiServices.builder(Assistant.class)
                .chatModel(model(true))
                .tools(new Tools())
                .afterToolExecution(listener().toolExecutions())
                .build();

        String answer = assistant.chat("Weather and time in Paris?");

        assertThat(answer).isEqualTo("Sunny in Paris; time unknown.");
        List<Row> calls = rows("fact_api_call", "v_api_calls", 2);
        assertThat(calls).extracting(r -> r.string("request_id")).containsExactly("req_loop_1", "req_loop_2");
        assertThat(calls).extracting(r -> r.int64("input_tokens")).containsExactly(200L, 300L);
        assertThat(calls.get(0).jsonObject("attributes"))
                .containsEntry("tool_uses", List.of("get_weather", "get_time"))
                .containsEntry("finish_reason", "tool_execution");
        List<Row> tools = rows("fact_tool_call", "v_tool_calls", 2);
        assertThat(tools).extracting(r -> r.string("tool_name")).containsExactlyInAnyOrder("get_weather", "get_time");
        Row weather = tools.stream()
                .filter(r -> r.string("tool_name").equals("get_weather"))
                .findFirst()
                .orElseThrow();
        Row time = tools.stream()
                .filter(r -> r.string("tool_name").equals("get_time"))
                .findFirst()
                .orElseThrow();
        assertThat(weather.bool("is_success")).isTrue();
        assertThat(weather.string("session_id")).isEqualTo("sess-l4j");
        // the arguments as LangChain4j hands them to the tool: pretty-printed, {"city":"Paris"} in 22 bytes
        String arguments = (String) weather.jsonObject("attributes").get("arguments");
        assertThat(arguments.replaceAll("\\s", "")).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(weather.int64("input_bytes")).isEqualTo(22L);
        assertThat(weather.int64("output_bytes")).isEqualTo((long) "sunny, 21 C in Paris".length());
        assertThat(weather.jsonObject("attributes")).containsEntry("tool_use_id", "toolu_1");
        assertThat(time.bool("is_success")).isFalse();
        assertThat(time.string("error_type")).isEqualTo("tool_error");
        assertThat(time.jsonObject("attributes")).containsEntry("result", "clock unavailable for Europe/Paris");
    }

    @Test
    void aRateLimitIsRecordedAndThrownAsWithoutTheListener() {
        Reply limited = Reply.error(429, "req_l4j_429", "rate_limit_error", "Number of requests exceeded");
        server.enqueue(limited, limited);

        Throwable unwrapped = catchThrowable(() -> model(false).chat(UserMessage.from("q")));
        Throwable seen = catchThrowable(() -> model(true).chat(UserMessage.from("q")));

        assertThat(seen).isInstanceOf(unwrapped.getClass()).hasMessage(unwrapped.getMessage());
        Row call = rows("fact_api_call", "v_api_calls", 1).get(0);
        assertThat(call.bool("is_success")).isFalse();
        assertThat(call.string("error_type")).isEqualTo("rate_limit_error");
        assertThat(call.string("model_name")).isEqualTo("claude-sonnet-4-5");
        assertThat(call.jsonObject("attributes")).containsEntry("status_code", 429);
    }

    @Test
    void aStreamedCallIsRecordedWithTheFinalUsage() throws Exception {
        server.enqueue(Replies.streamed("req_l4j_stream"));
        AnthropicStreamingChatModel model = AnthropicStreamingChatModel.builder()
                .baseUrl(server.baseUrl() + "/v1/")
                .apiKey("sk-ant-test")
                .modelName("claude-sonnet-4-5")
                .listeners(List.of(listener()))
                .build();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();

        model.chat("Hi", new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partialResponse) {}

            @Override
            public void onCompleteResponse(ChatResponse completeResponse) {
                done.complete(completeResponse);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });

        assertThat(done.get(20, TimeUnit.SECONDS).aiMessage().text()).isEqualTo("Hello there");
        Row call = rows("fact_api_call", "v_api_calls", 1).get(0);
        assertThat(call.int64("input_tokens")).isEqualTo(10L);
        assertThat(call.int64("cache_read_tokens")).isEqualTo(5L);
        assertThat(call.int64("output_tokens")).isEqualTo(15L);
        assertThat(call.bool("is_success")).isTrue();
    }

    @Test
    void promptAndResponseGoToTheAuditModuleRedacted() {
        server.enqueue(Replies.plain("req_l4j_audit"));

        model(true).chat(UserMessage.from("My key is AKIAIOSFODNN7EXAMPLE, what is the capital of France?"));

        rows("fact_api_call", "v_api_calls", 1);
        List<Row> responses = rows("fact_response", "v_responses", 1);
        assertThat(responses.get(0).string("response_text")).isEqualTo("Paris is the capital of France.");
        Row prompt = store.get().sql("SELECT * FROM v_prompts").single().orElseThrow();
        assertThat(prompt.string("session_id")).isEqualTo("sess-l4j");
        assertThat(prompt.string("prompt_text"))
                .doesNotContain("AKIAIOSFODNN7EXAMPLE")
                .endsWith("what is the capital of France?");
    }

    @Test
    void anOpenAiCallIsRecordedWithItsCachedTokensTakenOutOfTheInputCount() {
        // prompt_tokens 1200 include 1024 cached: 176 uncached, 1024 cache reads, 8 output
        server.enqueue(new Reply(200, Map.of("x-request-id", "req_openai_1"), """
                {"id":"chatcmpl-1","object":"chat.completion","created":1767225600,"model":"gpt-4o-mini-2024-07-18",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Paris."},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":1200,"completion_tokens":8,"total_tokens":1208,
                          "prompt_tokens_details":{"cached_tokens":1024}}}
                """, false, -1));
        ChatModel model = OpenAiChatModel.builder()
                .baseUrl(server.baseUrl() + "/v1")
                .apiKey("sk-test")
                .modelName("gpt-4o-mini")
                .maxRetries(0)
                .listeners(List.of(listener()))
                .build();

        assertThat(model.chat("Capital of France?")).isEqualTo("Paris.");

        Row call = rows("fact_api_call", "v_api_calls", 1).get(0);
        assertThat(server.requests().get(0).path()).isEqualTo("/v1/chat/completions");
        assertThat(call.string("provider")).isEqualTo("openai");
        assertThat(call.string("model_name")).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(call.string("request_id")).isEqualTo("req_openai_1");
        assertThat(call.int64("input_tokens")).isEqualTo(176L);
        assertThat(call.int64("cache_read_tokens")).isEqualTo(1024L);
        assertThat(call.int64("output_tokens")).isEqualTo(8L);
        assertThat(call.int64("total_tokens")).isEqualTo(1208L);
        assertThat(call.jsonObject("attributes")).containsEntry("reported_total_tokens", 1208);
    }
}
