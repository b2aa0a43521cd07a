package io.agentstore.langchain4j.internal;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.service.tool.ToolExecution;
import io.agentstore.AgentStore;
import io.agentstore.BackgroundRecorder;
import io.agentstore.core.ApiCall;
import io.agentstore.core.CallContext;
import io.agentstore.core.ToolCall;
import io.agentstore.spi.Json;
import io.agentstore.spi.SourceEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What the listener does, off LangChain4j's types: the start of a call is kept in the request's attributes (the
 * map LangChain4j hands to onRequest and then onResponse or onError of the same call); the end is recorded.
 */
public final class ListenerCore implements AutoCloseable {
    static final String SOURCE = "langchain4j";
    /** The longest tool result kept in a tool call's attributes (its size is in {@code output_bytes}). */
    static final int MAX_RESULT = 2_000;

    private static final String START = ListenerCore.class.getName() + ".start";

    private final BackgroundRecorder recorder;
    private final Supplier<CallContext> context;

    /** A listener core recording into {@code store}, attributing to what {@code context} gives at each call. */
    public ListenerCore(AgentStore store, int capacity, Supplier<CallContext> context) {
        this.recorder = new BackgroundRecorder(store, capacity, "agent-store-langchain4j-recorder");
        this.context = context;
    }

    private record Start(Instant at, long nanos, CallContext context) {}

    /** Called by onRequest: remembers when and for whom. */
    public void request(Map<Object, Object> attributes) {
        attributes.put(START, new Start(recorder.now(), System.nanoTime(), context.get()));
    }

    /** Called by onResponse. */
    public void response(
            ChatRequest request, ChatResponse response, ModelProvider provider, Map<Object, Object> attributes) {
        Start start = start(attributes);
        long latency = (System.nanoTime() - start.nanos()) / 1_000_000L;
        boolean audit = recorder.auditing();
        recorder.submit(() -> {
            ApiCall call = success(request, response, provider, start, latency);
            return new BackgroundRecorder.Facts(call, audit ? auditEvents(request, response, start, call) : List.of());
        });
    }

    /** Called by onError. */
    public void error(ChatRequest request, Throwable error, ModelProvider provider, Map<Object, Object> attributes) {
        Start start = start(attributes);
        long latency = (System.nanoTime() - start.nanos()) / 1_000_000L;
        boolean audit = recorder.auditing();
        recorder.submit(() -> {
            ApiCall call = failure(request, error, provider, start, latency);
            return new BackgroundRecorder.Facts(call, audit ? auditEvents(request, null, start, call) : List.of());
        });
    }

    /** Called after an AI service ran a tool. */
    public void toolExecuted(ToolExecution execution) {
        CallContext c = context.get();
        Instant end = recorder.now();
        recorder.submit(() -> new BackgroundRecorder.Facts(toolCall(execution, c, end), List.of()));
    }

    private Start start(Map<Object, Object> attributes) {
        Object s = attributes == null ? null : attributes.get(START);
        // a model that calls onResponse without onRequest: the call is recorded as of now, latency unknown (0)
        return s instanceof Start start ? start : new Start(recorder.now(), System.nanoTime(), context.get());
    }

    static ApiCall success(
            ChatRequest request, ChatResponse response, ModelProvider provider, Start start, long latencyMs) {
        Map<String, Object> attributes = base(provider);
        put(attributes, "message_id", response.id());
        put(
                attributes,
                "finish_reason",
                response.finishReason() == null
                        ? null
                        : lower(response.finishReason().name()));
        AiMessage ai = response.aiMessage();
        if (ai != null && ai.hasToolExecutionRequests()) {
            attributes.put(
                    "tool_uses",
                    ai.toolExecutionRequests().stream()
                            .map(ToolExecutionRequest::name)
                            .toList());
        }
        Tokens t = Tokens.of(response.tokenUsage());
        put(attributes, "reported_total_tokens", t.reportedTotal);
        return ApiCall.builder()
                .occurredAt(start.at())
                .sessionId(start.context().sessionId())
                .agent(start.context().agent())
                .task(start.context().task())
                .model(model(response.modelName(), request))
                .provider(providerName(provider))
                .requestId(requestId(response).orElse(null))
                .tokens(t.input, t.output)
                .cacheTokens(t.cacheRead, t.cacheWrite, 0)
                .latencyMs(latencyMs)
                .attributes(attributes)
                .build();
    }

