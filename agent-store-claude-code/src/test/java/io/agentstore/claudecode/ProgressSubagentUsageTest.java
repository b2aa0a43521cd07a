package io.agentstore.claudecode;

import static io.agentstore.claudecode.TranscriptPitfallsTest.S;
import static io.agentstore.claudecode.TranscriptPitfallsTest.assistant;
import static io.agentstore.claudecode.TranscriptPitfallsTest.toolResult;
import static io.agentstore.claudecode.TranscriptPitfallsTest.toolUse;
import static io.agentstore.claudecode.TranscriptPitfallsTest.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.agentstore.AgentStore;
import io.agentstore.testing.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sub-agent usage carried in {@code progress} records of the parent transcript (Claude Code 2.1.x), with
 * and without the sub-agent's own file {@code <session>/subagents/agent-<id>.jsonl}: each API call counted
 * once, the sub-agent's, in the parent session, whichever of the two files is imported first. The
 * transcripts are project-made in the shapes of real ones; expected rows are written out by hand.
 */
class ProgressSubagentUsageTest {
    @TempDir
    Path dir;

    Path projects;
    MutableClock clock;
    AgentStore store;

    static final String AGENT = "a5e1c0de7f00d1234";
    static final String M = "claude-sonnet-4-5";
    static final String H = "claude-haiku-4-5";
    static final String TEXT = "[{\"type\":\"text\",\"text\":\"ok\"}]";

    @BeforeEach
    void setUp() {
        projects = dir.resolve("projects");
        clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
        store = AgentStore.builder().path(dir.resolve("s.duckdb")).clock(clock).build();
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    /** The sub-agent's assistant line, as in its own file. */
    static String subagentLine(
            String uuid, String ts, String msg, String req, long in, long out, long cacheRead, long w5m) {
        return "{\"parentUuid\":null,\"isSidechain\":true,\"agentId\":\"" + AGENT + "\",\"message\":{\"model\":\"" + H
                + "\",\"id\":\"" + msg + "\",\"type\":\"message\",\"role\":\"assistant\",\"content\":" + TEXT
                + ",\"stop_reason\":null,\"usage\":{\"input_tokens\":" + in + ",\"cache_creation_input_tokens\":" + w5m
                + ",\"cache_read_input_tokens\":" + cacheRead + ",\"cache_creation\":{\"ephemeral_5m_input_tokens\":"
                + w5m
                + ",\"ephemeral_1h_input_tokens\":0},\"output_tokens\":" + out + ",\"service_tier\":\"standard\"}},"
                + "\"requestId\":\"" + req + "\",\"type\":\"assistant\",\"uuid\":\"" + uuid + "\",\"timestamp\":\"" + ts
                + "\",\"userType\":\"external\",\"cwd\":\"/home/me/app\",\"sessionId\":\"" + S
                + "\",\"version\":\"2.1.30\"}";
    }

    /** The same message carried by a progress record of the parent transcript. */
    static String progressLine(
            String uuid, String ts, String msg, String req, long in, long out, long cacheRead, long w5m) {
        return "{\"parentUuid\":\"a1\",\"isSidechain\":false,\"userType\":\"external\",\"cwd\":\"/home/me/app\","
                + "\"sessionId\":\"" + S + "\",\"version\":\"2.1.30\",\"gitBranch\":\"main\",\"type\":\"progress\","
                + "\"data\":{\"message\":{\"type\":\"assistant\",\"message\":{\"model\":\"" + H + "\",\"id\":\"" + msg
                + "\",\"type\":\"message\",\"role\":\"assistant\",\"content\":" + TEXT + ",\"stop_reason\":null,"
                + "\"usage\":{\"input_tokens\":" + in + ",\"cache_creation_input_tokens\":" + w5m
                + ",\"cache_read_input_tokens\":" + cacheRead + ",\"cache_creation\":{\"ephemeral_5m_input_tokens\":"
                + w5m
                + ",\"ephemeral_1h_input_tokens\":0},\"output_tokens\":" + out + "}},\"requestId\":\"" + req
                + "\",\"uuid\":\"s-" + uuid + "\",\"timestamp\":\"" + ts + "\"},\"normalizedMessages\":[],"
                + "\"type\":\"agent_progress\",\"prompt\":\"look around\",\"agentId\":\"" + AGENT + "\"},"
                + "\"toolUseID\":\"agent_msg_" + uuid + "\",\"parentToolUseID\":\"toolu_T\",\"uuid\":\"" + uuid
                + "\",\"timestamp\":\"" + ts + "\"}";
    }

    /** The parent transcript: a Task tool use, the sub-agent's two responses (the first in two block lines). */
    private void writeParent(boolean withProgress) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(user("u1", "2026-02-01T10:00:00Z", "explore the code"));
        lines.add(assistant(
                "a1",
                "2026-02-01T10:00:01Z",
                "msg_m1",
                "req_m1",
                M,
                3,
                120,
                1000,
                500,
                0,
                toolUse(
                        "toolu_T",
                        "Task",
                        "{\"description\":\"explore\",\"prompt\":\"look around\",\"subagent_type\":\"Explore\"}")));
        if (withProgress) {
            lines.add(progressLine("p1", "2026-02-01T10:00:05Z", "msg_s1", "req_s1", 10, 1, 2000, 300));
            lines.add(progressLine("p2", "2026-02-01T10:00:06Z", "msg_s1", "req_s1", 10, 75, 2000, 300));
            lines.add(progressLine("p3", "2026-02-01T10:00:09Z", "msg_s2", "req_s2", 4, 210, 2300, 0));
        }
        lines.add(toolResult("u2", "2026-02-01T10:00:20Z", "toolu_T", false, "found it", null));
        lines.add(assistant("a2", "2026-02-01T10:00:21Z", "msg_m2", "req_m2", M, 2, 40, 1500, 0, 0, TEXT));
        write(S + ".jsonl", lines);
    }

