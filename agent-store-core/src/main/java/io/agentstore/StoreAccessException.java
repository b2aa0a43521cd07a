package io.agentstore;

import io.agentstore.internal.StorageErrors;
import io.agentstore.spi.AgentStoreException;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * DuckDB refused an operation; the {@link SQLException} from the driver is the cause. When the cause is a
 * storage failure (a damaged file, a full disk, a database DuckDB stopped using) the message ends with what
 * to do about it.
 */
public final class StoreAccessException extends AgentStoreException {
    private static final long serialVersionUID = 1L;

    /** {@code what} failed because of {@code cause}. */
    public StoreAccessException(String what, SQLException cause) {
        this(what, cause, null);
    }

    /** {@code what} failed on the database {@code file} (null in memory) because of {@code cause}. */
    StoreAccessException(String what, SQLException cause, Path file) {
        super(what + ": " + cause.getMessage() + StorageErrors.advice(cause, file), cause);
    }
}
