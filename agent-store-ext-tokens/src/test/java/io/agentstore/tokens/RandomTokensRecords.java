package io.agentstore.tokens;

import io.agentstore.core.AgentRef;
import io.agentstore.core.TaskRef;
import io.agentstore.spi.FactRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Seeded random records of the tokens module for the contract kit's round trip: every fact type, optional
 * fields present or absent, text with quotes and comment markers, natural keys unique per record.
 */
final class RandomTokensRecords {
    private static final String[] NASTY = {"'", "\"", ";", "--", "/*", "\\", "é", "日本", "🙂", " ", "%", "_", "?"};
    private final Random random;
    private final String unique;

    RandomTokensRecords(long seed) {
        this.random = new Random(seed);
        this.unique = Long.toString(seed, 36) + "-" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
    }

    private String text() {
        StringBuilder b = new StringBuilder(Long.toString(random.nextLong() & 0xFFFFFF, 36));
        for (int i = random.nextInt(3); i > 0; i--) {
            b.append(NASTY[random.nextInt(NASTY.length)]);
        }
        return b.toString();
    }

    private String maybe() {
        return random.nextInt(3) == 0 ? null : text();
    }

    private Long maybeCount() {
        return random.nextInt(3) == 0 ? null : (long) random.nextInt(1 << 20);
    }

    private long count() {
        return random.nextInt(1 << 24);
    }

    /** An instant between 2000 and 2040, in whole microseconds. */
    private Instant instant() {
        long seconds = Instant.parse("2000-01-01T00:00:00Z").getEpochSecond()
                + (long) (random.nextDouble() * 40 * 365 * 86_400);
        return Instant.ofEpochSecond(seconds, random.nextInt(1_000_000) * 1000L);
    }

    private ComponentRef component() {
        return new ComponentRef(
                "component-" + unique + text(),
                random.nextBoolean() ? "skill" : "agent",
                random.nextBoolean() ? "/repo/" + text() : null);
    }

    private AgentRef agent() {
        return new AgentRef("agent-" + unique, "main", random.nextBoolean() ? "hash-" + unique : null);
    }

    private TaskRef task() {
        return new TaskRef("task-" + unique, text(), "debug");
    }

    private TokenCounts tokens() {
        return TokenCounts.of(count(), count(), count(), count(), count());
    }

    private String price() {
        return BigDecimal.valueOf(random.nextInt(100_000), 3).toPlainString();
    }

    /** A record of one of the six fact types of the tokens module, with its event id and instant set. */
    FactRecord any() {
        UUID id = new UUID(random.nextLong(), random.nextLong());
        Instant at = instant();
        String model = "model-" + unique;
        return switch (random.nextInt(6)) {
            case 0 -> {
                TokenUsage.Builder b = TokenUsage.builder()
                        .eventId(id)
                        .occurredAt(at)
                        .component(component())
                        .model(model, "acme")
                        .invocationContext(random.nextBoolean() ? "skill_load" : "other")
                        .tokens(tokens());
                if (random.nextBoolean()) {
                    b.sessionId("session-" + unique).agent(agent()).task(task());
                }
                if (random.nextBoolean()) {
                    b.attribute("k" + text(), text());
                }
                yield b.build();
            }
            case 1 -> {
                long window = 1000 + random.nextInt(1_000_000);
                ContextOverflow.Builder b = ContextOverflow.builder()
                        .eventId(id)
                        .occurredAt(at)
                        .sessionId("session-" + unique)
                        .model(model, "acme")
                        .contextWindowTokens(random.nextBoolean() ? window : null)
                        .tokensAtOverflow(random.nextInt((int) window))
                        .tokensAfter(maybeCount())
                        .compacted(random.nextBoolean() ? "manual" : "auto");
                if (random.nextBoolean()) {
                    b.agent(agent());
                }
                List<String> dropped = new ArrayList<>();
                for (int i = random.nextInt(3); i > 0; i--) {
                    dropped.add(text());
                }
                yield b.dropped(dropped).build();
            }
            case 2 ->
                ComponentMeasurement.builder()
                        .eventId(id)
                        .occurredAt(at)
                        .component(component())
                        .file("/repo/" + unique + "/" + text(), random.nextBoolean() ? "md" : "json")
                        .sizes(count(), count(), count(), count())
                        .estimatedTokens(count(), "chars/4")
                        .contentHash("h" + unique)
                        .build();
            case 3 -> {
                CostAllocation.Builder b = CostAllocation.builder()
                        .eventId(id)
                        .occurredAt(at)
                        .component(component())
                        .method(random.nextBoolean() ? "proportional" : "direct");
                if (random.nextBoolean()) {
                    b.sessionId("session-" + unique)
                            .task(task())
                            .shareOfSession(BigDecimal.valueOf(random.nextInt(1001), 3));
                } else {
                    b.shareOfApiCall(
                            new UUID(random.nextLong(), random.nextLong()),
                            BigDecimal.valueOf(random.nextInt(1001), 3));
                }
                yield b.build();
            }
            case 4 -> {
                CommandRun.Builder b = CommandRun.builder()
                        .eventId(id)
                        .occurredAt(at)
                        .sessionId("session-" + unique)
                        .command("command-" + text())
                        .model(model, "acme")
                        .thinkingBudgetTokens(maybeCount())
                        .durationMs(maybeCount())
                        .tokens(tokens());
                if (random.nextBoolean()) {
                    b.failed("error-" + text());
                }
                yield b.build();
            }
            default -> {
                ModelPrice.Builder b = ModelPrice.builder()
                        .eventId(id)
                        .effectiveFrom(at)
                        .model(model)
                        .provider("acme")
                        .prices(TokenPrices.perMillion(
                                price(),
                                price(),
                                random.nextBoolean() ? price() : null,
                                random.nextBoolean() ? price() : null,
                                random.nextBoolean() ? price() : null))
                        .limits(maybeCount(), maybeCount())
                        .source("override", "/prices/" + unique + ".json");
                if (random.nextBoolean()) {
                    b.tier(
                            100_000 + random.nextInt(1_000_000),
                            TokenPrices.perMillion(price(), price(), null, null, null));
                }
                yield b.build();
            }
        };
    }
}
