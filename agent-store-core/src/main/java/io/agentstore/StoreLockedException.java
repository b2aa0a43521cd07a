package io.agentstore;

import io.agentstore.spi.AgentStoreException;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Another process (or another {@link AgentStore} in this JVM) holds the database file, and it was not
 * released within the builder's {@code lockWait}. DuckDB allows one writing process per file: close the
 * other holder, or open this store later.
 */
public final class StoreLockedException extends AgentStoreException {
    private static final long serialVersionUID = 1L;
    private final transient Path path;
    private final long holderPid;

    /** The file at {@code path} is held by process {@code holderPid} ({@code -1} when unknown). */
    public StoreLockedException(Path path, long holderPid, String message, Throwable cause) {
        super(message, cause);
        this.path = path;
        this.holderPid = holderPid;
    }

    /** The database file that could not be opened. */
    public Path path() {
        return path;
    }

    /** The process id of the holder, when DuckDB reported it. */
    public OptionalLong holderPid() {
        return holderPid < 0 ? OptionalLong.empty() : OptionalLong.of(holderPid);
    }
}
