package io.agentstore;

import io.agentstore.spi.AgentStoreException;

/**
 * A schema migration failed or an applied script no longer matches the library: the message names the
 * module, the version and the file. The failing script left nothing behind (each runs in its own
 * transaction), so fixing the cause and opening the store again is safe.
 */
public final class SchemaMigrationException extends AgentStoreException {
    private static final long serialVersionUID = 1L;
    private final String moduleId;
    private final String script;

    /** A failure of {@code script} of module {@code moduleId}. */
    public SchemaMigrationException(String moduleId, String script, String message, Throwable cause) {
        super(message, cause);
        this.moduleId = moduleId;
        this.script = script;
    }

    /** The id of the module whose migration failed, for example {@code "core"}. */
    public String moduleId() {
        return moduleId;
    }

    /** The file name of the script, for example {@code "V1__core_schema.sql"}. */
    public String script() {
        return script;
    }
}
