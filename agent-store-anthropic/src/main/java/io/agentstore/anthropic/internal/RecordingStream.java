package io.agentstore.anthropic.internal;

import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.MessageDeltaUsage;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.Usage;
import io.agentstore.BackgroundRecorder;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A streamed message, event for event as the SDK's stream gives it, watched on the way: the usage of
 * {@code message_start}, the cumulative usage of {@code message_delta} (its counts replace the start's, they
 * are not added), the stop reason, the first content delta (time to first token). The call is recorded once: at
 * {@code message_stop}, when the stream ends or fails, or when it is closed before either.
 */
final class RecordingStream implements StreamResponse<RawMessageStreamEvent> {
    private final StreamResponse<RawMessageStreamEvent> delegate;
    private final CallFacts facts;
    private final long startNanos;
    private final BackgroundRecorder recorder;
    private final boolean audit;
    private boolean sawStop;
    private boolean recorded;
    private Long deltaInput;
    private Long deltaCacheRead;
    private Long deltaCacheWrite;

    RecordingStream(
            StreamResponse<RawMessageStreamEvent> delegate,
            CallFacts facts,
            long startNanos,
            BackgroundRecorder recorder,
            boolean audit) {
        this.delegate = delegate;
        this.facts = facts;
        this.startNanos = startNanos;
        this.recorder = recorder;
        this.audit = audit;
    }

    @Override
    public Stream<RawMessageStreamEvent> stream() {
        Iterator<RawMessageStreamEvent> events = delegate.stream().iterator();
        Iterator<RawMessageStreamEvent> watched = new Iterator<>() {
            @Override
            public boolean hasNext() {
                boolean more;
                try {
                    more = events.hasNext();
                } catch (RuntimeException e) {
                    fail(e);
                    throw e;
                }
                if (!more) {
                    end();
                }
                return more;
            }

            @Override
            public RawMessageStreamEvent next() {
                RawMessageStreamEvent event;
                try {
                    event = events.next();
                } catch (NoSuchElementException e) {
                    throw e;
                } catch (RuntimeException e) {
                    fail(e);
                    throw e;
                }
                observe(event);
                return event;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(watched, Spliterator.ORDERED), false)
                .onClose(this::close);
    }

    @Override
    public void close() {
        try {
            delegate.close();
        } finally {
            end();
        }
    }

    private synchronized void observe(RawMessageStreamEvent event) {
        if (recorded) {
            return;
        }
        try {
            if (event.isMessageStart()) {
                var message = event.asMessageStart().message();
                facts.messageId = message.id();
                facts.model = message.model().asString();
                Usage usage = message.usage();
                facts.usage(usage);
            } else if (event.isContentBlockStart()) {
                event.asContentBlockStart().contentBlock().toolUse().ifPresent(t -> facts.toolUses.add(t.name()));
            } else if (event.isContentBlockDelta()) {
                if (facts.timeToFirstTokenMs == null) {
                    facts.timeToFirstTokenMs = elapsedMs();
                }
                event.asContentBlockDelta().delta().text().ifPresent(t -> facts.responseText.append(t.text()));
            } else if (event.isMessageDelta()) {
                var delta = event.asMessageDelta();
                delta.delta().stopReason().ifPresent(r -> facts.stopReason = r.asString());
                MessageDeltaUsage usage = delta.usage();
                facts.outputTokens = usage.outputTokens();
                usage.inputTokens().ifPresent(v -> deltaInput = v);
                usage.cacheReadInputTokens().ifPresent(v -> deltaCacheRead = v);
                usage.cacheCreationInputTokens().ifPresent(v -> deltaCacheWrite = v);
            } else if (event.isMessageStop()) {
                sawStop = true;
                end();
            }
        } catch (RuntimeException e) {
            // an event the SDK parsed but we cannot read: the caller's stream goes on, the facts stay as they are
            facts.extra.put("observe_error", e.toString());
        }
    }

    private synchronized void fail(RuntimeException e) {
        if (!recorded) {
            facts.failure(e);
            facts.extra.put("stream_incomplete", true);
            end();
        }
    }

    private synchronized void end() {
        if (recorded) {
            return;
        }
        recorded = true;
        facts.latencyMs = elapsedMs();
        if (deltaInput != null) {
            facts.inputTokens = deltaInput;
        }
        if (deltaCacheRead != null) {
            facts.cacheReadTokens = deltaCacheRead;
        }
        if (deltaCacheWrite != null && deltaCacheWrite != facts.cacheWrite5mTokens + facts.cacheWrite1hTokens) {
            // the final count differs from the start's split: keep the total, all of it 5-minute
            facts.cacheWrite5mTokens = deltaCacheWrite;
            facts.cacheWrite1hTokens = 0;
        }
        if (!sawStop && facts.errorType == null) {
            facts.errorType = "stream_incomplete";
            facts.extra.put("stream_incomplete", true);
        }
        facts.extra.put("streamed", true);
        boolean withAudit = audit;
        recorder.submit(
                () -> new BackgroundRecorder.Facts(facts.apiCall(), withAudit ? facts.auditEvents() : List.of()));
    }

    private long elapsedMs() {
        return (System.nanoTime() - startNanos) / 1_000_000L;
    }
}
