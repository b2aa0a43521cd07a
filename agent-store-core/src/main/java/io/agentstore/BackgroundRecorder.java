package io.agentstore;

import io.agentstore.spi.FactRecord;
import io.agentstore.spi.SourceEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what an instrumentation (an instrumented SDK client, a framework listener) saw, off the caller's thread, so
 * that recording never slows the agent it observes: one daemon thread takes the calls from a
 * bounded queue, as many as are waiting (up to 1,000), and hands them to the store together ({@code recordAll}:
 * one commit for the batch; one by one when the batch fails, so that one bad record loses only itself). A full
 * queue, a closed store or a failing write costs the call a log line and nothing else; the call never waits for
 * the store.
 */
public final class BackgroundRecorder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundRecorder.class);
    private static final int BATCH = 1_000;
    private static final Supplier<Facts> STOP = () -> null;

    /**
     * The facts of one call: a core fact (an API call, a tool call) and the source events for the audit module
     * (maybe none).
     */
    public record Facts(FactRecord fact, List<SourceEvent> auditEvents) {}

    private final AgentStore store;
    private final BlockingQueue<Supplier<Facts>> queue;
    private final Thread thread;
    private volatile boolean closed;

    /**
     * A recorder into {@code store} holding at most {@code capacity} calls not yet written, on a daemon thread
     * named {@code threadName}.
     */
    public BackgroundRecorder(AgentStore store, int capacity, String threadName) {
        if (store == null) {
            throw new IllegalArgumentException("store must not be null");
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        this.store = store;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::loop, threadName);
        thread.setDaemon(true);
        thread.start();
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
     * Queues a call; its facts are built on the recorder's thread. Whatever goes wrong (a full queue, building,
     * validating, writing, a closed store) is logged, never thrown.
     */
    public void submit(Supplier<Facts> facts) {
        if (closed) {
            LOG.warn("agent-store: a model or tool call was not recorded (the recorder is closed)");
        } else if (!queue.offer(facts)) {
            LOG.warn("agent-store: a model or tool call was not recorded (the record queue is full)");
        }
    }

    private void loop() {
        List<Supplier<Facts>> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, BATCH - 1);
            boolean stop = batch.remove(STOP);
            write(batch);
            batch.clear();
            if (stop) {
                return;
            }
        }
    }

    private void write(List<Supplier<Facts>> batch) {
        List<FactRecord> calls = new ArrayList<>(batch.size());
        List<SourceEvent> events = new ArrayList<>();
        for (Supplier<Facts> s : batch) {
            try {
                Facts f = s.get();
                calls.add(f.fact());
                events.addAll(f.auditEvents());
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("agent-store: a model or tool call was not recorded: {}", e.toString());
            }
        }
        try {
            store.recordAll(calls);
        } catch (RuntimeException | LinkageError batchFailed) {
            for (FactRecord call : calls) {
                try {
                    store.record(call);
                } catch (RuntimeException | LinkageError e) {
                    LOG.warn("agent-store: a model or tool call was not recorded: {}", e.toString());
                }
            }
        }
        if (!events.isEmpty()) {
            try {
                store.apply(events);
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("agent-store: {} prompt/response events were not recorded: {}", events.size(), e.toString());
            }
        }
    }

    /** Writes what is queued (waiting at most 30 seconds), then stops the thread; closing twice does nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            queue.put(STOP);
            thread.join(TimeUnit.SECONDS.toMillis(30));
            if (thread.isAlive()) {
                LOG.warn("agent-store: model calls still queued after 30 s were not recorded");
                thread.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.interrupt();
        }
    }
}
