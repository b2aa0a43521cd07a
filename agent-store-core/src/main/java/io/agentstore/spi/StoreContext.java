package io.agentstore.spi;

import io.agentstore.QueryResult;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What a schema module's facade, tools and mappings may use of an open store: recording, importing,
 * queries, the clock, which other modules are installed, and their typed facades. A module never receives
 * the {@code AgentStore} itself.
 */
public interface StoreContext {

    /** Records one fact of any installed module; see {@code AgentStore#record}. */
    UUID record(FactRecord record);

    /** Records several facts in one transaction; see {@code AgentStore#recordAll}. */
    List<UUID> recordAll(List<? extends FactRecord> records);

    /** Records the facts whose event id is not stored yet; see {@code AgentStore#importAll}. */
    long importAll(List<? extends FactRecord> records);

    /** A query with bound parameters; it sees every fact recorded before the call. */
    QueryResult sql(String sql, Object... params);

    /** The store's clock. */
    Clock clock();

    /** Whether the module with this id is installed in the store. */
    boolean isInstalled(String moduleId);

    /** The database file, or empty for an in-memory store. */
    Optional<Path> path();

    /**
     * The typed facade of an installed module (its own or another's).
     *
     * @throws IllegalArgumentException when no installed module provides it
     */
    <F> F facade(Class<F> facadeType);
}
