package io.agentstore.cli;

import io.agentstore.AgentStore;
import io.agentstore.lifecycle.EraseReport;
import io.agentstore.lifecycle.EraseScope;
import io.agentstore.lifecycle.StoreEraser;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code agent-store erase --user U | --session S | --project P | --forget}: removes every fact and dimension row
 * that carries the scope in every installed module, and from the files beside the database, then rewrites the file
 * so that the bytes are gone (agent-store-lifecycle's {@link StoreEraser}).
 */
@Command(
        name = "erase",
        mixinStandardHelpOptions = true,
        description = {
            "Erase a user, a session or a project from every installed module and from the files beside the database"
                    + " (hook spool, hook log, ingest-error excerpts, retention archives; an export folder with"
                    + " --exports), then rewrite the database file so that no byte of it is left.",
            "The erase is logged (kind, keyed hash, counts, who, when; never the value). The next ingest skips the"
                    + " transcripts of erased sessions; --forget empties that skip list.",
            "Run it while no other process uses the database."
        })
final class EraseCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Scope scope;

    @Option(
            names = "--exports",
            paramLabel = "DIR",
            description = "An export folder whose Parquet files are erased too.")
    Path exports;

    @Spec
    CommandSpec spec;

    static final class Scope {
        @Option(
                names = "--user",
                paramLabel = "USER",
                description = "A user id, account id or e-mail (audit module's dim_user).")
        String user;

        @Option(names = "--session", paramLabel = "SESSION", description = "A session id.")
        String session;

        @Option(names = "--project", paramLabel = "PROJECT", description = "A project (dim_session.project).")
        String project;

        @Option(
                names = "--forget",
                description = "Empty the skip list: erased sessions' transcripts are imported again.")
        boolean forget;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path file = store.database();
        // a writing open applies pending migrations (the lifecycle tables are core's V3) and is closed at once
        try (AgentStore s = store.openExistingForWriting()) {
            s.path();
        }
        StoreEraser.Builder b = StoreEraser.builder(file);
        if (exports != null) {
            b.exports(exports);
        }
        StoreEraser eraser = b.build();
        if (scope.forget) {
            long n = eraser.forget();
            out.println("agent-store: skip list emptied (" + n + " keyed hash(es)); the next ingest imports the"
                    + " transcripts of erased sessions that still exist");
            return 0;
        }
        EraseScope what = scope.user != null
                ? EraseScope.user(scope.user)
                : scope.session != null ? EraseScope.session(scope.session) : EraseScope.project(scope.project);
        EraseReport report = eraser.erase(what);
        if (report.rowsErased() == 0) {
            out.println("agent-store: nothing carries that " + what.kind().label() + "; logged, file rewritten");
        }
        out.println("agent-store: " + report.describe());
        return 0;
    }
}
