package io.agentstore.langchain4j;

import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.service.tool.ToolExecution;
import io.agentstore.AgentStore;
import io.agentstore.core.CallContext;
import io.agentstore.langchain4j.internal.ListenerCore;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every chat model call of any LangChain4j provider, and every tool an AI service runs, in a store:
 *
 * <pre>{@code
 * AgentStoreListener recorder = AgentStoreListener.create(store);
 * ChatModel model = AnthropicChatModel.builder()...listeners(List.of(recorder)).build();
 * Assistant assistant = AiServices.builder(Assistant.class)
 *         .chatModel(model)
 *         .tools(new MyTools())
 *         .afterToolExecution(recorder.toolExecutions())
 *         .build();
 * }</pre>
 *
 * <p>A model call (onResponse or onError of LangChain4j's {@link ChatModelListener}) becomes a core {@link
 * io.agentstore.core.ApiCall}: model, provider, tokens as LangChain4j reports them with the provider's cache
 * fields where its usage class has them, latency, finish reason, the tools the model asked for, the request id
 * where the provider keeps the raw HTTP response, the API's error type on failure. A tool execution (the AI
 * service's {@code afterToolExecution} hook) becomes a core {@link io.agentstore.core.ToolCall}. With the audit
 * module installed the last user message and the response text become an audit prompt and response, redacted by
 * the store. Facts are written by a background thread; the model call never waits for the store, and a closed or
 * failing store costs a log line. {@link #close()} writes what is still queued.
 */
public final class AgentStoreListener implements ChatModelListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentStoreListener.class);

    /** How many facts may wait to be written before new ones are dropped (with a log line). */
    public static final int QUEUE_CAPACITY = 10_000;

    private final ListenerCore core;

    private AgentStoreListener(ListenerCore core) {
        this.core = core;
    }

    /** A listener recording into {@code store}, attributing to the thread's {@link CallContext} when entered. */
    public static AgentStoreListener create(AgentStore store) {
        return create(store, CallContext.NONE);
    }

    /**
     * A listener recording into {@code store}, attributing to the thread's {@link CallContext} when one is entered,
     * else to {@code context}.
     *
     * @throws IllegalArgumentException when an argument is null
     */
    public static AgentStoreListener create(AgentStore store, CallContext context) {
        if (store == null) {
            throw new IllegalArgumentException("store must not be null");
        }
        if (context == null) {
            throw new IllegalArgumentException("context must not be null (use CallContext.NONE for none)");
        }
        return new AgentStoreListener(new ListenerCore(store, QUEUE_CAPACITY, () -> CallContext.currentOr(context)));
    }

    /** Remembers when the call started and the context it belongs to. */
    @Override
    public void onRequest(ChatModelRequestContext requestContext) {
        guard(() -> core.request(requestContext.attributes()));
    }

    /** Records the call. */
    @Override
    public void onResponse(ChatModelResponseContext responseContext) {
        guard(() -> core.response(
                responseContext.chatRequest(),
                responseContext.chatResponse(),
                responseContext.modelProvider(),
                responseContext.attributes()));
    }

    /** Records the failed call. */
    @Override
    public void onError(ChatModelErrorContext errorContext) {
        guard(() -> core.error(
                errorContext.chatRequest(),
                errorContext.error(),
                errorContext.modelProvider(),
                errorContext.attributes()));
    }

    /**
     * The hook to give to {@code AiServices.builder(...).afterToolExecution(...)}: each tool execution becomes a
     * tool call (name, arguments, duration, sizes, success).
     */
    public Consumer<ToolExecution> toolExecutions() {
        return execution -> guard(() -> core.toolExecuted(execution));
    }

    /** Writes what is still queued (waiting at most 10 seconds) and stops the recorder's thread. */
    @Override
    public void close() {
        core.close();
    }

    private static void guard(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("agent-store: a model or tool call was not recorded: {}", e.toString());
        }
    }

    @Override
    public String toString() {
        return "AgentStoreListener";
    }
}
