package io.agentstore.cli;

import io.agentstore.SchemaBehindException;
import io.agentstore.SchemaMigrationException;
import io.agentstore.StatementNotAllowedException;
import io.agentstore.StoreLockedException;
import io.agentstore.spi.AgentStoreException;
import io.agentstore.spi.InvalidRecordException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code agent-store} command. Exit codes: 0 success, 1 failure, 2 bad usage, 65 bad input data (a
 * refused statement, a wrong number of query values), 66 a read command's database does not exist, 75 the
 * database is locked by another process (try again later), 78 the database schema is behind (run
 * {@code agent-store init}) or cannot be opened by this version.
 */
@Command(
        name = "agent-store",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Keeps what your coding agents do in a DuckDB file and answers questions about it.",
        subcommands = {
            InitCommand.class,
            IngestCommand.class,
            HookCommand.class,
            QueryCommand.class,
            ReportCommand.class,
            ExportCommand.class,
            DoctorCommand.class,
            MigrateStorageCommand.class,
            DemoCommand.class,
            MemoryCommand.class,
            JobsCommand.class,
            ImportCommand.class,
            VerifyCommand.class,
            AuditCommands.Redact.class,
            McpCommand.class,
            ServeCommand.class,
            AgentsCommands.Work.class,
            AgentsCommands.Todos.class,
            AgentsCommands.Flags.class,
            RagCommands.Index.class,
            RagCommands.Search.class,
            CdcCommand.class,
            EraseCommand.class,
            RetentionCommand.class,
            MergeCommand.class,
            CommandLine.HelpCommand.class
        },
        footerHeading = "%nDatabase:%n",
        footer = {
            "  ~/.agent-store/agent-store.duckdb unless --db or AGENT_STORE_DB says otherwise.",
            "%nExit codes:%n  0 ok, 1 failure, 2 bad usage, 65 bad input (also a refused statement or a wrong number"
                    + " of values in query), 66 no database at --db (read commands create none), 75 database locked"
                    + " (retry later), 78 database schema behind (run agent-store init) or written by a newer version."
        })
public final class Main {
    /** Exit code for bad input data. */
    public static final int EXIT_DATA = 65;
    /** Exit code for a read command pointed at a database that does not exist. */
    public static final int EXIT_NO_DATABASE = 66;
    /** Exit code for a database held by another process. */
    public static final int EXIT_LOCKED = 75;
    /** Exit code for a schema this version cannot open. */
    public static final int EXIT_SCHEMA = 78;

    private Main() {}

    /** Runs the command and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command and returns its exit code (for tests and embedding). */
    public static int run(String... args) {
        return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true))
                .execute(args);
    }

    /** The configured command line writing to {@code out} and {@code err}. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((e, line, parse) -> {
            PrintWriter w = line.getErr();
            w.println("agent-store: " + message(e));
            if (System.getenv("AGENT_STORE_DEBUG") != null) {
                e.printStackTrace(w);
            }
            w.flush();
            if (e instanceof StoreLockedException) {
                return EXIT_LOCKED;
            }
            if (e instanceof MissingDatabaseException) {
                return EXIT_NO_DATABASE;
            }
            if (e instanceof StatementNotAllowedException) {
                return EXIT_DATA;
            }
            if (e instanceof SchemaMigrationException || e instanceof SchemaBehindException) {
                return EXIT_SCHEMA;
            }
            if (e instanceof InvalidRecordException || e instanceof IllegalArgumentException) {
                return EXIT_DATA;
            }
            return 1;
        });
        return cl;
    }

    private static String message(Throwable e) {
        if (e instanceof AgentStoreException
                || e instanceof IllegalArgumentException
                || e instanceof IllegalStateException
                || e instanceof java.io.UncheckedIOException
                || e instanceof MissingDatabaseException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage() + " (set AGENT_STORE_DEBUG=1 for the stack trace)";
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"agent-store " + (v == null ? "0.1.0-SNAPSHOT" : v)};
        }
    }
}