    static ApiCall failure(ChatRequest request, Throwable error, ModelProvider provider, Start start, long latencyMs) {
        Map<String, Object> attributes = base(provider);
        HttpException http = http(error);
        String type;
        if (http != null) {
            attributes.put("status_code", http.statusCode());
            type = apiErrorType(http.getMessage()).orElse("http_" + http.statusCode());
        } else {
            type = error.getClass().getSimpleName();
        }
        put(attributes, "error_message", error.getMessage());
        put(attributes, "exception", error.getClass().getName());
        return ApiCall.builder()
                .occurredAt(start.at())
                .sessionId(start.context().sessionId())
                .agent(start.context().agent())
                .task(start.context().task())
                .model(model(null, request))
                .provider(providerName(provider))
                .latencyMs(latencyMs)
                .attributes(attributes)
                .failed(type)
                .build();
    }

    static ToolCall toolCall(ToolExecution execution, CallContext c, Instant end) {
        ToolExecutionRequest r = execution.request();
        Long duration =
                execution.duration() == null ? null : execution.duration().toMillis();
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("source", SOURCE);
        put(attributes, "tool_use_id", r.id());
        put(attributes, "arguments", r.arguments());
        String result = execution.result();
        put(
                attributes,
                "result",
                result == null || result.length() <= MAX_RESULT ? result : result.substring(0, MAX_RESULT));
        ToolCall.Builder b = ToolCall.builder()
                .occurredAt(duration == null ? end : end.minusMillis(duration))
                .sessionId(c.sessionId())
                .agent(c.agent())
                .task(c.task())
                .tool(r.name())
                .durationMs(duration)
                .bytes(bytes(r.arguments()), bytes(execution.result()))
                .attributes(attributes);
        if (execution.hasFailed()) {
            b.failed("tool_error");
        }
        return b.build();
    }

    static List<SourceEvent> auditEvents(ChatRequest request, ChatResponse response, Start start, ApiCall call) {
        List<SourceEvent> events = new ArrayList<>(2);
        String seed = call.requestId() != null
                ? call.requestId()
                : response != null && response.id() != null
                        ? response.id()
                        : UUID.randomUUID().toString();
        CallContext c = start.context();
        SourceEvent.Envelope envelope = new SourceEvent.Envelope(
                SOURCE,
                c.sessionId(),
                c.agent() == null ? null : c.agent().name(),
                c.agent() == null ? null : c.agent().type(),
                null,
                null,
                start.at(),
                seed,
                Map.of());
        lastUserText(request).ifPresent(text -> events.add(new SourceEvent.UserPrompt(envelope, text)));
        if (response != null && response.aiMessage() != null) {
            String text = response.aiMessage().text();
            if (text != null && !text.isBlank()) {
                events.add(new SourceEvent.ResponseText(envelope, response.id(), call.model(), text));
            }
        }
        return events;
    }

