package io.agentstore.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstore.AgentStore;
import io.agentstore.SchemaBehindException;
import io.agentstore.StoreAccessException;
import io.agentstore.StoreLockedException;
import io.agentstore.core.ToolCall;
import io.agentstore.spi.AgentStoreException;
import io.agentstore.testing.ChildJvm;
import io.agentstore.testing.TestModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code readOnly()} and {@code sandboxed()} on real files, with a second process where locks matter. */
class ReadOnlyStoreIT {
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);
    static final TestModule ALPHA = TestModule.of(
            "alpha",
            "alpha",
            Set.of("core"),
            List.of("V1__alpha_schema.sql", "V2__alpha_colour.sql"),
            List.of("R__alpha_views.sql"));
    static final TestModule ONE_STEP =
            TestModule.of("edited", "edited-v1", Set.of("core"), List.of("V1__edited.sql"), List.of());
    static final TestModule TWO_STEP =
            TestModule.of("edited", "twostep", Set.of("core"), List.of("V1__edited.sql", "V2__later.sql"), List.of());

    @TempDir
    Path dir;

    private Path storeWithOneCall(String name) {
        Path file = dir.resolve(name);
        try (AgentStore s = AgentStore.builder().path(file).build()) {
            s.core()
                    .recordToolCall(
                            ToolCall.builder().tool("Read").targetPath("a.txt").build());
        }
        return file;
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void aMissingFileIsAnErrorNamingThePathAndNothingIsCreated() {
        Path file = dir.resolve("not-there").resolve("agent.duckdb");
        assertThatThrownBy(() -> AgentStore.builder().path(file).readOnly().build())
                .isInstanceOf(AgentStoreException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("creates nothing")
                .hasMessageContaining("agent-store init");
        assertThat(dir.resolve("not-there")).doesNotExist();
    }

    @Test
    void readsWithoutChangingABitOfTheFileAndRefusesToRecord() throws Exception {
        Path file = storeWithOneCall("ro.duckdb");
        String before = sha256(file);
        try (AgentStore s = AgentStore.builder().path(file).readOnly().build()) {
            assertThat(s.isReadOnly()).isTrue();
            assertThat(s.sql("SELECT count(*) AS n FROM v_tool_calls")
                            .single()
                            .orElseThrow()
                            .int64("n"))
                    .isEqualTo(1);
            assertThatThrownBy(() -> s.core()
                            .recordToolCall(ToolCall.builder().tool("Edit").build()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("read-only");
            assertThatThrownBy(() ->
                            s.recordAll(List.of(ToolCall.builder().tool("Edit").build())))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("read-only");
            assertThatThrownBy(() -> s.sql("INSERT INTO dim_tool (tool_key, tool_name) VALUES (99, 'x')")
                            .rows())
                    .isInstanceOf(StoreAccessException.class)
                    .hasMessageContaining("read-only");
        }
        assertThat(sha256(file)).as("the file is byte for byte unchanged").isEqualTo(before);
        assertThat(dir.resolve("ro.duckdb.wal")).doesNotExist();
    }

    @Test
    void aModuleNotInstalledInTheFileIsNamedWithTheCommandThatInstallsIt() throws Exception {
        Path file = storeWithOneCall("behind.duckdb");
        String before = sha256(file);
        assertThatThrownBy(() -> AgentStore.builder()
                        .path(file)
                        .install(ALPHA)
                        .readOnly()
                        .build())
                .isInstanceOfSatisfying(SchemaBehindException.class, e -> {
                    assertThat(e.pending()).containsExactly("module 'alpha' is not installed in this file");
                    assertThat(e.getMessage())
                            .contains("module 'alpha' is not installed")
                            .contains("agent-store init --db " + e.path() + " --install alpha");
                });
        assertThat(sha256(file)).isEqualTo(before);
        try (AgentStore s = AgentStore.builder().path(file).build()) {
            assertThat(s.sql("SELECT count(*) AS n FROM agent_store_schema_history WHERE module_id = 'alpha'")
                            .single()
                            .orElseThrow()
                            .int64("n"))
                    .as("nothing was installed")
                    .isZero();
        }
    }

    @Test
    void aPendingMigrationIsNamedWithTheCommandThatAppliesIt() {
        Path file = dir.resolve("pending.duckdb");
        AgentStore.builder().path(file).install(ONE_STEP).build().close();
        assertThatThrownBy(() -> AgentStore.builder()
                        .path(file)
                        .install(TWO_STEP)
                        .readOnly()
                        .build())
                .isInstanceOfSatisfying(SchemaBehindException.class, e -> {
                    assertThat(e.pending()).containsExactly("module 'edited' migration V2__later.sql is not applied");
                    assertThat(e.getMessage())
                            .contains("V2__later.sql")
                            .contains("agent-store init --db ")
                            .doesNotContain("--install");
                });
        try (AgentStore s =
                AgentStore.builder().path(file).install(ONE_STEP).readOnly().build()) {
            assertThat(s.modules()).containsExactly("core", "edited");
        }
    }

    @Test
    void severalReadersInSeveralProcessesAndNoWriterWhileTheyRead() throws Exception {
        Path file = storeWithOneCall("shared.duckdb");
        try (ChildJvm reader = ChildJvm.start(dir, RecorderMain.class, "holdread", file.toString())) {
            assertThat(reader.awaitLine(l -> l.startsWith("READY"), CHILD_TIMEOUT))
                    .isEqualTo("READY " + reader.pid() + " 1");
            try (AgentStore mine = AgentStore.builder()
                    .path(file)
                    .readOnly()
                    .lockWait(Duration.ZERO)
                    .build()) {
                assertThat(mine.sql("SELECT count(*) AS n FROM fact_tool_call")
                                .single()
                                .orElseThrow()
                                .int64("n"))
                        .isEqualTo(1);
            }
            assertThatThrownBy(() -> AgentStore.builder()
                            .path(file)
                            .lockWait(Duration.ofMillis(200))
                            .build())
                    .as("a writer waits for the readers")
                    .isInstanceOf(StoreLockedException.class);
            reader.closeStdin();
            assertThat(reader.awaitLine("CLOSED"::equals, CHILD_TIMEOUT)).isEqualTo("CLOSED");
            assertThat(reader.waitFor(CHILD_TIMEOUT)).isZero();
        }
    }

    @Test
    void aReaderWaitsForAWriterInAnotherProcess() throws Exception {
        Path file = storeWithOneCall("written.duckdb");
        try (ChildJvm writer = ChildJvm.start(dir, RecorderMain.class, "hold", file.toString())) {
            writer.awaitLine(l -> l.startsWith("READY"), CHILD_TIMEOUT);
            assertThatThrownBy(() -> AgentStore.builder()
                            .path(file)
                            .readOnly()
                            .lockWait(Duration.ofMillis(200))
                            .build())
                    .isInstanceOfSatisfying(
                            StoreLockedException.class,
                            e -> assertThat(e.holderPid()).hasValue(writer.pid()));
            writer.closeStdin();
            assertThat(writer.waitFor(CHILD_TIMEOUT)).isZero();
        }
        try (AgentStore s = AgentStore.builder()
                .path(file)
                .readOnly()
                .lockWait(Duration.ZERO)
                .build()) {
            assertThat(s.sql("SELECT count(*) AS n FROM fact_tool_call")
                            .single()
                            .orElseThrow()
                            .int64("n"))
                    .isEqualTo(1);
        }
    }

    @Test
    void aSandboxedStoreReachesNoFileAndNoSettingOutsideItself() throws Exception {
        Path file = storeWithOneCall("sandbox.duckdb");
        Path secret = Files.writeString(dir.resolve("id_rsa"), "-----BEGIN PRIVATE KEY-----");
        Path copy = dir.resolve("copy.csv");
        Path other = dir.resolve("other.duckdb");
        try (AgentStore s =
                AgentStore.builder().path(file).readOnly().sandboxed().build()) {
            assertThat(s.sql("SELECT count(*) AS n FROM v_tool_calls")
                            .single()
                            .orElseThrow()
                            .int64("n"))
                    .isEqualTo(1);
            for (String sql : List.of(
                    "SELECT * FROM read_text('" + secret + "')",
                    "SELECT * FROM read_csv('" + secret + "')",
                    "COPY (SELECT 1) TO '" + copy + "'",
                    "ATTACH '" + other + "' AS other",
                    "INSTALL httpfs")) {
                assertThatThrownBy(() -> s.sql(sql).rows())
                        .as(sql)
                        .isInstanceOf(StoreAccessException.class)
                        .hasMessageContaining("disabled by configuration");
            }
            for (String sql : List.of(
                    "SET enable_external_access = true",
                    "SET lock_configuration = false",
                    "SET threads = 1",
                    "RESET enable_external_access")) {
                assertThatThrownBy(() -> s.sql(sql).rows())
                        .as(sql)
                        .isInstanceOf(StoreAccessException.class)
                        .hasMessageContaining("configuration has been locked");
            }
        }
        assertThat(copy).doesNotExist();
        assertThat(other).doesNotExist();
        // a sandboxed store that writes still records
        try (AgentStore s = AgentStore.builder().path(file).sandboxed().build()) {
            s.core().recordToolCall(ToolCall.builder().tool("Edit").build());
            assertThat(s.sql("SELECT count(*) AS n FROM fact_tool_call")
                            .single()
                            .orElseThrow()
                            .int64("n"))
                    .isEqualTo(2);
            assertThatThrownBy(() ->
                            s.sql("SELECT * FROM read_text('" + secret + "')").rows())
                    .isInstanceOf(StoreAccessException.class);
        }
    }
}
