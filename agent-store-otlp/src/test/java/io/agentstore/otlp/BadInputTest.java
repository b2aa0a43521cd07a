package io.agentstore.otlp;

import static io.agentstore.otlp.Payloads.event;
import static io.agentstore.otlp.Payloads.logs;
import static io.agentstore.otlp.Payloads.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.testing.MutableClock;
import io.agentstore.testing.StoreExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bad input gets a clear HTTP error naming what was wrong, is counted, and the receiver goes on answering: garbage,
 * truncated protobuf, broken JSON and gzip, another content type, bodies over the limit (declared, streamed and
 * gunzipped), and a client that stops sending mid-body.
 */
class BadInputTest {
    static final Instant T = Instant.parse("2026-02-10T09:30:00Z");

    final MutableClock clock = MutableClock.at("2026-02-10T10:00:00Z");

    @RegisterExtension
    final StoreExtension store = StoreExtension.inMemory().clock(clock);

    private OtlpReceiver receiver;

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }

    private int start(OtlpReceiver.Builder b) {
        receiver = b.store(store.get()).port(0).start();
        return receiver.port();
    }

    private static byte[] good(String requestId) {
        return logs(event(
                        "api_request",
                        T,
                        1,
                        "model",
                        "claude-sonnet-4-5",
                        "input_tokens",
                        "3",
                        "request_id",
                        requestId))
                .toByteArray();
    }

    private static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.ISO_8859_1);
    }

    private long apiCalls() {
        return store.get()
                .sql("SELECT count(*) AS n FROM fact_api_call")
                .single()
                .orElseThrow()
                .int64("n");
    }

    @Test
    void malformedBodiesAre400NamingTheProblemAndCountedAndTheServerGoesOn() {
        int port = start(OtlpReceiver.builder());
        byte[] garbage = new byte[512];
        new Random(7).nextBytes(garbage);
        HttpResponse<byte[]> r = post(port, "/v1/logs", "application/x-protobuf", garbage, null);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(text(r)).contains("not a valid protobuf ExportLogsServiceRequest");

        byte[] full = good("r-ok");
        r = post(port, "/v1/logs", "application/x-protobuf", Arrays.copyOf(full, full.length / 2), null);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(text(r)).contains("ExportLogsServiceRequest");

        r = post(
                port, "/v1/traces", "application/json", "{\"resourceSpans\": [".getBytes(StandardCharsets.UTF_8), null);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(text(r)).startsWith("{\"code\":3,\"message\":\"body is not JSON");

        r = post(
                port,
                "/v1/metrics",
                "application/json",
                "{\"resourceMetrics\": 5}".getBytes(StandardCharsets.UTF_8),
                null);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(text(r)).contains("ExportMetricsServiceRequest");

        r = post(port, "/v1/logs", "application/x-protobuf", full, "gzip");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(text(r)).contains("not valid gzip");

        r = post(port, "/v1/logs", "text/plain", full, null);
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(text(r))
                .contains("Content-Type must be application/x-protobuf or application/json, was 'text/plain'");

        r = post(port, "/v1/logs", "application/x-protobuf", full, "br");
        assertThat(r.statusCode()).isEqualTo(415);

        assertThat(post(port, "/v2/logs", "application/x-protobuf", full, null).statusCode())
                .isEqualTo(404);

        // the server goes on, and a gzipped body is taken
        r = post(port, "/v1/logs", "application/x-protobuf; charset=binary", Payloads.gzip(full), "gzip");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(apiCalls()).isEqualTo(1L);

        OtlpStats s = receiver.stats();
        assertThat(s.requests()).isEqualTo(8L);
        assertThat(s.badRequests()).isEqualTo(5L);
        assertThat(s.unsupported()).isEqualTo(2L);
        assertThat(s.accepted()).isEqualTo(1L);
        // each malformed body is on record beside the importers' bad lines
        assertThat(store.get()
                        .sql("SELECT count(*) AS n FROM v_ingest_errors WHERE source = 'otlp'")
                        .single()
                        .orElseThrow()
                        .int64("n"))
                .isEqualTo(5L);
    }

    @Test
    void bodiesOverTheLimitAre413BeforeAndAfterGzip() {
        int port = start(OtlpReceiver.builder().maxBodyBytes(4096));
        byte[] big = logs(event("api_request", T, 1, "model", "m", "request_id", "r1", "padding", "x".repeat(5000)))
                .toByteArray();
        HttpResponse<byte[]> r = post(port, "/v1/logs", "application/x-protobuf", big, null);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(text(r)).contains("over the limit of 4096 bytes");
        // small on the wire, over the limit once gunzipped
        byte[] bomb = Payloads.gzip(new byte[1024 * 1024]);
        assertThat(bomb.length).isLessThan(4096);
        r = post(port, "/v1/logs", "application/x-protobuf", bomb, "gzip");
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(text(r)).contains("gunzipped body is over the limit of 4096 bytes");
        assertThat(post(port, "/v1/logs", "application/x-protobuf", good("r2"), null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(receiver.stats().tooLarge()).isEqualTo(2L);
        assertThat(apiCalls()).isEqualTo(1L);
    }

    @Test
    void aHundredMegabyteBodyIsRefusedWithoutStoringAnythingAndTheServerGoesOn() {
        int port = start(OtlpReceiver.builder());
        byte[] huge = new byte[100 * 1024 * 1024];
        try {
            HttpResponse<byte[]> r = post(port, "/v1/logs", "application/x-protobuf", huge, null);
            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(text(r)).contains("body of 104857600 bytes is over the limit of 20971520 bytes");
        } catch (UncheckedIOException e) {
            // the receiver answered 413 from the declared length and closed the connection while the client was
            // still writing: some clients then report the closed connection instead of the answer
        }
        assertThat(receiver.stats().tooLarge()).isEqualTo(1L);
        assertThat(post(port, "/v1/logs", "application/x-protobuf", good("after"), null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(apiCalls()).isEqualTo(1L);
    }

    @Test
    void aClientThatStopsMidBodyIsCutOffAndTheOnlyWorkerAnswersTheNext() throws IOException {
        int port = start(OtlpReceiver.builder().threads(1).readTimeout(Duration.ofMillis(500)));
        byte[] body = good("stalled");
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /v1/logs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-protobuf\r\n"
                            + "Content-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, 10);
            out.flush();
            // the one worker waits for the rest until the read timeout closes the exchange; the client then
            // gets no answer (nothing was acknowledged)
            s.setSoTimeout(30_000);
            InputStream in = s.getInputStream();
            byte[] answer = in.readAllBytes();
            assertThat(new String(answer, StandardCharsets.ISO_8859_1)).doesNotContain("200 OK");
        }
        assertThat(post(port, "/v1/logs", "application/x-protobuf", good("next"), null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(store.get().sql("SELECT request_id FROM fact_api_call").rows())
                .extracting(row -> row.string("request_id"))
                .isEqualTo(List.of("next"));
    }

    @Test
    void aThousandConcurrentExportsAreAllStored() throws Exception {
        int port = start(OtlpReceiver.builder());
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        List<java.util.concurrent.CompletableFuture<HttpResponse<Void>>> sent = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            sent.add(client.sendAsync(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/v1/logs"))
                            .header("Content-Type", "application/x-protobuf")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(good("c" + i)))
                            .build(),
                    HttpResponse.BodyHandlers.discarding()));
        }
        for (var f : sent) {
            assertThat(f.get(2, java.util.concurrent.TimeUnit.MINUTES).statusCode())
                    .isEqualTo(200);
        }
        assertThat(apiCalls()).isEqualTo(1000L);
        assertThat(receiver.stats().accepted()).isEqualTo(1000L);
    }
}
