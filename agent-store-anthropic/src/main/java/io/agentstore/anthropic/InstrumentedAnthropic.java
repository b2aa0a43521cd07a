package io.agentstore.anthropic;

import com.anthropic.client.AnthropicClient;
import io.agentstore.AgentStore;
import io.agentstore.BackgroundRecorder;
import io.agentstore.anthropic.internal.InstrumentedClient;
import io.agentstore.core.CallContext;

/**
 * Records every Messages API call of an Anthropic Java SDK client in a store, in one line:
 *
 * <pre>{@code
 * AnthropicClient client = InstrumentedAnthropic.wrap(AnthropicOkHttpClient.fromEnv(), store);
 * }</pre>
 *
 * <p>The returned client has the same API and behaves exactly like the wrapped one: same results, same
 * exceptions, no waiting for the store. Each {@code messages().create}, {@code createStreaming} and
 * {@code countTokens} becomes a core {@link io.agentstore.core.ApiCall} (model, request id, tokens with cache
 * reads and the 5-minute / 1-hour cache writes, latency, time to first token of a stream, stop reason, the tools
 * the model asked for, the API's error type); with the audit module installed, the last user message and the
 * response text become an audit prompt and response, redacted by the store. Facts are written by a background
 * thread; a closed or failing store costs a call a log line. Close the returned client to write what is still
 * queued.
 */
public final class InstrumentedAnthropic {
    /** How many calls may wait to be written before new ones are dropped (with a log line). */
    public static final int QUEUE_CAPACITY = 10_000;

    private InstrumentedAnthropic() {}

    /** Wraps {@code client}; calls are attributed to the thread's {@link CallContext} when one is entered. */
    public static AnthropicClient wrap(AnthropicClient client, AgentStore store) {
        return wrap(client, store, CallContext.NONE);
    }

    /**
     * Wraps {@code client}; calls are attributed to the thread's {@link CallContext} when one is entered, else to
     * {@code context}.
     *
     * @throws IllegalArgumentException when an argument is null
     */
    public static AnthropicClient wrap(AnthropicClient client, AgentStore store, CallContext context) {
        if (client == null) {
            throw new IllegalArgumentException("client must not be null");
        }
        if (store == null) {
            throw new IllegalArgumentException("store must not be null");
        }
        if (context == null) {
            throw new IllegalArgumentException("context must not be null (use CallContext.NONE for none)");
        }
        return new InstrumentedClient(
                client,
                new BackgroundRecorder(store, QUEUE_CAPACITY, "agent-store-anthropic-recorder"),
                () -> CallContext.currentOr(context));
    }
}
