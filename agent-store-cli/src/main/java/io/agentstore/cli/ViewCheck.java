package io.agentstore.cli;

import io.agentstore.AgentStore;
import io.agentstore.spi.ModuleConfig;
import io.agentstore.spi.Row;
import io.agentstore.spi.SchemaModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Compares a store's views with the ones its modules' scripts create: the scripts are applied to a temporary
 * store with the same modules, and every view there must exist in the file with the same definition. A view
 * dropped or replaced by hand ({@code query --write}) is found; {@code agent-store init} repairs it.
 */
final class ViewCheck {
    private ViewCheck() {}

    /** One line per missing or changed view; empty when the views are the modules' own. */
    static List<String> problems(AgentStore store) {
        List<SchemaModule> modules = Modules.create(store.modules(), ModuleConfig.none());
        Map<String, String> expected;
        // DuckDB prints a view read back from a file differently from one just created: the reference goes
        // through a file too, written and opened again
        Path folder = null;
        try {
            folder = Files.createTempDirectory("agent-store-views");
            Path file = folder.resolve("reference.duckdb");
            AgentStore.builder()
                    .path(file)
                    .install(modules.toArray(new SchemaModule[0]))
                    .build()
                    .close();
            try (AgentStore reference = AgentStore.builder()
                    .path(file)
                    .readOnly()
                    .install(modules.toArray(new SchemaModule[0]))
                    .build()) {
                expected = views(reference);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a reference database for the view check", e);
        } finally {
            deleteQuietly(folder);
        }
        Map<String, String> actual = views(store);
        List<String> problems = new ArrayList<>();
        expected.forEach((name, sql) -> {
            String found = actual.get(name);
            if (found == null) {
                problems.add("view " + name + " is missing");
            } else if (!found.equals(sql)) {
                problems.add("view " + name + " differs from its module's definition");
            }
        });
        return problems;
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }

    private static Map<String, String> views(AgentStore store) {
        Map<String, String> views = new TreeMap<>();
        for (Row r : store.sql("SELECT view_name, sql FROM duckdb_views() WHERE NOT internal"
                        + " AND database_name = current_database() AND schema_name = 'main'")
                .rows()) {
            views.put(r.string("view_name"), r.string("sql"));
        }
        return views;
    }
}
