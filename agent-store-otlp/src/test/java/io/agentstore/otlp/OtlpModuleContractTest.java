package io.agentstore.otlp;

import io.agentstore.rag.RagModule;
import io.agentstore.spi.EventIds;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.SchemaModule;
import io.agentstore.testing.SchemaModuleContract;
import io.agentstore.tokens.TokensModule;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** The otlp module passes the schema-module contract kit of agent-store-testing. */
class OtlpModuleContractTest extends SchemaModuleContract {
    private static final List<String> TYPES = List.of("sum", "gauge", "histogram", "exponential_histogram", "summary");

    @Override
    protected SchemaModule module() {
        return OtlpModule.create();
    }

    @Override
    protected List<SchemaModule> neighbours() {
        return List.of(TokensModule.create(), RagModule.withoutEmbedder());
    }

    @Override
    protected FactRecord randomRecord(long seed) {
        Random r = new Random(seed);
        Instant at = Instant.parse("2026-01-01T00:00:00Z")
                .plus(r.nextInt(1_000_000_000), ChronoUnit.MICROS)
                .plusSeconds(r.nextInt(100_000));
        String type = TYPES.get(r.nextInt(TYPES.size()));
        boolean number = type.equals("sum") || type.equals("gauge");
        boolean temporal = !type.equals("gauge") && !type.equals("summary");
        Map<String, Object> attrs = new LinkedHashMap<>();
        if (r.nextBoolean()) {
            attrs.put("type", r.nextBoolean() ? "input" : "cacheRead");
        }
        if (r.nextBoolean()) {
            attrs.put("hostile", "'; DROP TABLE fact_otlp_metric_point; -- \u2028 \"quoted\" \\");
        }
        if (r.nextBoolean()) {
            attrs.put("attempt", (long) r.nextInt(5));
        }
        Map<String, Object> resource = r.nextBoolean()
                ? Map.of()
                : Map.of("service.name", "svc-" + r.nextInt(3), "service.version", "1." + r.nextInt(9));
        return new MetricPoint(
                EventIds.of("otlp", "metric", Long.toString(seed)),
                at,
                null,
                r.nextBoolean() ? "session-" + r.nextInt(4) : null,
                r.nextBoolean() ? "claude_code.token.usage" : "m.\u00e9t\u00e9o " + r.nextInt(3),
                r.nextBoolean() ? null : "tokens",
                type,
                temporal && r.nextBoolean() ? (r.nextBoolean() ? "delta" : "cumulative") : null,
                type.equals("sum") ? r.nextBoolean() : null,
                number && r.nextInt(4) != 0 ? r.nextDouble() * 1e6 - 5e5 : null,
                number ? null : (long) r.nextInt(1000),
                number || r.nextBoolean() ? null : r.nextDouble() * 100,
                r.nextBoolean() ? at.minusSeconds(60) : null,
                r.nextBoolean() ? "claude-sonnet-4-5" : null,
                resource.isEmpty() ? null : (String) resource.get("service.name"),
                resource,
                attrs);
    }
}
