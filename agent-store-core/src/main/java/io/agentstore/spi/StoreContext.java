package io.agentstore.spi;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * What a schema module's facade, tools and mappings may use of an open store: recording, importing,
 * queries, the clock, which other modules are installed, their typed facades, and the module's own
 * reference queries. A module never receives the {@code AgentStore} itself. Each module gets its own
 * context; it is valid as long as the store is open.
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

    /**
     * Whether the store was opened read-only: record calls then throw, and {@link SchemaModule#onOpen} must
     * not write (a read-only store shows what its last writing open stored).
     */
    boolean isReadOnly();

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

    /**
     * The text of one of this module's reference queries, {@code sql/queries/<module id>/<name>} (packaged as
     * {@code agent-store/queries/<module id>/<name>}), with line endings normalised; loaded once per context.
     *
     * @throws IllegalArgumentException when {@code name} is empty or leaves the module's folder
     * @throws AgentStoreException      when the resource is not on the module's classpath
     */
    String sqlResource(String name);

    /**
     * {@code text} after the store's redaction (see {@link Redaction}): secrets become typed placeholders.
     * Every module passes the free text it stores (prompts, responses, documents, todo items) through it or
     * through {@link FactRow#freeText}; the {@code attributes} of every fact are redacted by the store.
     */
    default String redact(String text) {
        return redaction().redact(text);
    }

    /**
     * The store's redaction: the default secret rules, with keyed placeholders under the key beside the
     * database ({@link Redaction#forDatabase}) for a store with a file, plain ones in memory. A module that
     * has rules of its own adds them with {@link Redaction#and}, which keeps the key, so that the whole store
     * has one placeholder format and equal secrets get equal placeholders in every module.
     */
    default Redaction redaction() {
        return Redaction.defaults();
    }

    /**
     * Runs {@code decision} as one transaction of the store's writer and returns its answer: the decision reads
     * the store and records facts through the {@link Transaction} it gets, and nothing else is written between
     * its reads and the commit of its facts. Decisions of all threads run one after another, each after every
     * fact recorded before it was called. This is how a module decides something that must hold under
     * concurrency (a claim that exactly one of several racing agents wins) without a lock of its own. The
     * answer is returned once the facts are committed, whatever the store's durability. Keep decisions short:
     * every write of the store waits for them.
     *
     * @throws IllegalStateException   when the store was opened read-only, or when called from inside a decision
     * @throws RuntimeException        what {@code decision} threw (its facts are then not recorded)
     */
    default <T> T inTransaction(Function<Transaction, T> decision) {
        throw new UnsupportedOperationException(
                "this StoreContext (" + getClass().getName() + ") cannot run decisions in a transaction");
    }

    /**
     * Runs the statements registered with {@link ModuleBinder#afterWrite} for {@code factTable} now, in a writer
     * transaction of their own that writes no facts (their parameter is a fresh {@code recorded_at} no fact
     * has): how a module repairs a table it derives from facts, for example at open after the file was changed
     * outside the store. Waits for the commit.
     *
     * @throws IllegalStateException when the store was opened read-only
     */
    default void runAfterWrite(String factTable) {
        throw new UnsupportedOperationException(
                "this StoreContext (" + getClass().getName() + ") cannot run after-write statements");
    }

    /**
     * Answers a call of a tool of any installed module (see {@link ToolSpec}): how one module uses another's
     * behaviour without a compile dependency on it, after checking {@link #isInstalled} for it.
     *
     * @throws IllegalArgumentException when no installed module offers a tool of this name
     * @throws ToolArgumentException    when an argument is missing or bad
     */
    ToolResult callTool(String name, java.util.Map<String, ?> arguments);
}
