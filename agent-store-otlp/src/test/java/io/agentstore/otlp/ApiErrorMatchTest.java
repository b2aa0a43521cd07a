package io.agentstore.otlp;

import static io.agentstore.otlp.Payloads.event;
import static io.agentstore.otlp.Payloads.logs;
import static io.agentstore.otlp.Payloads.protobuf;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.claudecode.ClaudeCodeImporter;
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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Claude Code's {@code api_error} event and the transcript's API error line of the same failure count once, in
 * either order: matched on the request id when both carry one, else on the session and a time at most 10 s apart;
 * the one recorded second supersedes the one stored first, and neither id changes.
 */
class ApiErrorMatchTest {
    static final String S = Payloads.SESSION;
    static final Instant T = Instant.parse("2026-01-05T10:00:00Z");

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

    /** The assistant line Claude Code writes when an API call failed for good ({@code isApiErrorMessage}). */
    private void importTranscript(String requestId) throws IOException {
        String line = "{\"type\":\"assistant\",\"uuid\":\"e1\",\"sessionId\":\"" + S + "\",\"timestamp\":\"" + T
                + "\"," + (requestId == null ? "" : "\"requestId\":\"" + requestId + "\",")
                + "\"isApiErrorMessage\":true,\"cwd\":\"/home/me/app\",\"version\":\"2.1.30\",\"message\":{\"id\":"
                + "\"msg_err\",\"model\":\"<synthetic>\",\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":"
                + "\"API Error: 529 {\\\"type\\\":\\\"error\\\",\\\"error\\\":{\\\"type\\\":\\\"overloaded_error\\\"}}\"}],"
                + "\"usage\":{\"input_tokens\":0,\"output_tokens\":0}}}";
        Path f = projects.resolve("-home-me-app/" + S + ".jsonl");
        Files.createDirectories(f.getParent());
        Files.writeString(f, line + "\n", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2026-01-06T00:00:00Z")));
        ClaudeCodeImporter.builder(store.get())
                .projectsDir(projects)
                .idleAfter(Duration.ofMinutes(30))
                .build()
                .run();
    }

    private void sendOtlp(Instant at, String requestId) {
        sendOtlp(at, requestId, at.toEpochMilli());
    }

    /** Claude Code's {@code api_error} event; its {@code event.sequence} names the record (a retry repeats it). */
    private void sendOtlp(Instant at, String requestId, long sequence) {
        if (receiver == null) {
            receiver = OtlpReceiver.builder().store(store.get()).port(0).start();
        }
        List<Object> kvs = new ArrayList<>(
                List.of("model", "claude-sonnet-4-5", "error", "Overloaded", "status_code", "529", "attempt", "3"));
        if (requestId != null) {
            kvs.add("request_id");
            kvs.add(requestId);
        }
        assertThat(protobuf(receiver.port(), "/v1/logs", logs(event("api_error", at, sequence, kvs.toArray())))
                        .statusCode())
                .isEqualTo(200);
    }

    private long counted() {
        return store.get()
                .sql("SELECT count(*) AS n FROM v_errors WHERE NOT is_superseded")
                .single()
                .orElseThrow()
                .int64("n");
    }

    private List<Row> errors() {
        return store.get().sql("SELECT * FROM v_errors ORDER BY recorded_at").rows();
    }

    @Test
    void transcriptFirstThenOtlpCountsOneError() throws IOException {
        importTranscript(null);
        UUID transcript = errors().get(0).uuid("event_id");
        sendOtlp(T.plusMillis(1500), null);
        assertThat(counted()).isEqualTo(1L);
        List<Row> rows = errors();
        assertThat(rows).hasSize(2);
        // the transcript's error keeps its id; the OTLP one, recorded second, supersedes it
        assertThat(rows.get(0).uuid("event_id")).isEqualTo(transcript);
        assertThat(rows.get(0).bool("is_superseded")).isTrue();
        Row otel = rows.get(1);
        assertThat(otel.uuid("supersedes_event_id")).isEqualTo(transcript);
        assertThat(otel.string("error_type")).isEqualTo("api_error_529");
        assertThat(otel.jsonObject("attributes")).containsEntry("matched_error", transcript.toString());
    }

    @Test
    void otlpFirstThenTranscriptCountsOneError() throws IOException {
        sendOtlp(T.minusSeconds(4), null);
        UUID otel = errors().get(0).uuid("event_id");
        importTranscript(null);
        assertThat(counted()).isEqualTo(1L);
        List<Row> rows = errors();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).uuid("event_id")).isEqualTo(otel);
        assertThat(rows.get(0).bool("is_superseded")).isTrue();
        assertThat(rows.get(1).uuid("supersedes_event_id")).isEqualTo(otel);
        assertThat(rows.get(1).string("error_type")).isEqualTo("api_error");
        assertThat(rows.get(1).string("message")).startsWith("API Error: 529");
    }

    @Test
    void errorsMoreThanTheWindowApartBothCount() throws IOException {
        importTranscript(null);
        sendOtlp(T.plusSeconds(11), null);
        assertThat(counted()).isEqualTo(2L);
    }

    @Test
    void anotherSessionsErrorIsNotMatched() throws IOException {
        importTranscript(null);
        if (receiver == null) {
            receiver = OtlpReceiver.builder().store(store.get()).port(0).start();
        }
        var other = event("api_error", T, 7, "error", "Overloaded", "status_code", "529");
        other.put("session.id", "another-session");
        assertThat(protobuf(receiver.port(), "/v1/logs", logs(other)).statusCode())
                .isEqualTo(200);
        assertThat(counted()).isEqualTo(2L);
    }

    @Test
    void equalRequestIdsMatchOutsideTheWindowAndOtherRequestIdsDoNotMatchInsideIt() throws IOException {
        importTranscript("req_err_1");
        sendOtlp(T.plusSeconds(2), "req_err_2");
        assertThat(counted()).isEqualTo(2L);
        sendOtlp(T.plusSeconds(40), "req_err_1");
        assertThat(counted()).isEqualTo(2L);
        assertThat(store.get()
                        .sql("SELECT count(*) AS n FROM v_errors WHERE is_superseded")
                        .single()
                        .orElseThrow()
                        .int64("n"))
                .isEqualTo(1L);
    }

    @Test
    void aRetriedExportOfAMatchedErrorChangesNothing() throws IOException {
        importTranscript(null);
        sendOtlp(T.plusSeconds(1), null, 7);
        sendOtlp(T.plusSeconds(1), null, 7);
        assertThat(errors()).hasSize(2);
        assertThat(counted()).isEqualTo(1L);
    }
}
