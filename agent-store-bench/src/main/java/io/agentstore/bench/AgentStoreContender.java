package io.agentstore.bench;

import io.agentstore.AgentStore;
import io.agentstore.Durability;
import io.agentstore.core.AgentRef;
import io.agentstore.core.ApiCall;
import io.agentstore.core.CoreFacade;
import io.agentstore.core.TaskRef;
import io.agentstore.core.ToolCall;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * agent-store through its public API: each event is built with the record builders (validation included)
 * and recorded with {@code store.core().recordToolCall / recordApiCall}, one call per event, from one or more
 * threads (thread {@code t} of {@code n} records sessions {@code t, t + n, ...} in order). ASYNC ends with one
 * {@code flush()}, which is timed.
 */
final class AgentStoreContender extends Contender {
    private final Durability durability;
    private final int threads;
    private final Path template;

    AgentStoreContender(String name, Durability durability, int threads, boolean sampled, Path template) {
        super(
                name,
                "agent-store " + durability + ", " + threads + " recording thread" + (threads == 1 ? "" : "s")
                        + (durability == Durability.ASYNC ? " + one flush()" : ""),
                sampled);
        this.durability = durability;
        this.threads = threads;
        this.template = template;
    }

    @Override
    Load load(Workload w, Path dir, long deadline) throws Exception {
        Path file = dir.resolve("agent-store.duckdb");
        StoreQueries.copyTemplate(template, file);
        AgentRef[] agents = new AgentRef[w.agents.length];
        for (int i = 0; i < agents.length; i++) {
            agents[i] = AgentRef.of(w.agents[i]);
        }
        try (AgentStore store = StoreQueries.open(file, durability)) {
            CoreFacade core = store.core();
            AtomicLong events = new AtomicLong();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                Thread worker = new Thread(
                        () -> {
                            try {
                                start.await();
                                long n = 0;
                                for (int s = first; s < w.sessions() && System.nanoTime() < deadline; s += threads) {
                                    int from = Workload.firstEvent(s);
                                    for (int e = from; e < from + Workload.EVENTS_PER_SESSION; e++) {
                                        record(core, w, agents, e);
                                        n++;
                                    }
                                }
                                events.addAndGet(n);
                            } catch (Throwable x) {
                                failure.compareAndSet(null, x);
                            }
                        },
                        "bench-recorder-" + t);
                worker.start();
                workers.add(worker);
            }
            long started = System.nanoTime();
            start.countDown();
            for (Thread worker : workers) {
                worker.join();
            }
            store.flush();
            long nanos = System.nanoTime() - started;
            if (failure.get() != null) {
                throw new IllegalStateException(name() + " failed", failure.get());
            }
            return new Load(events.get(), nanos);
        }
    }

    static void record(CoreFacade core, Workload w, AgentRef[] agents, int e) {
        int s = w.session[e];
        if (w.kind[e] == Workload.TOOL) {
            ToolCall.Builder b = ToolCall.builder()
                    .eventId(new UUID(w.idHi[e], w.idLo[e]))
                    .occurredAt(w.occurredAt(e))
                    .sessionId(w.sessionIds[s])
                    .agent(agents[w.agent[e]])
                    .task(TaskRef.of(w.taskIds[w.task[e]], w.taskTypeOf(e)))
                    .tool(w.toolName(e))
                    .targetPath(w.filePath(e))
                    .durationMs((long) w.v0[e])
                    .tokens((long) w.v1[e], (long) w.v2[e]);
            if (w.error[e] >= 0) {
                b.failed(w.errorType(e));
            }
            core.recordToolCall(b.build());
        } else {
            core.recordApiCall(ApiCall.builder()
                    .eventId(new UUID(w.idHi[e], w.idLo[e]))
                    .occurredAt(w.occurredAt(e))
                    .sessionId(w.sessionIds[s])
                    .agent(agents[w.agent[e]])
                    .task(TaskRef.of(w.taskIds[w.task[e]], w.taskTypeOf(e)))
                    .model(w.modelName(e))
                    .provider(Workload.PROVIDER)
                    .tokens(w.v0[e], w.v1[e])
                    .cacheTokens(w.v2[e], w.v3[e], w.v4[e])
                    .build());
        }
    }

    @Override
    Queries queries(Path dir, Expected expected) {
        return new StoreQueries(dir.resolve("agent-store.duckdb"), expected);
    }
}
