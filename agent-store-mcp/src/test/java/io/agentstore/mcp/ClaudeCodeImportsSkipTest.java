package io.agentstore.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.lifecycle.EraseScope;
import io.agentstore.lifecycle.StoreEraser;
import io.agentstore.testing.SharedFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An import the owner process runs (what {@code ingest} forwards to {@code serve}) skips erased sessions. */
class ClaudeCodeImportsSkipTest {
    private static final String SESSION = "b25638d7-b104-4f06-a797-70ac33d069ed";

    @TempDir
    Path dir;

    @Test
    void theOwnersImportSkipsAnErasedSessionUntilForget() throws Exception {
        Path projects = dir.resolve("projects/-Users-dain-workspace-danieldemmel-me-next");
        Files.createDirectories(projects);
        Path fixtures = SharedFixtures.directory(
                "fixtures/claude-code/claude-code-log/test/test_data/real_projects/-Users-dain-workspace-danieldemmel-me-next");
        Files.copy(fixtures.resolve(SESSION + ".jsonl"), projects.resolve(SESSION + ".jsonl"));
        Path db = dir.resolve("a.duckdb");
        var args = ClaudeCodeImports.arguments(List.of(dir.resolve("projects")), null, Duration.ZERO, false);

        assertThat(importAndCount(db, args)).isPositive();
        StoreEraser.builder(db).build().erase(EraseScope.session(SESSION));
        assertThat(importAndCount(db, args))
                .as("api calls after the erase and a second import")
                .isZero();

        StoreEraser.builder(db).build().forget();
        assertThat(importAndCount(db, args))
                .as("after erase --forget the transcript comes in again")
                .isPositive();
    }

    private static long importAndCount(Path db, java.util.Map<String, Object> args) {
        try (AgentStore store = AgentStore.builder().path(db).build()) {
            ClaudeCodeImports.run(store, db, args);
            return store.sql("SELECT count(*) AS n FROM fact_api_call")
                    .single()
                    .orElseThrow()
                    .int64("n");
        }
    }
}