    private static Optional<String> lastUserText(ChatRequest request) {
        List<ChatMessage> messages = request.messages();
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof UserMessage user) {
                StringBuilder text = new StringBuilder();
                user.contents().forEach(content -> {
                    if (content instanceof dev.langchain4j.data.message.TextContent t) {
                        text.append(text.length() > 0 ? "\n" : "").append(t.text());
                    }
                });
                return text.toString().isBlank() ? Optional.empty() : Optional.of(text.toString());
            }
        }
        return Optional.empty();
    }

    /**
     * Tokens as LangChain4j reports them, with the provider's cache fields where its usage class has them:
     * Anthropic's {@code cacheReadInputTokens} / {@code cacheCreationInputTokens} (its input count is already
     * uncached), OpenAI's {@code inputTokensDetails().cachedTokens()} (its input count includes them: subtracted).
     */
    static final class Tokens {
        long input;
        long output;
        long cacheRead;
        long cacheWrite;
        Long reportedTotal;

        static Tokens of(TokenUsage usage) {
            Tokens t = new Tokens();
            if (usage == null) {
                return t;
            }
            t.input = usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
            t.output = usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
            t.reportedTotal = usage.totalTokenCount() == null
                    ? null
                    : usage.totalTokenCount().longValue();
            Optional<Long> anthropicRead = Reflect.number(usage, "cacheReadInputTokens");
            Optional<Long> anthropicWrite = Reflect.number(usage, "cacheCreationInputTokens");
            Optional<Long> openAiCached = Reflect.call(usage, "inputTokensDetails")
                    .flatMap(details -> Reflect.number(details, "cachedTokens"));
            if (anthropicRead.isPresent() || anthropicWrite.isPresent()) {
                t.cacheRead = anthropicRead.orElse(0L);
                t.cacheWrite = anthropicWrite.orElse(0L);
            } else if (openAiCached.isPresent()) {
                t.cacheRead = Math.min(openAiCached.get(), t.input);
                t.input -= t.cacheRead;
            }
            return t;
        }
    }

    /** The provider's request id from the raw HTTP response, where the provider's metadata keeps one. */
    static Optional<String> requestId(ChatResponse response) {
        return Reflect.call(response.metadata(), "rawHttpResponse")
                .flatMap(raw -> Reflect.call(raw, "headers"))
                .filter(Map.class::isInstance)
                .flatMap(headers -> {
                    for (Map.Entry<?, ?> e : ((Map<?, ?>) headers).entrySet()) {
                        String name = String.valueOf(e.getKey()).toLowerCase(Locale.ROOT);
                        if ((name.equals("request-id") || name.equals("x-request-id"))
                                && e.getValue() instanceof List<?> values
                                && !values.isEmpty()) {
                            return Optional.of(String.valueOf(values.get(0)));
                        }
                    }
                    return Optional.empty();
                });
    }

    /** {@code error.type} of an error body in the Anthropic or OpenAI shape. */
    static Optional<String> apiErrorType(String body) {
        if (body == null || !body.trim().startsWith("{")) {
            return Optional.empty();
        }
        try {
            Object parsed = Json.parse(body);
            if (parsed instanceof Map<?, ?> m && m.get("error") instanceof Map<?, ?> e) {
                Object type = e.get("type");
                if (type instanceof String s && !s.isBlank()) {
                    return Optional.of(s);
                }
                Object code = e.get("code");
                if (code instanceof String s && !s.isBlank()) {
                    return Optional.of(s);
                }
            }
        } catch (RuntimeException notJson) {
            // the body is not JSON: no type
        }
        return Optional.empty();
    }

    private static HttpException http(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof HttpException h) {
                return h;
            }
        }
        return null;
    }

    private static Map<String, Object> base(ModelProvider provider) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("source", SOURCE);
        put(attributes, "model_provider", provider == null ? null : provider.name());
        return attributes;
    }

    private static String model(String reported, ChatRequest request) {
        if (reported != null && !reported.isBlank()) {
            return reported;
        }
        String requested = request == null ? null : request.modelName();
        return requested != null && !requested.isBlank() ? requested : "unknown";
    }

    private static String providerName(ModelProvider provider) {
        if (provider == null || provider == ModelProvider.OTHER) {
            return null;
        }
        return switch (provider) {
            case ANTHROPIC -> "anthropic";
            case OPEN_AI -> "openai";
            case GOOGLE_AI_GEMINI, GOOGLE_GENAI, GOOGLE_VERTEX_AI_GEMINI -> "google";
            default -> lower(provider.name());
        };
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static Long bytes(String s) {
        return s == null ? null : (long) s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** Writes what is queued, then stops the recorder's thread. */
    @Override
    public void close() {
        recorder.close();
    }
}
