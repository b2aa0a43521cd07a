package io.agentstore.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstore.AgentStore;
import io.agentstore.SchemaMigrationException;
import io.agentstore.core.ToolCall;
import io.agentstore.testing.ChildJvm;
import io.agentstore.testing.TestModule;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged database files and an edited migration script: the user gets an {@link io.agentstore.spi.AgentStoreException}
 * that names the file and says what to do (move it away, restore it from a backup or a Parquet export), never a
 * bare driver message, never silently wrong data. The damaged files are opened by a child JVM
 * ({@code RecorderMain open}) that reads every row of every table and records one call: should DuckDB's native
 * code crash on a damaged file, the child dies, not the test JVM, and the test fails saying so.
 *
 * <p>DuckDB verifies a block's checksum when it reads the block. {@code build()} reads the catalog and the
 * {@code recorded_at} column of every fact table and checks that the file reaches the last block in use, so
 * a cut-short file and damage to the catalog fail there; damage to other data fails the first query that reads
 * it, with the same advice.
 */
class DamagedFileIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String ADVICE = "is damaged. Move it away and restore it from a backup";

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Path original;
    private static List<String> intact;

    @BeforeAll
    static void createStore() throws Exception {
        original = shared.resolve("original.duckdb");
        try (AgentStore store = AgentStore.builder().path(original).build()) {
            List<ToolCall> calls = new ArrayList<>();
            for (int i = 0; i < 150_000; i++) {
                calls.add(ToolCall.builder()
                        .tool("Tool" + (i % 23))
                        .sessionId("s-" + (i % 301))
                        .targetPath("src/F" + (i % 499) + ".java")
                        .durationMs((long) i)
                        .attribute("n", i)
                        .build());
            }
            store.recordAll(calls);
        }
        intact = open(shared, Files.copy(original, shared.resolve("intact.duckdb")));
        assertThat(intact)
                .as("the intact copy reads completely")
                .contains("DONE")
                .anyMatch(l -> l.startsWith("READ fact_tool_call 150000 "));
    }

    @Test
    void aFileCutToHalfIsRefusedAtOpenSayingWhatToDo() throws Exception {
        Path file = copy("half");
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
            c.truncate(Files.size(file) / 2);
        }
        List<String> out = open(file);
        assertThat(out).as("the child's output").hasSize(1);
        // DuckDB finds it when the catalog was in the lost half; build() when only data was
        assertThat(out.get(0))
                .startsWith("FAILED io.agentstore.spi.AgentStoreException cannot open " + file.toRealPath())
                .containsAnyOf("cut short", "Could not read enough bytes")
                .contains(ADVICE);
    }

    @Test
    void aFileThatLostOnlyDataBlocksIsRefusedAtOpenNotAtTheFirstQueryThatNeedsThem() throws Exception {
        Path file = copy("data-lost");
        long[] layout = layout(file);
        long catalog =
                blocks(file, "SELECT max(block_id) FROM pragma_metadata_info()").get(0);
        long lastData = blocks(
                        file,
                        "SELECT max(block_id) FROM (SELECT block_id FROM pragma_storage_info('fact_tool_call')"
                                + " UNION ALL SELECT block_id FROM pragma_storage_info('dim_file'))")
                .get(0);
        assertThat(lastData)
                .as("a data block lies after the catalog (the layout this test relies on)")
                .isGreaterThan(catalog);
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
            c.truncate(offset(layout, catalog + 1));
        }
        List<String> out = open(file);
        assertThat(out).hasSize(1);
        assertThat(out.get(0))
                .startsWith("FAILED io.agentstore.spi.AgentStoreException cannot open " + file.toRealPath())
                .contains("cut short")
                .contains(ADVICE);
    }

    @Test
    void aDamagedMainHeaderIsRefusedAtOpenSayingWhatToDo() throws Exception {
        Path file = copy("header");
        garble(file, 0, 64);
        List<String> out = open(file);
        assertThat(out).hasSize(1);
        assertThat(out.get(0))
                .startsWith("FAILED io.agentstore.spi.AgentStoreException cannot open " + file.toRealPath())
                .contains(ADVICE);
    }

    @Test
    void aDamagedCatalogBlockIsRefusedAtOpenSayingWhatToDo() throws Exception {
        Path file = copy("catalog");
        long[] layout = layout(file);
        long block = blocks(file, "SELECT block_id FROM pragma_metadata_info()").get(0);
        garble(file, offset(layout, block) + 16, 256);
        List<String> out = open(file);
        assertThat(out).hasSize(1);
        assertThat(out.get(0))
                .startsWith("FAILED io.agentstore.")
                .contains(file.toRealPath().toString())
                .contains(ADVICE);
    }

    @Test
    void aDamagedDataBlockInTheMiddleFailsAtTheLatestWhenItIsReadSayingWhatToDo() throws Exception {
        Path file = copy("data");
        long[] layout = layout(file);
        List<Long> dataBlocks = blocks(
                file,
                "SELECT DISTINCT block_id FROM pragma_storage_info('fact_tool_call')"
                        + " WHERE block_id >= 0 ORDER BY block_id");
        long middle = (Files.size(file) - layout[0]) / layout[1] / 2;
        long block = dataBlocks.stream()
                .min((a, b) -> Long.compare(Math.abs(a - middle), Math.abs(b - middle)))
                .orElseThrow();
        garble(file, offset(layout, block) + layout[1] / 2, 512);
        List<String> out = open(file);
        assertThat(out).as("the damage is found").doesNotContain("DONE");
        String failed = out.get(out.size() - 1);
        assertThat(failed)
                .startsWith("FAILED io.agentstore.")
                .contains(file.toRealPath().toString())
                .contains(ADVICE);
        assertThat(out)
                .as("no table read before the damage was reported differs from the intact file")
                .allMatch(l -> l.equals(failed) || intact.contains(l));
        System.out.printf("DamagedFileIT: block %d of fact_tool_call garbled; the child printed %s%n", block, out);
    }

    @Test
    void bytesGarbledInTheMiddleOfTheFileAreReportedOrHarmlessNeverWrongData() throws Exception {
        Random random = new Random(20260101);
        for (int round = 0; round < 4; round++) {
            Path file = copy("middle-" + round);
            long size = Files.size(file);
            long at = size / 4 + (long) (random.nextDouble() * size / 2);
            garble(file, at, 4096);
            List<String> out = open(file);
            String last = out.isEmpty() ? "(nothing)" : out.get(out.size() - 1);
            if (last.equals("DONE")) {
                // the bytes hit space DuckDB does not use: every table reads exactly as before
                assertThat(out)
                        .as("garbled at %d", at)
                        .containsAll(intact.stream()
                                .filter(l -> l.startsWith("READ"))
                                .toList());
            } else {
                assertThat(last)
                        .as("garbled at %d: the child's last line", at)
                        .startsWith("FAILED io.agentstore.")
                        .contains(file.toRealPath().toString())
                        .contains(ADVICE);
                assertThat(out).allMatch(l -> l.equals(last) || intact.contains(l));
            }
            System.out.printf("DamagedFileIT: 4 KiB garbled at byte %d of %d: %s%n", at, size, last);
        }
    }

    @Test
    void anEditedMigrationScriptIsRefusedSayingWhatToDo() {
        Path file = dir.resolve("edited.duckdb");
        AgentStore.builder()
                .path(file)
                .install(TestModule.of("edited", "edited-v1", Set.of("core"), List.of("V1__edited.sql"), List.of()))
                .build()
                .close();
        TestModule tampered =
                TestModule.of("edited", "edited-v2", Set.of("core"), List.of("V1__edited.sql"), List.of());
        assertThatThrownBy(
                        () -> AgentStore.builder().path(file).install(tampered).build())
                .isInstanceOfSatisfying(SchemaMigrationException.class, e -> {
                    assertThat(e.moduleId()).isEqualTo("edited");
                    assertThat(e.script()).isEqualTo("V1__edited.sql");
                })
                .hasMessageContaining("checksum mismatch for module 'edited' version 1 (V1__edited.sql)")
                .hasMessageContaining("restore the file and put the change into a new V2__ script");
        // nothing was changed by the refused open: the original script still opens the file
        AgentStore.builder()
                .path(file)
                .install(TestModule.of("edited", "edited-v1", Set.of("core"), List.of("V1__edited.sql"), List.of()))
                .build()
                .close();
    }

    private Path copy(String name) throws IOException {
        return Files.copy(original, dir.resolve(name + ".duckdb"));
    }

    private List<String> open(Path file) throws Exception {
        return open(dir, file);
    }

    /** What {@code RecorderMain open} printed, after it exited by itself. */
    private static List<String> open(Path folder, Path file) throws Exception {
        try (ChildJvm child = ChildJvm.start(folder, RecorderMain.class, "open", file.toString())) {
            List<String> out = child.drain(TIMEOUT);
            int exit = child.waitFor(TIMEOUT);
            assertThat(exit)
                    .as(
                            "the child ended normally (a crash of DuckDB's native code ends it otherwise);"
                                    + " output %s, stderr %s",
                            out, child.stderr())
                    .isZero();
            assertThat(out)
                    .as("the child finished or reported a failure; stderr %s", child.stderr())
                    .isNotEmpty()
                    .last()
                    .matches(l -> l.equals("DONE") || l.startsWith("FAILED "), "DONE or FAILED");
            return out;
        }
    }

    /** {header bytes, block size} of a closed file, read without writing to it. */
    private static long[] layout(Path file) throws Exception {
        return new long[] {
            3 * 4096,
            blocks(file, "SELECT block_size FROM pragma_database_size()").get(0)
        };
    }

    private static long offset(long[] layout, long block) {
        return layout[0] + block * layout[1];
    }

    private static List<Long> blocks(Path file, String sql) throws Exception {
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        List<Long> result = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file, readOnly);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                result.add(rs.getLong(1));
            }
        }
        assertThat(result).as(sql).isNotEmpty();
        return result;
    }

    private static void garble(Path file, long at, int length) throws IOException {
        byte[] junk = new byte[length];
        new Random(at).nextBytes(junk);
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
            c.write(ByteBuffer.wrap(junk), at);
        }
    }
}
