package io.agentstore.claudecode;

import static io.agentstore.claudecode.TranscriptPitfallsTest.S;
import static io.agentstore.claudecode.TranscriptPitfallsTest.assistant;
import static io.agentstore.claudecode.TranscriptPitfallsTest.toolResult;
import static io.agentstore.claudecode.TranscriptPitfallsTest.toolUse;
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
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session still running (its transcript changed within {@code idleAfter}), imported after each step it
 * writes: only what can still change is held back (the last message, a tool use waiting for its result),
 * never the calls after it, and the next import completes it without counting anything twice. The
 * transcript is project-made, in the shapes of real ones (one line per content block with placeholder
 * output tokens on early lines, a tool use interrupted before its result). Expected rows are counted by hand.
 */
class LiveSessionImportTest {
    @TempDir
    Path dir;

    Path file;
    MutableClock clock;
    AgentStore store;

    static final String M = "claude-sonnet-4-5";
    static final String TEXT = "[{\"type\":\"text\",\"text\":\"ok\"}]";

    @BeforeEach
    void setUp() {
        file = dir.resolve("projects/-home-me-app/" + S + ".jsonl");
        clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
        store = AgentStore.builder().path(dir.resolve("s.duckdb")).clock(clock).build();
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    /** Appends lines, the file changed a few seconds before the import: live with idleAfter 30 minutes. */
    private void write(String... lines) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(
                file,
                String.join("\n", lines) + "\n",
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        clock.advance(Duration.ofMinutes(1));
        Files.setLastModifiedTime(file, FileTime.from(clock.instant().minusSeconds(5)));
    }

    private void importNow() {
        ClaudeCodeImporter.builder(store)
                .projectsDir(dir.resolve("projects"))
                .idleAfter(Duration.ofMinutes(30))
                .build()
                .run();
    }

    private List<Tuple> calls() {
        return store
                .sql("SELECT request_id, input_tokens, output_tokens, cache_read_tokens, cache_write_5m_tokens"
                        + " FROM v_api_calls ORDER BY request_id")
                .rows()
                .stream()
                .map(r -> tuple(
                        r.string("request_id"),
                        r.int64("input_tokens"),
                        r.int64("output_tokens"),
                        r.int64("cache_read_tokens"),
                        r.int64("cache_write_5m_tokens")))
                .toList();
    }

    private List<Tuple> tools() {
        return store
                .sql("SELECT tool_name, is_success, error_type FROM v_tool_calls ORDER BY occurred_at")
                .rows()
                .stream()
                .map(r -> tuple(r.string("tool_name"), r.bool("is_success"), r.string("error_type")))
                .toList();
    }

    private long totalTokens() {
        Row r = store.sql("SELECT CAST(coalesce(sum(total_tokens), 0) AS BIGINT) AS n FROM v_api_calls")
                .single()
                .orElseThrow();
        return r.int64("n");
    }

    @Test
    void aLiveSessionShowsEveryCallButTheLastMessageAndCompletesItLater() throws IOException {
        // 1. mid-message: the first response has written two of its block lines, placeholder output tokens
        write(
                user("u1", "2026-01-01T10:00:00Z", "run the tests"),
                assistant(
                        "a1",
                        "2026-01-01T10:00:01Z",
                        "msg_1",
                        "req_1",
                        M,
                        4,
                        1,
                        1000,
                        300,
                        0,
                        "[{\"type\":\"thinking\",\"thinking\":\"hm\"}]"),
                assistant("a2", "2026-01-01T10:00:02Z", "msg_1", "req_1", M, 4, 1, 1000, 300, 0, TEXT));
        importNow();
        assertThat(calls()).isEmpty();

        // 2. the response ends in a tool use that is interrupted (never gets a result); the user goes on and a
        // second response is being written
        write(
                assistant(
                        "a3",
                        "2026-01-01T10:00:03Z",
                        "msg_1",
                        "req_1",
                        M,
                        4,
                        250,
                        1000,
                        300,
                        0,
                        toolUse("toolu_1", "Bash", "{\"command\":\"mvn test\"}")),
                user("u2", "2026-01-01T10:01:00Z", "[Request interrupted by user]"),
                user("u3", "2026-01-01T10:01:05Z", "just compile"),
                assistant("a4", "2026-01-01T10:01:06Z", "msg_2", "req_2", M, 6, 1, 1500, 0, 0, TEXT));
        importNow();
        assertThat(calls()).containsExactly(tuple("req_1", 4L, 250L, 1000L, 300L));
        assertThat(tools()).isEmpty();

        // 3. the second response is complete; a third one starts with a tool use (no result yet)
        write(
                assistant("a5", "2026-01-01T10:01:07Z", "msg_2", "req_2", M, 6, 80, 1500, 0, 0, TEXT),
                user("u4", "2026-01-01T10:02:00Z", "now read it"),
                assistant(
                        "a6",
                        "2026-01-01T10:02:01Z",
                        "msg_3",
                        "req_3",
                        M,
                        2,
                        33,
                        1600,
                        40,
                        0,
                        toolUse("toolu_3", "Read", "{\"file_path\":\"/home/me/app/A.java\"}")));
        importNow();
        assertThat(calls()).containsExactly(tuple("req_1", 4L, 250L, 1000L, 300L), tuple("req_2", 6L, 80L, 1500L, 0L));
        assertThat(totalTokens()).isEqualTo(4 + 250 + 1000 + 300 + 6 + 80 + 1500);
        assertThat(tools()).isEmpty();

        // 4. the tool result comes and a fourth response starts: the third is complete, its tool call too
        write(
                toolResult("u5", "2026-01-01T10:02:03Z", "toolu_3", false, "class A {}", null),
                assistant("a7", "2026-01-01T10:02:04Z", "msg_4", "req_4", M, 3, 1, 1700, 0, 0, TEXT));
        importNow();
        assertThat(calls())
                .containsExactly(
                        tuple("req_1", 4L, 250L, 1000L, 300L),
                        tuple("req_2", 6L, 80L, 1500L, 0L),
                        tuple("req_3", 2L, 33L, 1600L, 40L));
        assertThat(tools()).containsExactly(tuple("Read", true, null));

        // 5. the file goes idle: the last response and the interrupted tool use are recorded, nothing twice
        write(assistant("a8", "2026-01-01T10:02:05Z", "msg_4", "req_4", M, 3, 12, 1700, 0, 0, TEXT));
        clock.advance(Duration.ofHours(1));
        importNow();
        assertThat(calls())
                .containsExactly(
                        tuple("req_1", 4L, 250L, 1000L, 300L),
                        tuple("req_2", 6L, 80L, 1500L, 0L),
                        tuple("req_3", 2L, 33L, 1600L, 40L),
                        tuple("req_4", 3L, 12L, 1700L, 0L));
        assertThat(totalTokens()).isEqualTo(4 + 250 + 1000 + 300 + 6 + 80 + 1500 + 2 + 33 + 1600 + 40 + 3 + 12 + 1700);
        assertThat(tools()).containsExactly(tuple("Bash", false, "no_result"), tuple("Read", true, null));
        importNow();
        assertThat(store.sql("SELECT count(*) AS n FROM fact_api_call")
                        .single()
                        .orElseThrow()
                        .int64("n"))
                .isEqualTo(4);
        assertThat(store.sql("SELECT count(*) AS n FROM fact_tool_call")
                        .single()
                        .orElseThrow()
                        .int64("n"))
                .isEqualTo(2);
    }
}
