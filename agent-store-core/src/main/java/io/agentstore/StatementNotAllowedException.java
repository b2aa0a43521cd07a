package io.agentstore;

import io.agentstore.spi.AgentStoreException;

/**
 * {@link AgentStore#readQuery} was given a statement that is not a read: DuckDB's parser did not classify it
 * as a {@code SELECT} (or as an {@code EXPLAIN} of one, or a {@code PRAGMA} that only reads). The message
 * names the statement type.
 */
public final class StatementNotAllowedException extends AgentStoreException {
    private static final long serialVersionUID = 1L;
    private final String statementType;

    /** A refused statement of type {@code statementType}, for example {@code "INSERT"}. */
    public StatementNotAllowedException(String statementType, String message) {
        super(message);
        this.statementType = statementType;
    }

    /** The statement type, for example {@code "INSERT"}, {@code "COPY"} or {@code "MULTIPLE"}. */
    public String statementType() {
        return statementType;
    }
}
