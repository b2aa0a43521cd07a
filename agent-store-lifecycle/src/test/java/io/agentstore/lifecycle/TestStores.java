package io.agentstore.lifecycle;

import io.agentstore.AgentStore;
import io.agentstore.claudecode.ClaudeCodeImporter;
import io.agentstore.lifecycle.internal.Db;
import io.agentstore.spi.ModuleConfig;
import io.agentstore.spi.ModuleProvider;
import io.agentstore.spi.SchemaModule;
import io.agentstore.testing.SharedFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/** Stores for the lifecycle tests: every module on the classpath, real transcripts from the shared fixtures. */
final class TestStores {
    static final String PROJECTS = "fixtures/claude-code/claude-code-log/test/test_data/real_projects";

    private TestStores() {}

    /** Every schema module on the test classpath (agent-store-all). */
    static SchemaModule[] allModules() {
        List<SchemaModule> modules = new ArrayList<>();
        for (ModuleProvider p : ServiceLoader.load(ModuleProvider.class)) {
            modules.add(p.create(ModuleConfig.none()));
        }
        return modules.toArray(new SchemaModule[0]);
    }

    private static Path template;

    /**
     * Opens the store at {@code db} with every module. A new file starts as a copy of one migrated template (migrating
     * every module takes seconds) and is given its own store id, as a store created on its own would have.
     */
    static AgentStore open(Path db) {
        if (!Files.exists(db)) {
            try {
                Files.createDirectories(db.toAbsolutePath().getParent());
                Files.copy(template(), db);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Connection c = Db.open(db);
            try {
                Db.exec(c, "UPDATE agent_store_identity SET store_id = uuid()");
                Db.exec(
                        c,
                        "UPDATE dim_source_host SET store_id = (SELECT store_id FROM agent_store_identity)"
                                + " WHERE source_host_key = 1");
            } finally {
                Db.close(c);
            }
        }
        return AgentStore.builder().path(db).install(allModules()).build();
    }

    private static synchronized Path template() throws IOException {
        if (template == null) {
            Path dir = Files.createTempDirectory("lifecycle-template");
            Path t = dir.resolve("template.duckdb");
            AgentStore.builder().path(t).install(allModules()).build().close();
            t.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            template = t;
        }
        return template;
    }

    /** Copies the named transcripts (relative to the fixtures' real_projects folder) into {@code projects}. */
    static Path copyTranscripts(Path projects, List<String> relative) {
        Path root = SharedFixtures.directory(PROJECTS);
        try {
            for (String r : relative) {
                Path to = projects.resolve(r);
                Files.createDirectories(to.getParent());
                Files.copy(root.resolve(r), to);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return projects;
    }

    /** Every transcript of the fixtures, relative to real_projects, sorted. */
    static List<String> allTranscripts() {
        Path root = SharedFixtures.directory(PROJECTS);
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".jsonl"))
                    .map(p -> root.relativize(p).toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void importInto(AgentStore store, Path projects) {
        ClaudeCodeImporter.builder(store)
                .projectsDir(projects)
                .idleAfter(Duration.ZERO)
                .build()
                .run();
    }

    /** How many times the bytes of {@code marker} occur in the file. */
    static long hits(Path file, String marker) {
        try {
            byte[] b = Files.readAllBytes(file);
            byte[] n = marker.getBytes(StandardCharsets.UTF_8);
            long count = 0;
            outer:
            for (int i = 0; i + n.length <= b.length; i++) {
                for (int j = 0; j < n.length; j++) {
                    if (b[i + j] != n[j]) {
                        continue outer;
                    }
                }
                count++;
            }
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long count(Path db, String sql) {
        Connection c = Db.open(db);
        try {
            return Db.count(c, sql);
        } finally {
            Db.close(c);
        }
    }
}
