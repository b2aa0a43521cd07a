package io.agentstore.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.spi.Row;
import io.agentstore.testing.ChildJvm;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transcript with a 100 MB line (a pasted log, say) between two ordinary lines, imported by a child JVM
 * whose heap is 64 MB: the line is longer than the importer's limit (64 MiB by default), so it becomes one
 * ingest error without ever being held in memory, and the lines around it are imported. Were the line held,
 * the child would die of an {@link OutOfMemoryError}.
 */
class HugeLineIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final long HUGE = 100L * 1000 * 1000;

    @TempDir
    Path dir;

    @Test
    void aHundredMegabyteLineIsAnIngestErrorImportedInSixtyFourMegabytesOfHeap() throws Exception {
        Path projects = dir.resolve("projects");
        Path file = projects.resolve("-home-me-app").resolve("s-huge.jsonl");
        Files.createDirectories(file.getParent());
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write((TranscriptPitfallsTest.user("u1", "2025-12-01T10:00:00Z", "before the huge line") + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            byte[] prefix = ("{\"type\":\"user\",\"uuid\":\"u2\",\"sessionId\":\"" + TranscriptPitfallsTest.S
                            + "\",\"timestamp\":\"2025-12-01T10:00:01Z\",\"message\":{\"role\":\"user\",\"content\":\"")
                    .getBytes(StandardCharsets.UTF_8);
            out.write(prefix);
            byte[] chunk = new byte[1 << 20];
            Arrays.fill(chunk, (byte) 'a');
            for (long written = prefix.length; written < HUGE; written += chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, HUGE - written));
            }
            out.write("\"}}\n".getBytes(StandardCharsets.UTF_8));
            out.write((TranscriptPitfallsTest.assistant(
                                    "a1",
                                    "2025-12-01T10:00:02Z",
                                    "msg_after",
                                    "req_after",
                                    "claude-sonnet-4-5",
                                    11,
                                    22,
                                    33,
                                    44,
                                    55,
                                    "[]")
                            + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2025-12-02T00:00:00Z")));
        assertThat(Files.size(file)).isGreaterThan(HUGE);

        Path db = dir.resolve("huge.duckdb");
        String imported;
        try (ChildJvm child = ChildJvm.start(
                dir, List.of("-Xmx64m"), ImporterMain.class, "import", db.toString(), projects.toString())) {
            imported = child.awaitLine(l -> l.startsWith("IMPORTED") || l.startsWith("FAILED"), TIMEOUT);
            assertThat(imported)
                    .as("the import in 64 MB of heap; stderr %s", child.stderr())
                    .startsWith("IMPORTED ");
            assertThat(child.awaitLine(l -> l.equals("CLOSED"), TIMEOUT)).isEqualTo("CLOSED");
            assertThat(child.waitFor(TIMEOUT)).isZero();
        }
        String[] figures = imported.split(" ");
        assertThat(Long.parseLong(figures[2])).as("ingest errors").isEqualTo(1);
        assertThat(Long.parseLong(figures[3])).as("lines read").isEqualTo(3);
        long peakHeap = Long.parseLong(figures[4]);
        System.out.printf(
                "HugeLineIT FIGURES: a %d-byte line became 1 ingest error; the child's peak heap was %.1f MB"
                        + " (limit 64 MB)%n",
                HUGE, peakHeap / 1e6);
        assertThat(peakHeap).as("peak heap").isLessThan(64L << 20);

        try (AgentStore store = AgentStore.builder().path(db).build()) {
            Row error = store.sql("SELECT line_number, reason, length(excerpt) AS excerpt FROM v_ingest_errors")
                    .single()
                    .orElseThrow();
            assertThat(error.int64("line_number")).isEqualTo(2);
            assertThat(error.string("reason")).isEqualTo("line longer than 67108864 bytes");
            assertThat(error.int64("excerpt"))
                    .as("only the start of the line is kept")
                    .isLessThanOrEqualTo(300);
            Row call = store.sql("SELECT input_tokens, output_tokens FROM v_api_calls WHERE request_id = 'req_after'")
                    .single()
                    .orElseThrow();
            assertThat(call.int64("input_tokens"))
                    .as("the line after the huge one was imported")
                    .isEqualTo(11);
            assertThat(store.sql("SELECT count(*) AS n FROM v_session_events WHERE event_type = 'start'")
                            .single()
                            .orElseThrow()
                            .int64("n"))
                    .as("the line before it too")
                    .isEqualTo(1);
        }
    }
}
