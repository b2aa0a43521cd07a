package io.agentstore.otlp;

import static io.agentstore.otlp.Payloads.event;
import static io.agentstore.otlp.Payloads.logs;
import static io.agentstore.otlp.Payloads.protobuf;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.claudecode.ClaudeCodeImporter;
import io.agentstore.core.AgentRef;
import io.agentstore.core.ApiCall;
import io.agentstore.spi.EventIds;
import io.agentstore.spi.Row;
import io.agentstore.testing.MutableClock;
import io.agentstore.testing.StoreExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same Claude Code API call and tool call seen in the transcript and over OTLP count once, in either order:
 * the call with the transcript's figures (its 5-minute / 1-hour cache split), the OTLP copy kept as superseded; a
 * store whose transcript calls were imported before the transcript named the OTLP call (an earlier version)
 * keeps no OTLP copy at all.
 */
class TranscriptDedupTest {
    static final String S = Payloads.SESSION;
    static final Instant T = Instant.parse("2026-01-05T10:00:01Z");

    final MutableClock clock = MutableClock.at("2026-02-01T00:00:00Z");

    @RegisterExtension
    final StoreExtension store = StoreExtension.inMemory().clock(clock);

    @TempDir
    Path projects;

    private OtlpReceiver receiver;

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }

    private void importTranscript() throws IOException {
        String assistant = "{\"type\":\"assistant\",\"uuid\":\"a1\",\"sessionId\":\"" + S
                + "\",\"timestamp\":\"2026-01-05T10:00:01Z\",\"requestId\":\"req_1\",\"cwd\":\"/home/me/app\","
                + "\"version\":\"2.1.30\",\"message\":{\"id\":\"msg_1\",\"model\":\"claude-sonnet-4-5\","
                + "\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_9\",\"name\":\"Read\","
                + "\"input\":{\"file_path\":\"/home/me/app/README.md\"}}],\"usage\":{\"input_tokens\":10,"
                + "\"output_tokens\":20,\"cache_read_input_tokens\":30,\"cache_creation_input_tokens\":90,"
                + "\"cache_creation\":{\"ephemeral_5m_input_tokens\":40,\"ephemeral_1h_input_tokens\":50}}}}";
        String result = "{\"type\":\"user\",\"uuid\":\"u2\",\"sessionId\":\"" + S
                + "\",\"timestamp\":\"2026-01-05T10:00:02Z\",\"message\":{\"role\":\"user\",\"content\":["
                + "{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_9\",\"is_error\":false,\"content\":\"hi\"}]}}";
        Path f = projects.resolve("-home-me-app/" + S + ".jsonl");
        Files.createDirectories(f.getParent());
        Files.writeString(f, assistant + "\n" + result + "\n", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2026-01-06T00:00:00Z")));
        ClaudeCodeImporter.builder(store.get())
                .projectsDir(projects)
                .idleAfter(Duration.ofMinutes(30))
                .build()
                .run();
    }

    private void sendOtlp() {
        if (receiver == null) {
            receiver = OtlpReceiver.builder().store(store.get()).port(0).start();
        }
        var r = protobuf(
                receiver.port(),
                "/v1/logs",
                logs(
                        event(
                                "api_request",
                                T,
                                1,
                                "model",
                                "claude-sonnet-4-5",
                                "input_tokens",
                                "10",
                                "output_tokens",
                                "20",
                                "cache_read_tokens",
                                "30",
                                "cache_creation_tokens",
                                "90",
                                "cost_usd",
                                "0.000612",
                                "request_id",
                                "req_1"),
                        event("tool_result", T, 2, "tool_name", "Read", "tool_use_id", "toolu_9", "success", "true")));
        assertThat(r.statusCode()).isEqualTo(200);
    }

    private void assertCountedOnce(long apiCallRows) {
        AgentStore s = store.get();
        List<Row> counted =
                s.sql("SELECT * FROM v_api_calls WHERE NOT is_superseded").rows();
        assertThat(counted).hasSize(1);
        Row call = counted.get(0);
        // the transcript's figures: 10 + 20 + 30 + 40 + 50
        assertThat(call.int64("cache_write_5m_tokens")).isEqualTo(40L);
        assertThat(call.int64("cache_write_1h_tokens")).isEqualTo(50L);
        assertThat(call.int64("total_tokens")).isEqualTo(150L);
        assertThat(call.uuid("event_id")).isEqualTo(EventIds.of("claude-code", "api", "msg_1", "req_1"));
        assertThat(s.sql("SELECT count(*) AS n FROM fact_api_call")
                        .single()
                        .orElseThrow()
                        .int64("n"))
                .isEqualTo(apiCallRows);
        assertThat(s.sql("SELECT count(*) AS n FROM v_tool_calls WHERE NOT is_superseded")
                        .single()
                        .orElseThrow()
                        .int64("n"))
                .isEqualTo(1L);
    }

    @Test
    void transcriptFirstThenOtlpCountsOneCall() throws IOException {
        importTranscript();
        sendOtlp();
        // the OTLP copy is kept (it carries Claude Code's cost), superseded by the transcript's call
        assertCountedOnce(2);
        Row otel = store.get()
                .sql("SELECT * FROM v_api_calls WHERE is_superseded")
                .single()
                .orElseThrow();
        assertThat(otel.uuid("event_id")).isEqualTo(EventIds.of("claude-code", "otel-api", "req_1"));
        assertThat(otel.decimal("reported_cost_usd")).isEqualByComparingTo("0.000612");
    }

    @Test
    void otlpFirstThenTranscriptCountsOneCall() throws IOException {
        sendOtlp();
        assertThat(store.get()
                        .sql("SELECT * FROM v_api_calls WHERE NOT is_superseded")
                        .rows())
                .hasSize(1);
        importTranscript();
        assertCountedOnce(2);
    }

    @Test
    void aStoreWhoseTranscriptCallNamesNoOtlpCallKeepsNoOtlpCopy() {
        // what an earlier version of the importer wrote: the transcript's call, superseding nothing
        store.get()
                .importAll(List.of(new ApiCall(
                        EventIds.of("claude-code", "api", "msg_1", "req_1"),
                        T,
                        null,
                        S,
                        AgentRef.of("claude-code", "main"),
                        null,
                        "claude-sonnet-4-5",
                        "anthropic",
                        "req_1",
                        10,
                        20,
                        30,
                        40,
                        50,
                        null,
                        null,
                        true,
                        null,
                        java.util.Map.of("message_id", "msg_1", "transcript", S))));
        sendOtlp();
        List<Row> rows = store.get().sql("SELECT * FROM v_api_calls").rows();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).int64("total_tokens")).isEqualTo(150L);
    }
}
