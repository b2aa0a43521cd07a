package io.agentstore.tokens;

import io.agentstore.AgentStore;
import io.agentstore.core.ApiCall;
import io.agentstore.testing.MutableClock;
import io.agentstore.testing.StoreExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** Stores and records for the tokens tests. */
final class Stores {
    private Stores() {}

    private static final AtomicInteger COPIES = new AtomicInteger();
    private static Path folder;
    private static Path template;

    /**
     * The store of a tokens test: a file store with the tokens module on {@code clock}. Loading the bundled
     * price table into a new database takes most of a second (one dimension member at a time through the
     * writer), so each store starts as a copy of one template database that has it, created once per JVM with a
     * clock in 2000 (before every test clock).
     */
    static StoreExtension store(Clock clock) {
        return StoreExtension.file().install(TokensModule.create()).clock(clock).copyOf(Stores::template);
    }

    /** The template database (the tokens module and its bundled prices), created on first use. */
    static synchronized Path template() {
        folder();
        return template;
    }

    private static synchronized Path folder() {
        if (folder == null) {
            try {
                folder = Files.createTempDirectory("agent-store-tokens-test");
                template = folder.resolve("template.duckdb");
                AgentStore.builder()
                        .path(template)
                        .clock(MutableClock.at("2000-01-01T00:00:00Z"))
                        .install(TokensModule.create())
                        .build()
                        .close();
                Path root = folder;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(root)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return folder;
    }

    private static void deleteQuietly(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }

    /**
     * A made-up model priced in dollars per million tokens: input 2, output 10, 5-minute cache write 2.50,
     * 1-hour cache write 4, cache read 0.20; above 200,000 input tokens: 4, 15, 5, 8, 0.40. Context 1,000,000.
     */
    static ModelPrice acmeLarge(Instant from) {
        return ModelPrice.builder()
                .model("acme-large")
                .provider("acme")
                .prices(TokenPrices.perMillion("2", "10", "2.50", "4", "0.20"))
                .tier(200_000, TokenPrices.perMillion("4", "15", "5", "8", "0.40"))
                .limits(1_000_000L, 64_000L)
                .effectiveFrom(from)
                .build();
    }

    /** A made-up cheap model: input 0.50, output 2.50 per million; no cache prices, no tier. Context 100,000. */
    static ModelPrice acmeSmall(Instant from) {
        return ModelPrice.builder()
                .model("acme-small")
                .provider("acme")
                .prices(TokenPrices.perMillion("0.50", "2.50", null, null, null))
                .limits(100_000L, 8_000L)
                .effectiveFrom(from)
                .build();
    }

    static ApiCall.Builder call(String model, String at) {
        return ApiCall.builder().model(model).occurredAt(Instant.parse(at));
    }

    static BigDecimal usd(String s) {
        return new BigDecimal(s);
    }
}
