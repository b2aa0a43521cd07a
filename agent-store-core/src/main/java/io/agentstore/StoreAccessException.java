package io.agentstore;

import java.sql.SQLException;

/** DuckDB refused an operation; the {@link SQLException} from the driver is the cause. */
public final class StoreAccessException extends AgentStoreException {
    private static final long serialVersionUID = 1L;

    /** {@code what} failed because of {@code cause}. */
    public StoreAccessException(String what, SQLException cause) {
        super(what + ": " + cause.getMessage(), cause);
    }
}
