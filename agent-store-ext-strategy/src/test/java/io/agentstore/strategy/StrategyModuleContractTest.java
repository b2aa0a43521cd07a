package io.agentstore.strategy;

import io.agentstore.core.AgentRef;
import io.agentstore.core.TaskRef;
import io.agentstore.quality.QualityModule;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.SchemaModule;
import io.agentstore.testing.SchemaModuleContract;
import io.agentstore.tokens.TokensModule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/** The strategy module passes the schema-module contract kit of agent-store-testing. */
class StrategyModuleContractTest extends SchemaModuleContract {
    @Override
    protected SchemaModule module() {
        return StrategyModule.create();
    }

    @Override
    protected List<SchemaModule> dependencies() {
        return List.of(TokensModule.create(), QualityModule.create());
    }

    /**
     * One of the six record types by {@code seed % 6}, filled from the seed; a task's description and type and a
     * model's provider are functions of their ids, and times grow with the seed.
     */
    @Override
    protected FactRecord randomRecord(long seed) {
        Random r = new Random(seed);
        UUID id = new UUID(r.nextLong(), r.nextLong());
        Instant at = Instant.parse("2025-01-01T00:00:00Z").plusSeconds(seed * 1_000 + r.nextInt(1_000));
        int n = r.nextInt(4);
        TaskRef task = new TaskRef(
                "T" + n,
                "task " + n,
                List.of("refactor", "debug", "review", "test").get(n));
        AgentRef agent = r.nextBoolean() ? AgentRef.of("agent-" + n) : null;
        return switch ((int) (seed % 6)) {
            case 0 -> {
                StrategyAttempt.Builder b = StrategyAttempt.builder()
                        .eventId(id)
                        .occurredAt(at)
                        .agent(agent)
                        .task(task)
                        .strategy("strategy-" + r.nextInt(3))
                        .durationMs((long) r.nextInt(100_000))
                        .metric("files", n)
                        .links(r.nextBoolean() ? new UUID(seed, 2) : null, null)
                        .source("agent");
                yield r.nextBoolean()
                        ? b.succeeded().build()
                        : b.failed("reason " + n).build();
            }
            case 1 ->
                new StrategyAdjustment(
                        id,
                        at,
                        null,
                        null,
                        agent,
                        task.type(),
                        r.nextBoolean() ? "old-" + n : null,
                        "new-" + n,
                        "because " + seed,
                        r.nextInt(101) / 100.0,
                        (long) r.nextInt(20),
                        Map.of());
            case 2 ->
                new PatternUsage(
                        id,
                        at,
                        null,
                        "s" + n,
                        r.nextBoolean() ? task : null,
                        "pattern-" + n,
                        List.of("context7", "github", "project").get(n % 3),
                        r.nextInt(101) / 100.0,
                        (long) r.nextInt(10_000_000),
                        Map.of());
            case 3 -> {
                ThinkingLevel level = ThinkingLevel.values()[r.nextInt(ThinkingLevel.values().length)];
                yield new RouteChange(
                        id,
                        at,
                        null,
                        "core:cmd" + n,
                        "model-" + n,
                        "provider-" + n,
                        level,
                        level.budgetTokens(),
                        r.nextBoolean() ? "why" : null,
                        Map.of());
            }
            case 4 ->
                new WorkflowState(
                        id, at, null, r.nextBoolean() ? "s" + n : null, Map.of("phase", "p" + n, "task", n), Map.of());
            default -> new MetadataEntry(id, at, null, "key-" + n, r.nextBoolean() ? "value " + seed : null, Map.of());
        };
    }
}
