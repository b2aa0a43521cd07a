package io.agentstore.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.lifecycle.internal.Db;
import io.agentstore.testing.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kill -9 of an erase at each of its steps, then the erase run again (as a user would): no byte of the marker or of
 * the session id is left under the store's folder, and the other session's rows are all there.
 */
class EraseCrashIT {
    static final String ERASED = "3680252d-d4e3-4416-bddd-8f5b5b4fdb7f";
    static final String MARKER = "MRK" + UUID.randomUUID().toString().replace("-", "");

    @TempDir
    static Path shared;

    static Path template;
    static long sessionKey;

    @TempDir
    Path tmp;

    @BeforeAll
    static void prepare() throws Exception {
        Path projects = TestStores.copyTranscripts(
                shared.resolve("projects"),
                List.of(
                        "-Users-dain-workspace-danieldemmel-me-next/3680252d-d4e3-4416-bddd-8f5b5b4fdb7f.jsonl",
                        "-Users-dain-workspace-danieldemmel-me-next/b25638d7-b104-4f06-a797-70ac33d069ed.jsonl"));
        template = shared.resolve("template.duckdb");
        try (AgentStore s = TestStores.open(template)) {
            TestStores.importInto(s, projects);
        }
        sessionKey =
                TestStores.count(template, "SELECT session_key FROM dim_session WHERE session_id = '" + ERASED + "'");
        Connection c = Db.open(template);
        try {
            new Planter(MARKER)
                    .plant(
                            c,
                            sessionKey,
                            projects.resolve("-Users-dain-workspace-danieldemmel-me-next/" + ERASED + ".jsonl")
                                    .toString());
        } finally {
            Db.close(c);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "scope-resolved",
                "facts-found",
                "rows-deleted",
                "spool-erased",
                "beside-files-erased",
                "committed",
                "checkpointed",
                "rewriting",
                "rewritten"
            })
    void aKillAtAnyStepThenAnotherEraseLeavesNoByte(String step) throws Exception {
        Path storeDir = Files.createDirectories(tmp.resolve("store"));
        Path db = Files.copy(template, storeDir.resolve("agent.duckdb"));
        Path spool = Files.createDirectories(storeDir.resolve("agent.duckdb.hook-spool"));
        Files.writeString(
                spool.resolve("hooks-2026-01-15.jsonl"),
                "{\"payload\":{\"session_id\":\"" + ERASED + "\",\"prompt\":\"" + MARKER + "\"}}\n"
                        + "{\"payload\":{\"session_id\":\"other\",\"prompt\":\"kept\"}}\n");
        Map<String, Long> others = EraseMarkerTest.others(db, sessionKey, MARKER, ERASED);

        try (ChildJvm child = ChildJvm.start(tmp, LifecycleChild.class, "erase", db.toString(), step, ERASED)) {
            assertThat(child.awaitLine(l -> l.startsWith("AT ") || l.equals("DONE"), Duration.ofSeconds(60)))
                    .as(child.stderr())
                    .isEqualTo("AT " + step);
            child.kill();
        }
        StoreEraser.builder(db).build().erase(EraseScope.session(ERASED));

        assertThat(EraseMarkerTest.hitsUnder(storeDir, MARKER)).isZero();
        assertThat(EraseMarkerTest.hitsUnder(storeDir, ERASED)).isZero();
        assertThat(EraseMarkerTest.others(db, sessionKey, MARKER, ERASED)).isEqualTo(others);
        assertThat(Files.readString(spool.resolve("hooks-2026-01-15.jsonl"))).contains("kept");
        assertThat(TestStores.count(db, "SELECT count(*) FROM agent_store_erase_log WHERE status <> 'complete'"))
                .isZero();
        try (Stream<Path> files = Files.list(storeDir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.contains("erase-tmp") || n.contains("erase-old"));
        }
    }
}
