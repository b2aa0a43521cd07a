package io.agentstore.claudecode;

import static io.agentstore.claudecode.TranscriptPitfallsTest.S;
import static io.agentstore.claudecode.TranscriptPitfallsTest.assistant;
import static io.agentstore.claudecode.TranscriptPitfallsTest.toolResult;
import static io.agentstore.claudecode.TranscriptPitfallsTest.toolUse;
import static io.agentstore.claudecode.TranscriptPitfallsTest.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.agentstore.AgentStore;
import io.agentstore.core.PastAttempt;
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
 * A transcript dated 2999 (a clock gone wrong, a hand-made record): imported, flagged in
 * {@code fact_ingest_error} (attribute {@code kind = "future_timestamp"}), and not the latest session for
 * ever: resume, recall and the session summary put a later real session above it. Project-made transcripts.
 */
class FutureTimestampTest {
    @TempDir
    Path dir;

    static final String A = "aaaaaaaa-0000-0000-0000-000000000001";
    static final String B = "bbbbbbbb-0000-0000-0000-000000000002";
    static final String C = "cccccccc-0000-0000-0000-000000000003";
    static final String FILE = "/home/me/app/A.java";

    private void session(String id, String day) throws IOException {
        String read = toolUse("toolu_" + id.charAt(0), "Read", "{\"file_path\":\"" + FILE + "\"}");
        String text = String.join(
                        "\n",
                        user("u1" + id, day + "T10:00:00Z", "read it"),
                        assistant(
                                "a1" + id,
                                day + "T10:00:01Z",
                                "msg_" + id,
                                "req_" + id,
                                "claude-sonnet-4-5",
                                1,
                                10,
                                100,
                                0,
                                0,
                                read),
                        toolResult("u2" + id, day + "T10:00:02Z", "toolu_" + id.charAt(0), false, "class A {}", null))
                + "\n";
        Path file = dir.resolve("projects/-home-me-app/" + id + ".jsonl");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text.replace(S, id), StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
    }

    @Test
    void aRecordDated2999IsFlaggedAndDoesNotStayTheLatest() throws IOException {
        MutableClock clock = new MutableClock(Instant.parse("2026-02-01T00:00:00Z"));
        try (AgentStore store =
                AgentStore.builder().path(dir.resolve("s.duckdb")).clock(clock).build()) {
            session(A, "2026-01-20");
            session(B, "2999-01-01");
            ImportSummary first = ClaudeCodeImporter.builder(store)
                    .projectsDir(dir.resolve("projects"))
                    .build()
                    .run();
            assertThat(first.count("future_timestamps")).isEqualTo(3);
            assertThat(first.errors()).isEqualTo(3);
            // accepted as they are
            assertThat(store.sql(
                                    "SELECT count(*) AS n FROM v_api_calls WHERE occurred_at > TIMESTAMPTZ '2998-12-31 00:00:00+00'")
                            .single()
                            .orElseThrow()
                            .int64("n"))
                    .isEqualTo(1);
            // flagged: the query doctor lists them with
            assertThat(store.sql("SELECT file_path, line_number, json_extract_string(attributes, '$.timestamp') AS ts"
                                    + " FROM fact_ingest_error WHERE json_extract_string(attributes, '$.kind') = 'future_timestamp'"
                                    + " ORDER BY file_path, line_number")
                            .rows())
                    .extracting(
                            r -> Path.of(r.string("file_path")).getFileName().toString(),
                            r -> r.int64("line_number"),
                            r -> r.string("ts"))
                    .containsExactly(
                            tuple(B + ".jsonl", 1L, "2999-01-01T10:00:00Z"),
                            tuple(B + ".jsonl", 2L, "2999-01-01T10:00:01Z"),
                            tuple(B + ".jsonl", 3L, "2999-01-01T10:00:02Z"));

            // nine days later a real session: it is the latest, not the one dated 2999
            clock.set(Instant.parse("2026-02-10T00:00:00Z"));
            session(C, "2026-02-09");
            ClaudeCodeImporter.builder(store)
                    .projectsDir(dir.resolve("projects"))
                    .build()
                    .run();
            assertThat(store.core().resumeContext(10))
                    .extracting(PastAttempt::sessionId)
                    .containsOnly(C);
            assertThat(store.core().recallPreviousAttempts(FILE, 10))
                    .extracting(PastAttempt::sessionId)
                    .containsExactly(C, B, A);
            assertThat(store.core().recentActions(B, 10)).hasSize(1);
            assertThat(store.sql("SELECT session_id FROM v_session_summary ORDER BY ended_at DESC LIMIT 1")
                            .single()
                            .orElseThrow()
                            .string("session_id"))
                    .isEqualTo(C);
            assertThat(store.sql("SELECT list(session_id ORDER BY occurred_at) AS s FROM v_recent_actions")
                            .single()
                            .orElseThrow()
                            .get("s")
                            .toString())
                    .isEqualTo("[" + C + "]");
        }
    }
}
