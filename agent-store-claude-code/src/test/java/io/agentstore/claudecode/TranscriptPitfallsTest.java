package io.agentstore.claudecode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.agentstore.AgentStore;
import io.agentstore.spi.Row;
import io.agentstore.testing.MutableClock;
import io.agentstore.testing.StoreExtension;
import io.agentstore.tokens.TokensModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-written transcripts, one per pitfall of the format, with the expected facts worked out by hand.
 */
class TranscriptPitfallsTest {
    @TempDir
    Path dir;

    Path projects;
    final MutableClock clock = MutableClock.at("2026-02-01T00:00:00Z");

    @RegisterExtension
    final StoreExtension stores =
            StoreExtension.file().install(TokensModule.create()).clock(clock);

    static final String S = "11111111-1111-1111-1111-111111111111";
    static final Instant MTIME = Instant.parse("2026-01-01T00:00:00Z");

    @BeforeEach
    void setUp() {
        projects = dir.resolve("projects");
    }

    private AgentStore open() {
        return stores.get();
    }

    private ImportSummary importNow() {
        return ClaudeCodeImporter.builder(open())
                .projectsDir(projects)
                .idleAfter(Duration.ofMinutes(30))
                .build()
                .run();
    }

    private Path write(String relative, String... lines) throws IOException {
        Path file = projects.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(MTIME));
        return file;
    }

    private void append(Path file, String text, Instant mtime) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Files.setLastModifiedTime(file, FileTime.from(mtime));
    }

    static String user(String uuid, String ts, String text) {
        return "{\"type\":\"user\",\"uuid\":\"" + uuid + "\",\"sessionId\":\"" + S + "\",\"timestamp\":\"" + ts
                + "\",\"cwd\":\"/home/me/app\",\"gitBranch\":\"main\",\"version\":\"2.0.1\",\"isSidechain\":false,"
                + "\"message\":{\"role\":\"user\",\"content\":\"" + text + "\"}}";
    }

    static String assistant(
            String uuid,
            String ts,
            String msg,
            String req,
            String model,
            long in,
            long out,
            long cacheRead,
            long w5m,
            long w1h,
            String contentJson) {
        return "{\"type\":\"assistant\",\"uuid\":\"" + uuid + "\",\"sessionId\":\"" + S + "\",\"timestamp\":\"" + ts
                + "\",\"requestId\":\"" + req + "\",\"cwd\":\"/home/me/app\",\"version\":\"2.0.1\","
                + "\"message\":{\"id\":\"" + msg + "\",\"model\":\"" + model + "\",\"role\":\"assistant\","
                + "\"content\":" + contentJson + ",\"usage\":{\"input_tokens\":" + in + ",\"output_tokens\":" + out
                + ",\"cache_read_input_tokens\":" + cacheRead + ",\"cache_creation_input_tokens\":" + (w5m + w1h)
                + ",\"cache_creation\":{\"ephemeral_5m_input_tokens\":" + w5m + ",\"ephemeral_1h_input_tokens\":" + w1h
                + "}}}}";
    }

    static String toolUse(String id, String name, String inputJson) {
        return "[{\"type\":\"tool_use\",\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"input\":" + inputJson + "}]";
    }

    static String toolResult(
            String uuid, String ts, String toolUseId, boolean error, String text, String toolUseResult) {
        return "{\"type\":\"user\",\"uuid\":\"" + uuid + "\",\"sessionId\":\"" + S + "\",\"timestamp\":\"" + ts
                + "\",\"message\":{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\""
                + toolUseId
                + "\",\"is_error\":" + error + ",\"content\":\"" + text + "\"}]}"
                + (toolUseResult == null ? "" : ",\"toolUseResult\":" + toolUseResult) + "}";
    }

    private long count(String sql, Object... params) {
        return open().sql(sql, params).single().orElseThrow().int64("n");
    }

    @Test
    void splitLinesWithPlaceholderTokensAreOneCallWithTheMaximumOfEachColumn() throws IOException {
        write(
                "-home-me-app/" + S + ".jsonl",
                user("u1", "2026-01-01T10:00:00Z", "fix it"),
                // one response, three content-block lines; early lines carry placeholder output tokens
                assistant(
                        "a1",
                        "2026-01-01T10:00:01Z",
                        "msg_1",
                        "req_1",
                        "claude-sonnet-4-5",
                        3,
                        1,
                        1000,
                        200,
                        50,
                        "[{\"type\":\"thinking\",\"thinking\":\"hm\"}]"),
                assistant(
                        "a2",
                        "2026-01-01T10:00:02Z",
                        "msg_1",
                        "req_1",
                        "claude-sonnet-4-5",
                        3,
                        1,
                        1000,
                        200,
                        50,
                        "[{\"type\":\"text\",\"text\":\"ok\"}]"),
                assistant(
                        "a3",
                        "2026-01-01T10:00:03Z",
                        "msg_1",
                        "req_1",
                        "claude-sonnet-4-5",
                        3,
                        412,
                        1000,
                        200,
                        50,
                        toolUse("toolu_1", "Read", "{\"file_path\":\"/home/me/app/A.java\"}")),
                toolResult("u2", "2026-01-01T10:00:05Z", "toolu_1", false, "class A {}", null));
        importNow();
        assertThat(open().sql("SELECT * FROM v_api_calls").rows())
                .extracting(
                        r -> r.int64("input_tokens"),
                        r -> r.int64("output_tokens"),
                        r -> r.int64("cache_read_tokens"),
                        r -> r.int64("cache_write_5m_tokens"),
                        r -> r.int64("cache_write_1h_tokens"),
                        r -> r.instant("occurred_at"),
                        r -> r.string("request_id"))
                .containsExactly(tuple(3L, 412L, 1000L, 200L, 50L, Instant.parse("2026-01-01T10:00:03Z"), "req_1"));
        Row tool = open().sql("SELECT * FROM v_tool_calls").single().orElseThrow();
        assertThat(tool.string("tool_name")).isEqualTo("Read");
        assertThat(tool.string("target_path")).isEqualTo("/home/me/app/A.java");
        assertThat(tool.bool("is_success")).isTrue();
        assertThat(tool.int64("duration_ms")).isEqualTo(2_000);
        assertThat(tool.int64("output_bytes")).isEqualTo("class A {}".length());
        assertThat(tool.string("agent_name")).isEqualTo("claude-code");
        Row session = open().sql("SELECT * FROM dim_session").single().orElseThrow();
        assertThat(session.string("session_id")).isEqualTo(S);
        assertThat(session.string("working_dir")).isEqualTo("/home/me/app");
        assertThat(session.string("project")).isEqualTo("app");
        assertThat(session.string("git_branch")).isEqualTo("main");
        assertThat(session.string("client_version")).isEqualTo("2.0.1");
        assertThat(count("SELECT count(*) AS n FROM fact_session_event WHERE event_type = 'user_prompt'"))
                .isEqualTo(1);
    }

    @Test
    void replayedLinesOfAResumedSessionAreNotCountedTwice() throws IOException {
        String[] first = {
            user("u1", "2026-01-01T10:00:00Z", "start"),
            assistant(
                    "a1",
                    "2026-01-01T10:00:01Z",
                    "msg_1",
                    "req_1",
                    "claude-opus-4-5",
                    10,
                    100,
                    0,
                    0,
                    0,
                    toolUse("toolu_1", "Bash", "{\"command\":\"ls\"}")),
            toolResult("u2", "2026-01-01T10:00:02Z", "toolu_1", true, "Exit code 1", null)
        };
        write("-home-me-app/" + S + ".jsonl", first);
        // the resumed session's file repeats the earlier lines (same uuids, message and tool ids), then goes on
        write(
                "-home-me-app/22222222-2222-2222-2222-222222222222.jsonl",
                first[0],
                first[1],
                first[2],
                assistant("a9", "2026-01-01T11:00:00Z", "msg_2", "req_2", "claude-opus-4-5", 20, 200, 0, 0, 0, "[]"));
        importNow();
        assertThat(count("SELECT count(*) AS n FROM fact_api_call")).isEqualTo(2);
        assertThat(count("SELECT CAST(sum(output_tokens) AS BIGINT) AS n FROM fact_api_call"))
                .isEqualTo(300);
        Row bash = open().sql("SELECT * FROM v_tool_calls").single().orElseThrow();
        assertThat(bash.bool("is_success")).isFalse();
        assertThat(bash.string("error_type")).isEqualTo("exit_code");
    }

    @Test
    void bothSubagentLayoutsAreAttributedToTheSubagentAndRolledUpToTheSession() throws IOException {
        write(
                "-home-me-app/" + S + ".jsonl",
                assistant(
                        "a1",
                        "2026-01-01T10:00:01Z",
                        "msg_1",
                        "req_1",
                        "claude-opus-4-5",
                        1,
                        10,
                        0,
                        0,
                        0,
                        toolUse(
                                "toolu_t",
                                "Task",
                                "{\"subagent_type\":\"Explore\",\"description\":\"look\",\"prompt\":\"go\"}")),
                toolResult(
                        "u2",
                        "2026-01-01T10:05:00Z",
                        "toolu_t",
                        false,
                        "done",
                        "{\"totalTokens\":99,\"agentId\":\"abc\"}"));
        // new layout: <session>/subagents/agent-*.jsonl with a .meta.json
        write(
                "-home-me-app/" + S + "/subagents/agent-abc.jsonl",
                assistant("b1", "2026-01-01T10:01:00Z", "msg_2", "req_2", "claude-haiku-4-5", 2, 20, 0, 0, 0, "[]")
                        .replace("\"isSidechain\":false", "\"isSidechain\":true"));
        Files.writeString(
                projects.resolve("-home-me-app/" + S + "/subagents/agent-abc.meta.json"),
                "{\"agentType\":\"Explore\",\"description\":\"look\"}");
        // old layout: a flat agent-*.jsonl beside the sessions
        write(
                "-home-me-app/agent-def.jsonl",
                assistant("c1", "2026-01-01T10:02:00Z", "msg_3", "req_3", "claude-haiku-4-5", 3, 30, 0, 0, 0, "[]"));
        importNow();
        assertThat(open().sql(
                                "SELECT agent_name, agent_type, session_id, output_tokens,"
                                        + " json_extract_string(attributes, '$.transcript') AS transcript FROM v_api_calls ORDER BY occurred_at")
                        .rows())
                .extracting(
                        r -> r.string("agent_name"),
                        r -> r.string("agent_type"),
                        r -> r.string("session_id"),
                        r -> r.int64("output_tokens"),
                        r -> r.string("transcript"))
                .containsExactly(
                        tuple("claude-code", "main", S, 10L, S),
                        tuple("claude-code/Explore", "subagent", S, 20L, S),
                        tuple("claude-code/subagent", "subagent", S, 30L, "agent-def"));
        assertThat(count("SELECT total_tokens AS n FROM v_session_summary WHERE session_id = ?", S))
                .as("sub-agent usage rolls up to the session")
                .isEqualTo(1 + 10 + 2 + 20 + 3 + 30);
        Row task = open().sql("SELECT * FROM v_tool_calls WHERE tool_name = 'Task'")
                .single()
                .orElseThrow();
        assertThat(task.string("attributes"))
                .contains("\"subagent_type\":\"Explore\"")
                .contains("\"handoff\"");
    }

    @Test
    void truncatedLastLineIsLeftForLaterAndGarbageIsCountedRecordedAndSkipped() throws IOException {
        Path file = write(
                "-home-me-app/" + S + ".jsonl",
                user("u1", "2026-01-01T10:00:00Z", "hi"),
                "this is not json",
                "{\"type\":\"assistant\",\"sessionId\":\"" + S + "\"}",
                "[1,2,3]",
                assistant("a1", "2026-01-01T10:00:01Z", "msg_1", "req_1", "claude-opus-4-5", 1, 2, 3, 4, 5, "[]"));
        String half = assistant("a2", "2026-01-01T10:00:09Z", "msg_2", "req_2", "claude-opus-4-5", 7, 7, 7, 7, 7, "[]");
        append(file, half.substring(0, 40), MTIME);
        ImportSummary first = importNow();
        assertThat(first.errors()).isEqualTo(3);
        assertThat(first.partialLines()).isEqualTo(1);
        assertThat(open().sql("SELECT line_number, reason FROM v_ingest_errors ORDER BY line_number")
                        .rows())
                .extracting(r -> r.int64("line_number"), r -> r.string("reason"))
                .satisfiesExactly(
                        r -> assertThat(r.toList())
                                .containsExactly(2L, r.toList().get(1))
                                .satisfies(l -> assertThat((String) l.get(1)).startsWith("malformed JSON")),
                        r -> assertThat((String) r.toList().get(1)).contains("timestamp"),
                        r -> assertThat((String) r.toList().get(1)).contains("not a JSON object"));
        assertThat(count("SELECT count(*) AS n FROM fact_api_call")).isEqualTo(1);
        // the writer finishes the line: the next import reads it, and nothing else twice
        append(file, half.substring(40) + "\n", MTIME);
        ImportSummary second = importNow();
        assertThat(second.errors()).isZero();
        assertThat(second.linesRead()).isEqualTo(1);
        assertThat(count("SELECT count(*) AS n FROM fact_api_call")).isEqualTo(2);
        assertThat(count("SELECT count(*) AS n FROM fact_ingest_error")).isEqualTo(3);
    }

    @Test
    void aGrowingFileIsReadIncrementallyAndAToolResultInTheNextRunIsJoined() throws IOException {
        Instant writing = clock.instant().minusSeconds(60); // modified a minute ago: still being written
        Path file = write(
                "-home-me-app/" + S + ".jsonl",
                user("u1", "2026-01-31T23:58:00Z", "edit"),
                assistant(
                        "a1",
                        "2026-01-31T23:58:01Z",
                        "msg_1",
                        "req_1",
                        "claude-opus-4-5",
                        1,
                        1,
                        0,
                        0,
                        0,
                        toolUse(
                                "toolu_e",
                                "Edit",
                                "{\"file_path\":\"/home/me/app/A.java\",\"old_string\":\"a\\nb\",\"new_string\":\"c\"}")));
        Files.setLastModifiedTime(file, FileTime.from(writing));
        importNow();
        // the open call and the tool use without a result are held back while the file is being written
        assertThat(count("SELECT count(*) AS n FROM fact_api_call")).isZero();
        assertThat(count("SELECT count(*) AS n FROM fact_tool_call")).isZero();
        append(
                file,
                assistant("a2", "2026-01-31T23:58:02Z", "msg_1", "req_1", "claude-opus-4-5", 1, 95, 0, 0, 0, "[]")
                        + "\n"
                        + toolResult(
                                "u2",
                                "2026-01-31T23:58:04Z",
                                "toolu_e",
                                false,
                                "ok",
                                "{\"filePath\":\"/home/me/app/A.java\",\"structuredPatch\":[{\"lines\":[\"-a\",\"-b\",\"+c\",\" d\"]}]}")
                        + "\n",
                writing);
        ImportSummary second = importNow();
        assertThat(second.filesReread()).isZero();
        Row edit = open().sql("SELECT * FROM v_tool_calls").single().orElseThrow();
        assertThat(edit.int64("duration_ms")).isEqualTo(3_000);
        assertThat(open().sql(
                                "SELECT modification_type, lines_added, lines_deleted, chars_added, chars_deleted FROM fact_file_modification")
                        .rows())
                .extracting(r -> r.values().toString())
                .containsExactly("[edit, 1, 2, 1, 2]");
        // the response is still the last thing in a file being written: it may get more lines
        assertThat(count("SELECT count(*) AS n FROM fact_api_call")).isZero();
        // later the file is idle: the next import records the call with its final tokens, and only once
        clock.advance(Duration.ofHours(2));
        ImportSummary third = importNow();
        assertThat(third.recordsWritten()).isPositive();
        assertThat(open().sql("SELECT output_tokens AS n FROM fact_api_call")
                        .single()
                        .orElseThrow()
                        .int64("n"))
                .isEqualTo(95);
        assertThat(count("SELECT count(*) AS n FROM fact_tool_call")).isEqualTo(1);
        ImportSummary fourth = importNow();
        assertThat(fourth.recordsWritten()).isZero();
        assertThat(fourth.filesUnchanged()).isEqualTo(1);
    }

    @Test
    void aRewrittenFileIsReadAgainWithoutDuplicates() throws IOException {
        Path file = write(
                "-home-me-app/" + S + ".jsonl",
                assistant("a1", "2026-01-01T10:00:01Z", "msg_1", "req_1", "claude-opus-4-5", 1, 10, 0, 0, 0, "[]"),
                assistant("a2", "2026-01-01T10:00:02Z", "msg_2", "req_2", "claude-opus-4-5", 1, 20, 0, 0, 0, "[]"));
        importNow();
        // rewritten: same first line, different second line, and a third
        write(
                "-home-me-app/" + S + ".jsonl",
                assistant("a1", "2026-01-01T10:00:01Z", "msg_1", "req_1", "claude-opus-4-5", 1, 10, 0, 0, 0, "[]"),
                assistant("a3", "2026-01-01T10:00:03Z", "msg_3", "req_3", "claude-opus-4-5", 1, 30, 0, 0, 0, "[]"),
                assistant("a4", "2026-01-01T10:00:04Z", "msg_4", "req_4", "claude-opus-4-5", 1, 40, 0, 0, 0, "[]"));
        ImportSummary second = importNow();
        assertThat(second.filesReread()).isEqualTo(1);
        assertThat(open().sql("SELECT output_tokens FROM fact_api_call ORDER BY output_tokens")
                        .rows())
                .extracting(r -> r.int64("output_tokens"))
                .containsExactly(10L, 20L, 30L, 40L);
        assertThat(file).exists();
    }

    @Test
    void writeTodoWriteCompactionAndApiErrorsBecomeTheirFacts() throws IOException {
        write(
                "-home-me-app/" + S + ".jsonl",
                assistant(
                        "a1",
                        "2026-01-01T10:00:01Z",
                        "msg_1",
                        "req_1",
                        "claude-opus-4-5",
                        1,
                        1,
                        0,
                        0,
                        0,
                        toolUse("toolu_w", "Write", "{\"file_path\":\"/home/me/app/N.md\",\"content\":\"x\\ny\\nz\"}")),
                toolResult(
                        "u1",
                        "2026-01-01T10:00:02Z",
                        "toolu_w",
                        false,
                        "created",
                        "{\"type\":\"create\",\"filePath\":\"/home/me/app/N.md\"}"),
                assistant(
                        "a2",
                        "2026-01-01T10:00:03Z",
                        "msg_2",
                        "req_2",
                        "claude-opus-4-5",
                        1,
                        1,
                        0,
                        0,
                        0,
                        toolUse(
                                "toolu_t",
                                "TodoWrite",
                                "{\"todos\":[{\"content\":\"write tests\",\"status\":\"pending\"}]}")),
                toolResult("u2", "2026-01-01T10:00:04Z", "toolu_t", false, "ok", null),
                "{\"type\":\"system\",\"subtype\":\"compact_boundary\",\"uuid\":\"c1\",\"sessionId\":\"" + S
                        + "\",\"timestamp\":\"2026-01-01T10:10:00Z\",\"compactMetadata\":{\"trigger\":\"auto\",\"preTokens\":155000}}",
                "{\"type\":\"assistant\",\"uuid\":\"e1\",\"sessionId\":\"" + S
                        + "\",\"timestamp\":\"2026-01-01T10:11:00Z\","
                        + "\"isApiErrorMessage\":true,\"message\":{\"id\":\"msg_e\",\"model\":\"<synthetic>\",\"role\":\"assistant\","
                        + "\"content\":[{\"type\":\"text\",\"text\":\"API Error: 529 overloaded\"}],"
                        + "\"usage\":{\"input_tokens\":0,\"output_tokens\":0}}}");
        ImportSummary summary = importNow();
        assertThat(summary.count("synthetic_skipped")).isEqualTo(1);
        assertThat(count("SELECT count(*) AS n FROM v_api_calls WHERE model_name = '<synthetic>'"))
                .isZero();
        assertThat(open().sql("SELECT file_path, modification_type, lines_added FROM v_file_modifications")
                        .rows())
                .extracting(r -> r.values().toString())
                .containsExactly("[/home/me/app/N.md, create, 3]");
        assertThat(open().sql("SELECT attributes FROM v_tool_calls WHERE tool_name = 'TodoWrite'")
                        .single()
                        .orElseThrow()
                        .string("attributes"))
                .contains("write tests");
        Row compact = open().sql("SELECT * FROM v_session_events WHERE event_type = 'compact'")
                .single()
                .orElseThrow();
        assertThat(compact.jsonObject("attributes")).containsEntry("pre_tokens", 155000);
        // with the tokens module installed, the compaction is also a context overflow
        Row overflow =
                open().sql("SELECT * FROM fact_context_overflow").single().orElseThrow();
        assertThat(overflow.int64("tokens_at_overflow")).isEqualTo(155_000);
        assertThat(overflow.bool("is_compaction_triggered")).isTrue();
        Row error = open().sql("SELECT * FROM v_errors").single().orElseThrow();
        assertThat(error.string("error_type")).isEqualTo("api_error");
        assertThat(error.string("message")).contains("529");
    }

    @Test
    void aLineOverTheLimitIsAnErrorAndTheImportGoesOn() throws IOException {
        Path file = write(
                "-home-me-app/" + S + ".jsonl",
                user("u1", "2026-01-01T10:00:00Z", "x".repeat(5_000)),
                assistant("a1", "2026-01-01T10:00:01Z", "msg_1", "req_1", "claude-opus-4-5", 1, 2, 0, 0, 0, "[]"));
        ImportSummary s = ClaudeCodeImporter.builder(open())
                .projectsDir(projects)
                .maxLineBytes(2_048)
                .build()
                .run();
        assertThat(s.errors()).isEqualTo(1);
        assertThat(open().sql("SELECT reason, excerpt FROM v_ingest_errors")
                        .single()
                        .orElseThrow()
                        .string("reason"))
                .contains("longer than 2048 bytes");
        assertThat(count("SELECT count(*) AS n FROM fact_api_call")).isEqualTo(1);
        assertThat(List.of(file)).hasSize(1);
    }
}
