package io.agentstore.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.agentstore.testing.MutableClock;
import io.agentstore.testing.StoreExtension;
import io.agentstore.tokens.TokensModule;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second check of 100 unchanged sources (50 local files, 50 HTTP documents with ETags on a loopback server)
 * costs only conditional requests answered 304 and hash comparisons, and records a check fact for each. The
 * durations are printed (the module README quotes them), never asserted.
 */
class SecondCheckTest {
    final MutableClock clock = MutableClock.at("2026-12-01T08:00:00Z");

    @RegisterExtension
    final StoreExtension stores = StoreExtension.file()
            .install(TokensModule.create(), CdcModule.create())
            .clock(clock);

    @TempDir
    Path dir;

    private HttpServer server;
    private final AtomicInteger bodies = new AtomicInteger();
    private final AtomicInteger notModified = new AtomicInteger();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aSecondCheckOfHundredUnchangedSourcesSendsOnlyConditionalRequests() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", x -> {
            String etag = "\"" + x.getRequestURI().getPath().hashCode() + "\"";
            x.getResponseHeaders().add("ETag", etag);
            if (etag.equals(x.getRequestHeaders().getFirst("If-None-Match"))) {
                notModified.incrementAndGet();
                x.sendResponseHeaders(304, -1);
                x.close();
                return;
            }
            bodies.incrementAndGet();
            byte[] b = ("# Doc " + x.getRequestURI().getPath() + "\n" + "text ".repeat(2000))
                    .getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, b.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(b);
            }
        });
        server.start();
        CdcFacade cdc = CdcModule.of(stores.get());
        for (int i = 0; i < 50; i++) {
            Path f = Files.writeString(dir.resolve("doc-" + i + ".md"), "# Doc " + i + "\n" + "text ".repeat(2000));
            cdc.register(SourceRegistration.builder()
                    .sourceName(String.format("file-%02d", i))
                    .sourceType(SourceType.DOCS)
                    .location(f.toString())
                    .build());
            cdc.register(SourceRegistration.builder()
                    .sourceName(String.format("http-%02d", i))
                    .sourceType(SourceType.DOCS)
                    .location("http://127.0.0.1:" + server.getAddress().getPort() + "/doc-" + i + ".md")
                    .build());
        }
        long t0 = System.nanoTime();
        CheckReport first = cdc.checkAll();
        long t1 = System.nanoTime();
        CheckReport second = cdc.checkAll();
        long t2 = System.nanoTime();

        assertThat(first.sources())
                .hasSize(100)
                .allSatisfy(s -> assertThat(s.available()).isTrue());
        assertThat(second.sources()).hasSize(100).allSatisfy(s -> {
            assertThat(s.available()).isTrue();
            assertThat(s.changed()).isFalse();
        });
        assertThat(second.changes()).isEmpty();
        assertThat(bodies.get()).as("bodies sent: the first check only").isEqualTo(50);
        assertThat(notModified.get())
                .as("the second check's requests all answered 304")
                .isEqualTo(50);
        assertThat(stores.get()
                        .sql("SELECT count(*) AS n FROM v_watermark_checks")
                        .rows()
                        .get(0)
                        .int64("n"))
                .isEqualTo(200);
        System.out.printf(
                "cdc: first check of 100 sources %d ms, second (unchanged) %d ms%n",
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
    }
}
