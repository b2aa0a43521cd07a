package io.agentstore.cdc.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP checker against a real server on the loopback address: ETags and 304s, Last-Modified, servers without
 * validators, slow answers, 500s, redirects and an answer that is not HTTP.
 */
class HttpCheckerTest {
    private HttpServer server;
    private ServerSocket garbage;
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicReference<String> body = new AtomicReference<>("v1");
    private final List<Map<String, List<String>>> requests = new CopyOnWriteArrayList<>();
    private final HttpChecker checker = HttpChecker.withTimeout(Duration.ofSeconds(20));
    private String base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/etag", x -> {
            requests.add(Map.copyOf(x.getRequestHeaders()));
            String etag = "\"" + body.get() + "\"";
            x.getResponseHeaders().add("ETag", etag);
            if (etag.equals(x.getRequestHeaders().getFirst("If-None-Match"))) {
                x.sendResponseHeaders(304, -1);
                x.close();
                return;
            }
            send(x, 200, body.get());
        });
        server.createContext("/modified", x -> {
            requests.add(Map.copyOf(x.getRequestHeaders()));
            String lm = "Wed, 02 Dec 2026 10:00:00 GMT";
            x.getResponseHeaders().add("Last-Modified", lm);
            if (lm.equals(x.getRequestHeaders().getFirst("If-Modified-Since"))) {
                x.sendResponseHeaders(304, -1);
                x.close();
                return;
            }
            send(x, 200, body.get());
        });
        server.createContext("/plain", x -> send(x, 200, body.get()));
        server.createContext("/slow", x -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            send(x, 200, "late");
        });
        server.createContext("/error", x -> send(x, 500, "boom"));
        server.createContext("/redirect", x -> {
            x.getResponseHeaders().add("Location", base + "/plain");
            x.sendResponseHeaders(302, -1);
            x.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        garbage = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!garbage.isClosed()) {
                try (Socket s = garbage.accept()) {
                    s.getInputStream().read(new byte[1024]);
                    s.getOutputStream()
                            .write("\u0000\u0001NOT HTTP AT ALL\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                } catch (IOException e) {
                    // closed
                }
            }
        });
        t.setDaemon(true);
        t.start();
    }

    private static void send(HttpExchange x, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    @AfterEach
    void stop() throws IOException {
        release.countDown();
        server.stop(0);
        garbage.close();
    }

    @Test
    void anEtagComesBackAsIfNoneMatchAndA304CostsNoBody() {
        CheckResult first = checker.check(base + "/etag", Baseline.NONE);
        assertThat(first.available()).isTrue();
        assertThat(first.changed()).isFalse(); // nothing to compare with yet
        assertThat(first.etag()).isEqualTo("\"v1\"");
        assertThat(first.content()).isEqualTo("v1");
        // sha-256("v1"), worked out with sha256sum
        assertThat(first.contentHash()).isEqualTo("3bfc269594ef649228e9a74bab00f042efc91d5acc6fbee31a382e80d42388fe");

        Baseline after = new Baseline(first.etag(), first.lastModified(), first.contentHash(), null, Map.of());
        CheckResult second = checker.check(base + "/etag", after);
        assertThat(requests.get(1).get("If-none-match")).containsExactly("\"v1\"");
        assertThat(second.httpStatus()).isEqualTo(304L);
        assertThat(second.changed()).isFalse();
        assertThat(second.content()).isNull();
        assertThat(second.contentHash()).isEqualTo(first.contentHash());

        body.set("v2");
        CheckResult third = checker.check(base + "/etag", after);
        assertThat(third.httpStatus()).isEqualTo(200L);
        assertThat(third.changed()).isTrue();
        assertThat(third.etag()).isEqualTo("\"v2\"");
        assertThat(third.content()).isEqualTo("v2");
    }

    @Test
    void lastModifiedComesBackAsIfModifiedSince() {
        CheckResult first = checker.check(base + "/modified", Baseline.NONE);
        Baseline after = new Baseline(null, first.lastModified(), first.contentHash(), null, Map.of());
        CheckResult second = checker.check(base + "/modified", after);
        assertThat(requests.get(1).get("If-modified-since")).containsExactly("Wed, 02 Dec 2026 10:00:00 GMT");
        assertThat(second.httpStatus()).isEqualTo(304L);
        assertThat(second.changed()).isFalse();
    }

    @Test
    void withoutValidatorsTheHashDecides() {
        CheckResult first = checker.check(base + "/plain", Baseline.NONE);
        Baseline after = new Baseline(null, null, first.contentHash(), null, Map.of());
        assertThat(checker.check(base + "/plain", after).changed()).isFalse();
        body.set("v1 ");
        assertThat(checker.check(base + "/plain", after).changed()).isTrue();
    }

    @Test
    void aSlowServerTimesOutAsUnavailable() {
        // the server answers only when the test ends (30 s at most); the checker gives up after 1 s
        CheckResult r = HttpChecker.withTimeout(Duration.ofSeconds(1)).check(base + "/slow", Baseline.NONE);
        assertThat(r.available()).isFalse();
        assertThat(r.error()).isEqualTo("timed out after 1000 ms");
        assertThat(r.changed()).isFalse();
    }

    @Test
    void a500IsUnavailableWithItsStatus() {
        CheckResult r = checker.check(base + "/error", Baseline.NONE);
        assertThat(r.available()).isFalse();
        assertThat(r.httpStatus()).isEqualTo(500L);
        assertThat(r.error()).isEqualTo("HTTP 500");
    }

    @Test
    void redirectsAreFollowed() {
        CheckResult r = checker.check(base + "/redirect", Baseline.NONE);
        assertThat(r.available()).isTrue();
        assertThat(r.httpStatus()).isEqualTo(200L);
        assertThat(r.content()).isEqualTo("v1");
    }

    @Test
    void anAnswerThatIsNotHttpIsUnavailable() {
        CheckResult r = checker.check("http://127.0.0.1:" + garbage.getLocalPort() + "/", Baseline.NONE);
        assertThat(r.available()).isFalse();
        assertThat(r.error()).startsWith("request failed: ");
    }

    @Test
    void aUrlThatIsNotOneIsUnavailable() {
        assertThat(checker.check("http://bad host/", Baseline.NONE).available()).isFalse();
    }
}
