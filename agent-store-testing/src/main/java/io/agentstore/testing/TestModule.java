package io.agentstore.testing;

import io.agentstore.spi.Migration;
import io.agentstore.spi.SchemaModule;
import java.util.List;
import java.util.Set;

/** A schema module for tests whose scripts live under {@code src/test/resources/agent-store/<folder>/}. */
public record TestModule(
        String id, String folder, Set<String> requires, List<String> migrationFiles, List<String> repeatables)
        implements SchemaModule {

    /** A module with the given scripts. */
    public static TestModule of(
            String id, String folder, Set<String> requires, List<String> migrationFiles, List<String> repeatables) {
        return new TestModule(id, folder, requires, migrationFiles, repeatables);
    }

    @Override
    public List<Migration> migrations() {
        return migrationFiles.stream().map(Migration::of).toList();
    }

    @Override
    public String resourceRoot() {
        return "agent-store/" + folder + "/";
    }
}
