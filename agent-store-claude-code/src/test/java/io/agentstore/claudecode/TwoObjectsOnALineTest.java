package io.agentstore.claudecode;

import static io.agentstore.claudecode.TranscriptPitfallsTest.S;
import static io.agentstore.claudecode.TranscriptPitfallsTest.assistant;
import static io.agentstore.claudecode.TranscriptPitfallsTest.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.agentstore.AgentStore;
import io.agentstore.spi.Row;
import io.agentstore.testing.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A line holding two JSON objects ({@code {...}{...}}, seen in a real transcript where a write was appended
 * without its newline): both objects are read. A line whose second value is cut off or malformed is an
 * ingest error naming the line, and nothing of it is read. Project-made transcripts.
 */
class TwoObjectsOnALineTest {
    @TempDir
    Path dir;

    static final String TEXT = "[{\"type\":\"text\",\"text\":\"ok\"}]";

    private AgentStore importLines(String... lines) throws IOException {
        Path file = dir.resolve("projects/-home-me-app/" + S + ".jsonl");
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T12:00:00Z")));
        AgentStore store = AgentStore.builder()
                .inMemory()
                .clock(new MutableClock(Instant.parse("2026-02-01T00:00:00Z")))
                .build();
        ClaudeCodeImporter.builder(store)
                .projectsDir(dir.resolve("projects"))
                .build()
                .run();
        return store;
    }

    @Test
    void bothObjectsOfALineAreRead() throws IOException {
        try (AgentStore store = importLines(
                user("u1", "2026-01-01T10:00:00Z", "hi"),
                assistant("a1", "2026-01-01T10:00:01Z", "msg_1", "req_1", "claude-sonnet-4-5", 5, 50, 100, 0, 0, TEXT)
                        + assistant(
                                "a2",
                                "2026-01-01T10:01:01Z",
                                "msg_2",
                                "req_2",
                                "claude-sonnet-4-5",
                                6,
                                60,
                                200,
                                0,
                                0,
                                TEXT),
                assistant(
                        "a3", "2026-01-01T10:02:01Z", "msg_3", "req_3", "claude-sonnet-4-5", 7, 70, 300, 0, 0, TEXT))) {
            assertThat(store.sql("SELECT request_id, output_tokens FROM v_api_calls ORDER BY request_id")
                            .rows())
                    .extracting(r -> r.string("request_id"), r -> r.int64("output_tokens"))
                    .containsExactly(tuple("req_1", 50L), tuple("req_2", 60L), tuple("req_3", 70L));
            assertThat(store.sql("SELECT count(*) AS n FROM fact_ingest_error")
                            .single()
                            .orElseThrow()
                            .int64("n"))
                    .isZero();
        }
    }

    @Test
    void aLineWithAMalformedSecondValueIsAnErrorNamingTheLine() throws IOException {
        try (AgentStore store = importLines(
                user("u1", "2026-01-01T10:00:00Z", "hi"),
                assistant("a1", "2026-01-01T10:00:01Z", "msg_1", "req_1", "claude-sonnet-4-5", 5, 50, 100, 0, 0, TEXT)
                        + "{\"type\":\"assistant\",\"uuid\":",
                assistant(
                        "a3", "2026-01-01T10:02:01Z", "msg_3", "req_3", "claude-sonnet-4-5", 7, 70, 300, 0, 0, TEXT))) {
            assertThat(store.sql("SELECT request_id FROM v_api_calls ORDER BY request_id")
                            .rows())
                    .extracting(r -> r.string("request_id"))
                    .containsExactly("req_3");
            Row error = store.sql("SELECT line_number, reason FROM fact_ingest_error")
                    .single()
                    .orElseThrow();
            assertThat(error.int64("line_number")).isEqualTo(2);
            assertThat(error.string("reason")).startsWith("malformed JSON");
        }
    }
}
