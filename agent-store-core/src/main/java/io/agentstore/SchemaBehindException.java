package io.agentstore;

import io.agentstore.spi.AgentStoreException;
import java.nio.file.Path;
import java.util.List;

/**
 * A store opened {@link AgentStore.Builder#readOnly() read-only} is behind the library: a module asked for is
 * not installed in the file's schema history, or one of its migrations (or views) is not applied yet. A
 * read-only open never migrates; the message names what is missing and the command that fixes it
 * ({@code agent-store init}, or {@code agent-store init --install ID} for a module).
 */
public final class SchemaBehindException extends AgentStoreException {
    private static final long serialVersionUID = 1L;
    private final transient Path path;
    private final List<String> pending;

    /** The file at {@code path} lacks {@code pending} (one line each). */
    public SchemaBehindException(Path path, List<String> pending, String message) {
        super(message);
        this.path = path;
        this.pending = List.copyOf(pending);
    }

    /** The database file. */
    public Path path() {
        return path;
    }

    /** What is missing, one line per module, migration or repeatable script. */
    public List<String> pending() {
        return pending;
    }
}
