package io.agentstore.memory;

import io.agentstore.AgentStore;
import io.agentstore.memory.internal.MemoryFactTypes;
import io.agentstore.memory.internal.MemoryTools;
import io.agentstore.spi.Migration;
import io.agentstore.spi.ModuleBinder;
import io.agentstore.spi.SchemaModule;
import java.util.List;
import java.util.Objects;

/**
 * The memory schema module: jobs and their state transitions, session summaries and message backups, typed
 * agent memory (eight types of JSON document) with its full bitemporal history, compaction, and agent health
 * and drift. It replaces the SQLite memory system of the reference document, append-only. Install it with
 * {@code AgentStore.builder().install(MemoryModule.create())} and use it through
 * {@code store.module(MemoryFacade.class)} or {@link #of(AgentStore)}.
 *
 * <p>Its DDL is {@code sql/memory/} (packaged as {@code agent-store/memory/}); its reference queries are
 * {@code sql/queries/memory/}. It requires only core; with the tokens module installed, mechanical session
 * summaries include the session's cost.
 */
public final class MemoryModule implements SchemaModule {
    private static final MemoryModule INSTANCE = new MemoryModule();

    private MemoryModule() {}

    /** The module. */
    public static MemoryModule create() {
        return INSTANCE;
    }

    /** The memory facade of a store that has this module installed. */
    public static MemoryFacade of(AgentStore store) {
        return Objects.requireNonNull(store, "store must not be null").module(MemoryFacade.class);
    }

    @Override
    public String id() {
        return "memory";
    }

    @Override
    public List<Migration> migrations() {
        return List.of(Migration.of("V1__memory_schema.sql"));
    }

    @Override
    public List<String> repeatables() {
        return List.of("R__memory_views.sql");
    }

    @Override
    public void bind(ModuleBinder binder) {
        binder.fact(JobTransition.class, MemoryFactTypes.JOB_TRANSITION);
        binder.fact(JobSession.class, MemoryFactTypes.JOB_SESSION);
        binder.fact(SessionSummary.class, MemoryFactTypes.SESSION_SUMMARY);
        binder.fact(SessionMessages.class, MemoryFactTypes.SESSION_MESSAGES);
        binder.fact(MemoryVersion.class, MemoryFactTypes.MEMORY_VERSION);
        binder.fact(AgentBaseline.class, MemoryFactTypes.AGENT_BASELINE);
        binder.fact(HealthCheck.class, MemoryFactTypes.AGENT_HEALTH);
        binder.facade(MemoryFacade.class, MemoryFacade::new);
        MemoryTools.all().forEach(binder::tool);
    }

    @Override
    public String toString() {
        return "MemoryModule";
    }
}