    private void writeSubagentFile() throws IOException {
        write(
                S + "/subagents/agent-" + AGENT + ".jsonl",
                List.of(
                        "{\"parentUuid\":null,\"isSidechain\":true,\"agentId\":\"" + AGENT
                                + "\",\"type\":\"user\",\"message\":"
                                + "{\"role\":\"user\",\"content\":\"look around\"},\"uuid\":\"su1\",\"timestamp\":\"2026-02-01T10:00:02Z\","
                                + "\"cwd\":\"/home/me/app\",\"sessionId\":\"" + S + "\",\"version\":\"2.1.30\"}",
                        subagentLine("s-p1", "2026-02-01T10:00:05Z", "msg_s1", "req_s1", 10, 1, 2000, 300),
                        subagentLine("s-p2", "2026-02-01T10:00:06Z", "msg_s1", "req_s1", 10, 75, 2000, 300),
                        subagentLine("s-p3", "2026-02-01T10:00:09Z", "msg_s2", "req_s2", 4, 210, 2300, 0)));
        Files.writeString(
                projects.resolve("-home-me-app/" + S + "/subagents/agent-" + AGENT + ".meta.json"),
                "{\"agentType\":\"Explore\",\"description\":\"explore\"}");
    }

    private void write(String relative, List<String> lines) throws IOException {
        Path file = projects.resolve("-home-me-app/" + relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-02-01T11:00:00Z")));
    }

    private void importNow() {
        ClaudeCodeImporter.builder(store)
                .projectsDir(projects)
                .idleAfter(Duration.ofMinutes(30))
                .build()
                .run();
    }

    private List<Tuple> calls() {
        return store
                .sql(
                        "SELECT request_id, session_id, agent_name, agent_type, model_name, input_tokens, output_tokens,"
                                + " cache_read_tokens, cache_write_5m_tokens, json_extract_string(attributes, '$.agent_id') AS agent_id,"
                                + " json_extract_string(attributes, '$.transcript') AS transcript FROM v_api_calls ORDER BY request_id")
                .rows()
                .stream()
                .map(r -> tuple(
                        r.string("request_id"),
                        r.string("session_id"),
                        r.string("agent_name"),
                        r.string("agent_type"),
                        r.string("model_name"),
                        r.int64("input_tokens"),
                        r.int64("output_tokens"),
                        r.int64("cache_read_tokens"),
                        r.int64("cache_write_5m_tokens"),
                        r.string("agent_id"),
                        r.string("transcript")))
                .toList();
    }

    static final List<Tuple> EXPECTED = List.of(
            tuple("req_m1", S, "claude-code", "main", M, 3L, 120L, 1000L, 500L, null, S),
            tuple("req_m2", S, "claude-code", "main", M, 2L, 40L, 1500L, 0L, null, S),
            tuple("req_s1", S, "claude-code/Explore", "subagent", H, 10L, 75L, 2000L, 300L, AGENT, S),
            tuple("req_s2", S, "claude-code/Explore", "subagent", H, 4L, 210L, 2300L, 0L, AGENT, S));

    /** Sums of (calls, input, output, cache write, cache read, total) of one report's rows, and its rows. */
    private static String sums(AgentStore s, String periodSql, String from) {
        return s.sql("SELECT count(*) AS periods, CAST(sum(calls) AS BIGINT) AS calls, CAST(sum(i) AS BIGINT) AS i,"
                        + " CAST(sum(o) AS BIGINT) AS o, CAST(sum(w) AS BIGINT) AS w, CAST(sum(r) AS BIGINT) AS r,"
                        + " CAST(sum(t) AS BIGINT) AS t, list(t ORDER BY period) AS per_period FROM (SELECT "
                        + periodSql
                        + " AS period, count(*) AS calls, sum(input_tokens) AS i, sum(output_tokens) AS o,"
                        + " sum(cache_write_tokens) AS w, sum(cache_read_tokens) AS r, sum(total_tokens) AS t FROM "
                        + from
                        + " GROUP BY ALL)")
                .single()
                .orElseThrow()
                .toString();
    }

    /**
     * The sums that {@code report daily}, {@code report session} and {@code report blocks} show (the same
     * grouping as the CLI's report SQL: UTC day of each call, the call's transcript, the tokens module's
     * 5-hour windows) agree with each other over the whole store, sub-agent usage from progress records and
     * the sub-agent's file included once, and equal the hand-counted figures. (ccusage 20.0.24, run by hand
     * on the progress-only files, gives the same daily figures, 8064, 60 and 10; its session and blocks
     * reports leave progress records out, 3165 and 70.)
     */
    @Test
    void dailySessionAndBlockTotalsAgreeWithProgressRecordsOnly() throws IOException {
        writeParent(true);
        totalsAgree("progress.duckdb");
    }

    @Test
    void dailySessionAndBlockTotalsAgreeWithProgressRecordsAndTheSubagentFile() throws IOException {
        writeParent(true);
        writeSubagentFile();
        totalsAgree("both.duckdb");
    }

    private void totalsAgree(String db) throws IOException {
        String s2 = "22222222-2222-2222-2222-222222222222";
        write(
                s2 + ".jsonl",
                List.of(
                        assistant("b1", "2026-02-03T23:30:00Z", "msg_b1", "req_b1", M, 1, 9, 50, 0, 0, TEXT)
                                .replace(S, s2),
                        assistant("b2", "2026-02-04T01:00:00Z", "msg_b2", "req_b2", M, 2, 8, 0, 0, 0, TEXT)
                                .replace(S, s2)));
        try (AgentStore s = AgentStore.builder()
                .path(dir.resolve(db))
                .install(io.agentstore.tokens.TokensModule.create())
                .clock(clock)
                .build()) {
            ClaudeCodeImporter.builder(s).projectsDir(projects).build().run();
            String calls = "(SELECT c.*, 1 AS calls FROM v_api_call_costs c WHERE NOT is_superseded)";
            String daily = sums(s, "strftime(timezone('UTC', occurred_at), '%Y-%m-%d')", calls);
            String session = sums(s, "coalesce(json_extract_string(attributes, '$.transcript'), session_id)", calls);
            String blocks = s.sql("SELECT count(*) AS periods, CAST(sum(calls) AS BIGINT) AS calls,"
                            + " CAST(sum(input_tokens) AS BIGINT) AS i, CAST(sum(output_tokens) AS BIGINT) AS o,"
                            + " CAST(sum(cache_write_tokens) AS BIGINT) AS w, CAST(sum(cache_read_tokens) AS BIGINT) AS r,"
                            + " CAST(sum(total_tokens) AS BIGINT) AS t, list(total_tokens ORDER BY window_start) AS per_period"
                            + " FROM v_usage_windows")
                    .single()
                    .orElseThrow()
                    .toString();
            // 6 calls: 3+2+10+4+1+2 input, 120+40+75+210+9+8 output, 500+300 cache writes, 1000+1500+2000+2300+50 reads
            String totals = "calls=6, i=22, o=462, w=800, r=6850, t=8134";
            assertThat(daily).contains("periods=3, " + totals, "per_period=[8064, 60, 10]");
            assertThat(session).contains("periods=2, " + totals, "per_period=[8064, 70]");
            assertThat(blocks).contains("periods=2, " + totals, "per_period=[8064, 70]");
        }
    }

    @Test
    void whileTheParentIsLiveOnlyTheLastMessageOfEachStreamIsHeldBack() throws IOException {
        write(
                S + ".jsonl",
                List.of(
                        user("u1", "2026-02-01T10:00:00Z", "explore the code"),
                        assistant(
                                "a1",
                                "2026-02-01T10:00:01Z",
                                "msg_m1",
                                "req_m1",
                                M,
                                3,
                                120,
                                1000,
                                500,
                                0,
                                toolUse(
                                        "toolu_T",
                                        "Task",
                                        "{\"description\":\"explore\",\"prompt\":\"look around\",\"subagent_type\":\"Explore\"}")),
                        progressLine("p1", "2026-02-01T10:00:05Z", "msg_s1", "req_s1", 10, 1, 2000, 300),
                        progressLine("p2", "2026-02-01T10:00:06Z", "msg_s1", "req_s1", 10, 75, 2000, 300),
                        progressLine("p3", "2026-02-01T10:00:09Z", "msg_s2", "req_s2", 4, 210, 2300, 0)));
        clock.set(Instant.parse("2026-02-01T11:00:10Z"));
        importNow();
        // the parent's own last message (waiting for the sub-agent) and the sub-agent's last one are held back
        assertThat(calls()).containsExactly(EXPECTED.get(2));
        // the sub-agent is done (its tool use has its result), the parent writes its next message: only that is held
        Path parent = projects.resolve("-home-me-app/" + S + ".jsonl");
        String before = Files.readString(parent);
        writeParent(true);
        assertThat(Files.readString(parent)).as("the file grew").startsWith(before);
        clock.set(Instant.parse("2026-02-01T11:00:10Z"));
        importNow();
        assertThat(calls()).containsExactly(EXPECTED.get(0), EXPECTED.get(2), EXPECTED.get(3));
        assertThat(store.sql("SELECT count(*) AS n FROM fact_ingest_run WHERE is_reread")
                        .single()
                        .orElseThrow()
                        .int64("n"))
                .isZero();
        clock.set(Instant.parse("2026-02-01T12:00:00Z"));
        importNow();
        assertThat(calls()).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void progressRecordsAloneCountTheSubagentsCalls() throws IOException {
        writeParent(true);
        importNow();
        assertThat(calls()).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void theSubagentFileAloneCountsTheSubagentsCalls() throws IOException {
        writeParent(false);
        writeSubagentFile();
        importNow();
        assertThat(calls()).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void bothInOneImportAreCountedOnce() throws IOException {
        writeParent(true);
        writeSubagentFile();
        importNow();
        assertThat(calls()).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void theParentFirstThenTheSubagentFileAreCountedOnce() throws IOException {
        writeParent(true);
        importNow();
        writeSubagentFile();
        importNow();
        assertThat(calls()).containsExactlyElementsOf(EXPECTED);
        importNow();
        assertThat(calls()).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void theSubagentFileFirstThenTheParentAreCountedOnce() throws IOException {
        writeSubagentFile();
        importNow();
        writeParent(true);
        importNow();
        assertThat(calls()).containsExactlyElementsOf(EXPECTED);
        importNow();
        assertThat(calls()).containsExactlyElementsOf(EXPECTED);
    }
}
