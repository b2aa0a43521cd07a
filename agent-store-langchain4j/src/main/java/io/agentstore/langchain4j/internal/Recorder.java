package io.agentstore.langchain4j.internal;

import io.agentstore.AgentStore;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.SourceEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what the instrumented client saw, off the caller's thread: one daemon thread takes the facts from a
 * bounded queue and hands them to the store. A full queue, a closed store or a failing write costs the call a
 * log line and nothing else; the call never waits for the store.
 */
public final class Recorder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);

    /**
     * The facts of one call: a core fact (an API call, a tool call) and the source events for the audit module
     * (maybe none).
     */
    public record Facts(FactRecord fact, List<SourceEvent> auditEvents) {}

    private final AgentStore store;
    private final ThreadPoolExecutor executor;

    /** A recorder into {@code store} holding at most {@code capacity} calls not yet written. */
    public Recorder(AgentStore store, int capacity) {
        this.store = store;
        this.executor = new ThreadPoolExecutor(
                1,
                1,
                0L,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(capacity),
                runnable -> {
                    Thread t = new Thread(runnable, "agent-store-langchain4j-recorder");
                    t.setDaemon(true);
                    return t;
                },
                (runnable, pool) -> LOG.warn(
                        "agent-store: a model or tool call was not recorded ({})",
                        pool.isShutdown() ? "the listener is closed" : "the record queue is full"));
    }

    /** The store's clock, for the instants of the facts. */
    public Clock clock() {
        return store.clock();
    }

    /** The store's clock's instant, or the system's when the store cannot say (closed). */
    public Instant now() {
        try {
            return store.clock().instant();
        } catch (RuntimeException e) {
            return Instant.now();
        }
    }

    /** Whether the audit module (or any module) maps the prompt and response events; false when closed. */
    public boolean auditing() {
        try {
            return store.maps(SourceEvent.UserPrompt.class) || store.maps(SourceEvent.ResponseText.class);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Builds the facts on the recorder's thread and writes them. Whatever goes wrong (building, validating,
     * writing, a closed store) is logged, never thrown.
     */
    public void submit(Supplier<Facts> facts) {
        executor.execute(() -> {
            try {
                Facts f = facts.get();
                store.record(f.fact());
                if (!f.auditEvents().isEmpty()) {
                    store.apply(f.auditEvents());
                }
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("agent-store: a model or tool call was not recorded: {}", e.toString());
            }
        });
    }

    /** Writes what is queued (waiting at most 10 seconds), then stops the thread. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("agent-store: model calls still queued after 10 s were not recorded");
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }
}
