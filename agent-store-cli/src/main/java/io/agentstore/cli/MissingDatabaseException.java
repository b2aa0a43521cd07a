package io.agentstore.cli;

import java.nio.file.Path;

/** A command that reads was pointed at a database file that does not exist; it creates nothing. */
final class MissingDatabaseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MissingDatabaseException(Path file) {
        super("no database at " + file + " (this command only reads and creates nothing); create one with"
                + " 'agent-store init --db " + file + "' or fill it with 'agent-store ingest claude-code --db " + file
                + "', or name another with --db or AGENT_STORE_DB");
    }
}
