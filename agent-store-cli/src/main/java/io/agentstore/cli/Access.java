package io.agentstore.cli;

import io.agentstore.AgentStore;
import io.agentstore.mcp.StoreAccess;
import io.agentstore.spi.SchemaModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@link StoreAccess} of the database the command-line options name: through its owner when one runs, else
 * opened per call with exactly the modules recorded in the file (every module on the classpath for a file that
 * does not exist yet).
 */
final class Access {
    private Access() {}

    /** Reaches the database through its owner when one runs, else per call, waiting at most {@code lockWait}. */
    static StoreAccess of(StoreOptions options, Duration lockWait) {
        Path file = options.database();
        java.util.concurrent.atomic.AtomicReference<List<SchemaModule>> known =
                new java.util.concurrent.atomic.AtomicReference<>();
        return StoreAccess.forDatabase(
                file,
                () -> {
                    List<SchemaModule> modules = known.get();
                    if (modules == null) {
                        modules = modules(options, file, lockWait);
                        if (Files.exists(file)) {
                            known.set(modules);
                        }
                    }
                    return AgentStore.builder().install(modules.toArray(new SchemaModule[0]));
                },
                lockWait);
    }

    private static List<SchemaModule> modules(StoreOptions options, Path file, Duration lockWait) {
        Set<String> discovered = Modules.discovered().keySet();
        List<String> ids = new ArrayList<>();
        if (Files.exists(file)) {
            for (String id : AgentStore.installedModules(file, lockWait)) {
                if (!id.equals("core") && discovered.contains(id)) {
                    ids.add(id);
                }
            }
        } else {
            ids.addAll(discovered);
        }
        return Modules.create(ids, options.moduleConfig());
    }
}
