package io.agentstore.claudecode;

import static io.agentstore.claudecode.TranscriptPitfallsTest.S;
import static io.agentstore.claudecode.TranscriptPitfallsTest.assistant;
import static io.agentstore.claudecode.TranscriptPitfallsTest.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.agentstore.AgentStore;
import io.agentstore.testing.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transcript whose last line has no newline (many real files end so): once the file is idle, a complete
 * JSON object at its end is a line; while the file is live, it is held back. Project-made transcripts.
 */
class UnterminatedLastLineTest {
    @TempDir
    Path dir;

    Path projects;
    Path file;
    MutableClock clock;
    AgentStore store;

    static final String TEXT = "[{\"type\":\"text\",\"text\":\"ok\"}]";

    @BeforeEach
    void setUp() {
        projects = dir.resolve("projects");
        file = projects.resolve("-home-me-app/" + S + ".jsonl");
        clock = new MutableClock(Instant.parse("2026-02-01T00:00:00Z"));
        store = AgentStore.builder().path(dir.resolve("s.duckdb")).clock(clock).build();
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private ImportSummary importNow() {
        return ClaudeCodeImporter.builder(store)
                .projectsDir(projects)
                .idleAfter(Duration.ofMinutes(30))
                .build()
                .run();
    }

    private void write(String text, Instant mtime, boolean append) throws IOException {
        Files.createDirectories(file.getParent());
        if (append) {
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } else {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        }
        Files.setLastModifiedTime(file, FileTime.from(mtime));
    }

    private java.util.List<org.assertj.core.groups.Tuple> calls() {
        return store
                .sql("SELECT request_id, input_tokens, output_tokens, cache_read_tokens FROM v_api_calls"
                        + " ORDER BY occurred_at")
                .rows()
                .stream()
                .map(r -> tuple(
                        r.string("request_id"),
                        r.int64("input_tokens"),
                        r.int64("output_tokens"),
                        r.int64("cache_read_tokens")))
                .toList();
    }

    @Test
    void anIdleFileEndingWithoutNewlineHasItsLastLineRead() throws IOException {
        // the last line carries the final output count; the earlier line of the same message a placeholder
        write(
                user("u1", "2026-01-01T10:00:00Z", "hi") + "\n"
                        + assistant(
                                "a1",
                                "2026-01-01T10:00:01Z",
                                "msg_1",
                                "req_1",
                                "claude-sonnet-4-5",
                                5,
                                1,
                                100,
                                0,
                                0,
                                TEXT)
                        + "\n"
                        + assistant(
                                "a2",
                                "2026-01-01T10:00:02Z",
                                "msg_1",
                                "req_1",
                                "claude-sonnet-4-5",
                                5,
                                321,
                                100,
                                0,
                                0,
                                TEXT),
                Instant.parse("2026-01-01T10:00:02Z"),
                false);
        ImportSummary first = importNow();
        assertThat(first.errors()).isZero();
        assertThat(calls()).containsExactly(tuple("req_1", 5L, 321L, 100L));
        assertThat(store.sql("SELECT end_offset, file_size FROM fact_ingest_run")
                        .single()
                        .orElseThrow()
                        .int64("end_offset"))
                .isEqualTo(Files.size(file));

        // the session goes on: the writer ends the old line, then writes new ones; nothing counted twice
        write(
                "\n"
                        + assistant(
                                "a3",
                                "2026-01-01T11:00:00Z",
                                "msg_2",
                                "req_2",
                                "claude-sonnet-4-5",
                                7,
                                70,
                                200,
                                0,
                                0,
                                TEXT)
                        + "\n{\"broken\n",
                Instant.parse("2026-01-01T11:00:00Z"),
                true);
        ImportSummary second = importNow();
        assertThat(calls()).containsExactly(tuple("req_1", 5L, 321L, 100L), tuple("req_2", 7L, 70L, 200L));
        // line numbers are not shifted by the newline that ended the line read before: the bad line is line 5
        assertThat(store.sql("SELECT line_number FROM fact_ingest_error")
                        .single()
                        .orElseThrow()
                        .int64("line_number"))
                .isEqualTo(5);
        assertThat(second.errors()).isEqualTo(1);
        assertThat(importNow().recordsWritten()).isZero();
    }

    @Test
    void anIdleFileEndingWithoutNewlineRightAfterItsLastLineGetsMoreLinesWithoutALeadingNewline() throws IOException {
        write(
                assistant("a1", "2026-01-01T10:00:01Z", "msg_1", "req_1", "claude-sonnet-4-5", 5, 9, 100, 0, 0, TEXT),
                Instant.parse("2026-01-01T10:00:02Z"),
                false);
        importNow();
        assertThat(calls()).containsExactly(tuple("req_1", 5L, 9L, 100L));
        write(
                assistant("a2", "2026-01-01T11:00:01Z", "msg_2", "req_2", "claude-sonnet-4-5", 6, 60, 0, 0, 0, TEXT)
                        + "\n",
                Instant.parse("2026-01-01T11:00:02Z"),
                true);
        ImportSummary s = importNow();
        assertThat(s.errors()).isZero();
        assertThat(calls()).containsExactly(tuple("req_1", 5L, 9L, 100L), tuple("req_2", 6L, 60L, 0L));
    }

    @Test
    void aLiveFileHoldsBackItsUnterminatedLastLineAndReadsItOnceIdle() throws IOException {
        clock.set(Instant.parse("2026-01-01T10:00:10Z"));
        write(
                user("u1", "2026-01-01T10:00:00Z", "hi") + "\n"
                        + assistant(
                                "a1",
                                "2026-01-01T10:00:01Z",
                                "msg_1",
                                "req_1",
                                "claude-sonnet-4-5",
                                5,
                                1,
                                100,
                                0,
                                0,
                                TEXT)
                        + "\n"
                        + assistant(
                                "a2",
                                "2026-01-01T10:00:02Z",
                                "msg_1",
                                "req_1",
                                "claude-sonnet-4-5",
                                5,
                                321,
                                100,
                                0,
                                0,
                                TEXT),
                Instant.parse("2026-01-01T10:00:02Z"),
                false);
        importNow();
        assertThat(calls()).isEmpty();
        clock.set(Instant.parse("2026-01-01T11:00:00Z"));
        importNow();
        assertThat(calls()).containsExactly(tuple("req_1", 5L, 321L, 100L));
    }

    @Test
    void anIdleFileEndingInAnIncompleteObjectKeepsItAsAPartialTail() throws IOException {
        write(
                assistant("a1", "2026-01-01T10:00:01Z", "msg_1", "req_1", "claude-sonnet-4-5", 5, 9, 100, 0, 0, TEXT)
                        + "\n{\"type\":\"assistant\",\"uuid\":\"a2\"",
                Instant.parse("2026-01-01T10:00:02Z"),
                false);
        ImportSummary s = importNow();
        assertThat(s.errors()).isZero();
        assertThat(s.partialLines()).isEqualTo(1);
        assertThat(calls()).containsExactly(tuple("req_1", 5L, 9L, 100L));
    }
}
