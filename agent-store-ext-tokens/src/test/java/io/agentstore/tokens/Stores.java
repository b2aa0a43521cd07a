package io.agentstore.tokens;

import io.agentstore.AgentStore;
import io.agentstore.core.ApiCall;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;

/** Stores and records for the tokens tests. */
final class Stores {
    private Stores() {
    }

    /** An in-memory store with the tokens module on {@code clock}. */
    static AgentStore open(Clock clock) {
        return AgentStore.builder().inMemory().clock(clock).install(TokensModule.create()).build();
    }

    /**
     * A made-up model priced in dollars per million tokens: input 2, output 10, 5-minute cache write 2.50,
     * 1-hour cache write 4, cache read 0.20; above 200,000 input tokens: 4, 15, 5, 8, 0.40. Context 1,000,000.
     */
    static ModelPrice acmeLarge(Instant from) {
        return ModelPrice.builder().model("acme-large").provider("acme")
                .prices(TokenPrices.perMillion("2", "10", "2.50", "4", "0.20"))
                .tier(200_000, TokenPrices.perMillion("4", "15", "5", "8", "0.40"))
                .limits(1_000_000L, 64_000L).effectiveFrom(from).build();
    }

    /** A made-up cheap model: input 0.50, output 2.50 per million; no cache prices, no tier. Context 100,000. */
    static ModelPrice acmeSmall(Instant from) {
        return ModelPrice.builder().model("acme-small").provider("acme")
                .prices(TokenPrices.perMillion("0.50", "2.50", null, null, null))
                .limits(100_000L, 8_000L).effectiveFrom(from).build();
    }

    static ApiCall.Builder call(String model, String at) {
        return ApiCall.builder().model(model).occurredAt(Instant.parse(at));
    }

    static BigDecimal usd(String s) {
        return new BigDecimal(s);
    }
}
