package io.agentstore.it;

import io.agentstore.core.CoreDimensions;
import io.agentstore.spi.FactContext;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.FactRow;
import io.agentstore.spi.FactType;
import io.agentstore.spi.Migration;
import io.agentstore.spi.ModuleBinder;
import io.agentstore.spi.Row;
import io.agentstore.spi.SchemaModule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A test schema module whose writer misbehaves on request, without mocks: the real writer thread runs the
 * real {@link FactType#write} of {@code fact_probe}. A probe resolves its tool (a real dimension insert in the
 * writer's transaction) and appends that column before it looks at its label, so a failure leaves a
 * half-appended row and a new dimension member behind for the writer to roll back.
 *
 * <ul>
 *   <li>a label starting with {@code poison} throws an {@link IllegalStateException};</li>
 *   <li>a label starting with {@code error} throws an {@link AssertionError} (an {@link Error}, not an
 *       exception);</li>
 *   <li>a label starting with {@code session-of-tool:} also resolves the session of that name with the tool's key
 *       as its {@code user_key};</li>
 *   <li>a label starting with {@code unspeakable} throws an exception whose {@code getMessage()} throws;</li>
 *   <li>a label registered with {@link #blockOn} waits, on the writer thread, until released.</li>
 * </ul>
 */
final class ProbeModule implements SchemaModule {

    /** One probe fact. */
    record Probe(UUID eventId, Instant occurredAt, String tool, String label) implements FactRecord {
        Probe {
            Objects.requireNonNull(label, "label");
        }

        static Probe of(String tool, String label) {
            return new Probe(null, null, tool, label);
        }

        static Probe of(UUID eventId, String tool, String label) {
            return new Probe(eventId, null, tool, label);
        }

        @Override
        public UUID supersedesEventId() {
            return null;
        }

        @Override
        public Map<String, Object> attributes() {
            return Map.of();
        }
    }

    /**
     * Holds the writer inside the write of one label until released. Closing it releases it, so a test that
     * opens it after its store (in one try-with-resources) never leaves the store's close() waiting.
     */
    static final class Blocker implements AutoCloseable {
        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);

        /** Waits until the writer thread is inside the blocked write. */
        void awaitEntered(Duration timeout) throws InterruptedException {
            if (!entered.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the writer never reached the blocked probe within " + timeout);
            }
        }

        /** Lets the blocked write go on. */
        void release() {
            release.countDown();
        }

        @Override
        public void close() {
            release();
        }

        private void block() {
            entered.countDown();
            try {
                if (!release.await(2, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("blocked probe was never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while blocked", e);
            }
        }
    }

    private final Map<String, Blocker> blockers = new ConcurrentHashMap<>();
    private final boolean brokenFacade;

    /** A well-behaved probe module (until told to block). */
    ProbeModule() {
        this(false);
    }

    private ProbeModule(boolean brokenFacade) {
        this.brokenFacade = brokenFacade;
    }

    /** A probe module whose facade cannot be created: the store fails to open after its writer started. */
    static ProbeModule withBrokenFacade() {
        return new ProbeModule(true);
    }

    /** The facade type of {@link #withBrokenFacade()}. */
    static final class BrokenFacade {
        private BrokenFacade() {}
    }

    private final FactType<Probe> factType = new FactType<>() {
        @Override
        public String table() {
            return "fact_probe";
        }

        @Override
        public String view() {
            return "v_probes";
        }

        @Override
        public void write(Probe r, FactContext c, FactRow row) {
            Long tool = CoreDimensions.tool(c, r.tool());
            if (r.label().startsWith("session-of-tool:")) {
                // a key of one dimension as an attribute of another (as the audit module fills a session's user)
                CoreDimensions.session(c, r.label(), tool);
            }
            row.int64(tool);
            if (r.label().startsWith("poison")) {
                throw new IllegalStateException("probe " + r.label() + " refuses to be written");
            }
            if (r.label().startsWith("unspeakable")) {
                // an exception whose message cannot be read: the writer's own failure handling throws
                throw new IllegalStateException() {
                    private static final long serialVersionUID = 1L;

                    @Override
                    public String getMessage() {
                        throw new UnsupportedOperationException("this exception has no words");
                    }
                };
            }
            if (r.label().startsWith("error")) {
                throw new AssertionError("probe " + r.label() + " throws an Error");
            }
            Blocker blocker = blockers.get(r.label());
            if (blocker != null) {
                blocker.block();
            }
            row.text(r.label());
        }

        @Override
        public Probe read(Row row) {
            return new Probe(
                    row.uuid("event_id"), row.instant("occurred_at"), row.string("tool_name"), row.string("label"));
        }
    };

    /** Makes the write of the probe labelled {@code label} wait until {@link Blocker#release()}. */
    Blocker blockOn(String label) {
        Blocker b = new Blocker();
        blockers.put(label, b);
        return b;
    }

    @Override
    public String id() {
        return "probe";
    }

    @Override
    public List<Migration> migrations() {
        return List.of(Migration.of("V1__probe_schema.sql"));
    }

    @Override
    public void bind(ModuleBinder binder) {
        binder.fact(Probe.class, factType);
        if (brokenFacade) {
            binder.facade(BrokenFacade.class, store -> {
                throw new IllegalStateException("the probe facade cannot be created");
            });
        }
    }
}
