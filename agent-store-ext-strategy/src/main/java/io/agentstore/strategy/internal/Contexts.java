package io.agentstore.strategy.internal;

import io.agentstore.AgentStore;
import io.agentstore.QueryResult;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.StoreContext;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A {@link StoreContext} over an {@link AgentStore}, until the binder hands facades a context itself. */
public final class Contexts {
    private Contexts() {
    }

    /** The narrow view of {@code store} a facade uses. */
    public static StoreContext of(AgentStore store) {
        return new StoreContext() {
            @Override
            public UUID record(FactRecord record) {
                return store.record(record);
            }

            @Override
            public List<UUID> recordAll(List<? extends FactRecord> records) {
                return store.recordAll(records);
            }

            @Override
            public long importAll(List<? extends FactRecord> records) {
                return store.importAll(records);
            }

            @Override
            public QueryResult sql(String sql, Object... params) {
                return store.sql(sql, params);
            }

            @Override
            public Clock clock() {
                return store.clock();
            }

            @Override
            public boolean isInstalled(String moduleId) {
                return store.modules().contains(moduleId);
            }

            @Override
            public Optional<Path> path() {
                return store.path();
            }

            @Override
            public <F> F facade(Class<F> facadeType) {
                return store.module(facadeType);
            }
        };
    }
}
