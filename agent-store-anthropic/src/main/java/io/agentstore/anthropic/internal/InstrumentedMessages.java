package io.agentstore.anthropic.internal;

import com.anthropic.core.ClientOptions;
import com.anthropic.core.RequestOptions;
import com.anthropic.core.http.HttpResponseFor;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageTokensCount;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.services.blocking.MessageService;
import com.anthropic.services.blocking.messages.BatchService;
import io.agentstore.BackgroundRecorder;
import io.agentstore.core.CallContext;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The Messages API of an instrumented client: {@code create}, {@code createStreaming} and {@code countTokens}
 * go to the SDK's raw-response form (for the {@code request-id} header) and return what the plain form returns;
 * each is recorded. Batches and the raw-response service are the SDK's own, not recorded.
 */
final class InstrumentedMessages implements MessageService {
    private final MessageService delegate;
    private final BackgroundRecorder recorder;
    private final Supplier<CallContext> context;

    InstrumentedMessages(MessageService delegate, BackgroundRecorder recorder, Supplier<CallContext> context) {
        this.delegate = delegate;
        this.recorder = recorder;
        this.context = context;
    }

    @Override
    public MessageService.WithRawResponse withRawResponse() {
        return delegate.withRawResponse();
    }

    @Override
    public MessageService withOptions(Consumer<ClientOptions.Builder> modifier) {
        return new InstrumentedMessages(delegate.withOptions(modifier), recorder, context);
    }

    @Override
    public BatchService batches() {
        return delegate.batches();
    }

    @Override
    public Message create(MessageCreateParams params, RequestOptions requestOptions) {
        CallFacts facts = start("messages.create", params.model().asString(), params.messages());
        long start = System.nanoTime();
        boolean audit = recorder.auditing();
        Message message;
        try {
            HttpResponseFor<Message> response = delegate.withRawResponse().create(params, requestOptions);
            facts.requestId = response.requestId().orElse(null);
            message = response.parse();
        } catch (RuntimeException e) {
            facts.latencyMs = elapsed(start);
            facts.failure(e);
            recorder.submit(
                    () -> new BackgroundRecorder.Facts(facts.apiCall(), audit ? facts.auditEvents() : List.of()));
            throw e;
        }
        facts.latencyMs = elapsed(start);
        recorder.submit(() -> {
            facts.message(message);
            return new BackgroundRecorder.Facts(facts.apiCall(), audit ? facts.auditEvents() : List.of());
        });
        return message;
    }

    @Override
    public StreamResponse<RawMessageStreamEvent> createStreaming(
            MessageCreateParams params, RequestOptions requestOptions) {
        CallFacts facts = start("messages.create", params.model().asString(), params.messages());
        long start = System.nanoTime();
        boolean audit = recorder.auditing();
        StreamResponse<RawMessageStreamEvent> stream;
        try {
            HttpResponseFor<StreamResponse<RawMessageStreamEvent>> response =
                    delegate.withRawResponse().createStreaming(params, requestOptions);
            facts.requestId = response.requestId().orElse(null);
            stream = response.parse();
        } catch (RuntimeException e) {
            facts.latencyMs = elapsed(start);
            facts.failure(e);
            facts.extra.put("streamed", true);
            recorder.submit(
                    () -> new BackgroundRecorder.Facts(facts.apiCall(), audit ? facts.auditEvents() : List.of()));
            throw e;
        }
        return new RecordingStream(stream, facts, start, recorder, audit);
    }

    @Override
    public MessageTokensCount countTokens(MessageCountTokensParams params, RequestOptions requestOptions) {
        CallFacts facts = start("messages.count_tokens", params.model().asString(), params.messages());
        long start = System.nanoTime();
        MessageTokensCount count;
        try {
            HttpResponseFor<MessageTokensCount> response =
                    delegate.withRawResponse().countTokens(params, requestOptions);
            facts.requestId = response.requestId().orElse(null);
            count = response.parse();
        } catch (RuntimeException e) {
            facts.latencyMs = elapsed(start);
            facts.failure(e);
            recorder.submit(() -> new BackgroundRecorder.Facts(facts.apiCall(), List.of()));
            throw e;
        }
        facts.latencyMs = elapsed(start);
        // counting costs no tokens: the count goes into the attributes, the token columns stay 0
        recorder.submit(() -> {
            facts.extra.put("counted_input_tokens", count.inputTokens());
            return new BackgroundRecorder.Facts(facts.apiCall(), List.of());
        });
        return count;
    }

    private CallFacts start(String operation, String model, List<com.anthropic.models.messages.MessageParam> messages) {
        return new CallFacts(context.get(), recorder.now(), operation, model, messages);
    }

    private static long elapsed(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000L;
    }
}
