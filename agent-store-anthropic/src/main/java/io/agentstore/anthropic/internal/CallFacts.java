package io.agentstore.anthropic.internal;

import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.models.messages.CacheCreation;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageParam;
import com.anthropic.models.messages.Usage;
import io.agentstore.core.ApiCall;
import io.agentstore.core.CallContext;
import io.agentstore.spi.SourceEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** What one call saw, turned into an {@link ApiCall} and the audit events; built on the recorder's thread. */
final class CallFacts {
    static final String SOURCE = "anthropic-java";
    static final String PROVIDER = "anthropic";

    final CallContext context;
    final Instant occurredAt;
    final String operation;
    final String requestedModel;
    final List<MessageParam> messages;
    String model;
    String requestId;
    String messageId;
    String stopReason;
    long inputTokens;
    long outputTokens;
    long cacheReadTokens;
    long cacheWrite5mTokens;
    long cacheWrite1hTokens;
    Long latencyMs;
    Long timeToFirstTokenMs;
    String errorType;
    Integer statusCode;
    String errorMessage;
    final Map<String, Object> extra = new LinkedHashMap<>();
    final List<String> toolUses = new ArrayList<>();
    final StringBuilder responseText = new StringBuilder();

    CallFacts(
            CallContext context,
            Instant occurredAt,
            String operation,
            String requestedModel,
            List<MessageParam> messages) {
        this.context = context;
        this.occurredAt = occurredAt;
        this.operation = operation;
        this.requestedModel = requestedModel;
        this.messages = messages;
    }

    /** Tokens as a response's {@code usage} reports them: cache writes by TTL where the split is given. */
    void usage(Usage usage) {
        inputTokens = usage.inputTokens();
        outputTokens = usage.outputTokens();
        cacheReadTokens = usage.cacheReadInputTokens().orElse(0L);
        cacheWrites(usage.cacheCreationInputTokens().orElse(0L), usage.cacheCreation());
    }

    /**
     * Cache writes: the 5-minute / 1-hour split when the response gives it, else all of them to the 5-minute
     * cache (the API's default TTL).
     */
    void cacheWrites(long total, Optional<CacheCreation> split) {
        if (split.isPresent()) {
            cacheWrite5mTokens = split.get().ephemeral5mInputTokens();
            cacheWrite1hTokens = split.get().ephemeral1hInputTokens();
        } else {
            cacheWrite5mTokens = total;
            cacheWrite1hTokens = 0;
        }
    }

    /** Everything a complete (not streamed) response says. */
    void message(Message message) {
        messageId = message.id();
        model = message.model().asString();
        stopReason = message.stopReason().map(r -> r.asString()).orElse(null);
        usage(message.usage());
        for (ContentBlock block : message.content()) {
            block.text().ifPresent(t -> responseText.append(t.text()));
            block.toolUse().ifPresent(t -> toolUses.add(t.name()));
        }
    }

    /** A failed call: the API's error type ({@code rate_limit_error}, {@code overloaded_error}) when it gave one. */
    void failure(RuntimeException e) {
        if (e instanceof AnthropicServiceException service) {
            statusCode = service.statusCode();
            errorType = service.type().map(t -> t.asString()).orElse("http_" + service.statusCode());
            if (requestId == null) {
                requestId = service.requestId().orElse(null);
            }
        } else {
            errorType = e.getClass().getSimpleName();
        }
        errorMessage = e.getMessage();
    }

    ApiCall apiCall() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("source", SOURCE);
        attributes.put("operation", operation);
        put(attributes, "message_id", messageId);
        put(attributes, "stop_reason", stopReason);
        put(attributes, "time_to_first_token_ms", timeToFirstTokenMs);
        if (!toolUses.isEmpty()) {
            attributes.put("tool_uses", List.copyOf(toolUses));
        }
        put(attributes, "status_code", statusCode);
        put(attributes, "error_message", errorMessage);
        attributes.putAll(extra);
        ApiCall.Builder b = ApiCall.builder()
                .occurredAt(occurredAt)
                .sessionId(context.sessionId())
                .agent(context.agent())
                .task(context.task())
                .model(model != null ? model : requestedModel)
                .provider(PROVIDER)
                .requestId(requestId)
                .tokens(inputTokens, outputTokens)
                .cacheTokens(cacheReadTokens, cacheWrite5mTokens, cacheWrite1hTokens)
                .latencyMs(latencyMs)
                .attributes(attributes);
        if (errorType != null) {
            b.failed(errorType);
        }
        return b.build();
    }

    /** The last user message's text and the response's text, for the audit module; none when there is no text. */
    List<SourceEvent> auditEvents() {
        List<SourceEvent> events = new ArrayList<>(2);
        String seed = requestId != null
                ? requestId
                : messageId != null ? messageId : UUID.randomUUID().toString();
        String prompt = lastUserText();
        if (prompt != null) {
            events.add(new SourceEvent.UserPrompt(envelope(seed), prompt));
        }
        if (responseText.length() > 0) {
            events.add(new SourceEvent.ResponseText(
                    envelope(seed), messageId, model != null ? model : requestedModel, responseText.toString()));
        }
        return events;
    }

    private SourceEvent.Envelope envelope(String seed) {
        return new SourceEvent.Envelope(
                SOURCE,
                context.sessionId(),
                context.agent() == null ? null : context.agent().name(),
                context.agent() == null ? null : context.agent().type(),
                null,
                null,
                occurredAt,
                seed,
                Map.of());
    }

    private String lastUserText() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            MessageParam m = messages.get(i);
            if (!"user".equals(m.role().asString())) {
                continue;
            }
            if (m.content().isString()) {
                String s = m.content().asString();
                return s.isBlank() ? null : s;
            }
            StringBuilder text = new StringBuilder();
            for (ContentBlockParam block : m.content().asContentBlockParams()) {
                block.text()
                        .ifPresent(
                                t -> text.append(text.length() > 0 ? "\n" : "").append(t.text()));
            }
            return text.toString().isBlank() ? null : text.toString();
        }
        return null;
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
