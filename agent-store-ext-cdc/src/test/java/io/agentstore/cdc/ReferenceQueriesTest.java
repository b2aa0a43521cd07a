package io.agentstore.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.spi.Row;
import io.agentstore.testing.MutableClock;
import io.agentstore.testing.StoreExtension;
import io.agentstore.tokens.TokensModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each reference query of {@code sql/queries/cdc/} on a store filled through the real writer, answers by hand. */
class ReferenceQueriesTest {
    final MutableClock clock = MutableClock.at("2026-12-01T12:00:00Z");

    @RegisterExtension
    final StoreExtension stores = StoreExtension.inMemory()
            .install(TokensModule.create(), CdcModule.create())
            .clock(clock);

    static String query(String name) {
        try (InputStream in = ReferenceQueriesTest.class.getResourceAsStream("/agent-store/queries/cdc/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private AgentStore filled() {
        AgentStore s = stores.get();
        CdcFacade cdc = CdcModule.of(s);
        cdc.link(ComponentDependency.of("checkout", "service", "consumes", "orders"));
        cdc.link(ComponentDependency.of("billing", "service", "depends_on", "orders"));
        cdc.link(ComponentDependency.of("orders-svc", "service", "provides", "orders"));
        // down 30 minutes ago, up 2 hours ago, and a healthy other one
        cdc.recordDependencyCheck(DependencyCheck.builder()
                .occurredAt(Instant.parse("2026-12-01T11:30:00Z"))
                .dependency("orders", "api_endpoint")
                .checkType("api_call")
                .available(false)
                .build());
        cdc.recordDependencyCheck(DependencyCheck.builder()
                .occurredAt(Instant.parse("2026-12-01T10:00:00Z"))
                .dependency("orders", "api_endpoint")
                .checkType("api_call")
                .available(true)
                .responseTimeMs(40L)
                .build());
        cdc.recordDependencyCheck(DependencyCheck.builder()
                .occurredAt(Instant.parse("2026-12-01T11:45:00Z"))
                .dependency("search", "external_service")
                .checkType("health_check")
                .responseTimeMs(12L)
                .build());
        for (String[] c : new String[][] {
            {"2026-11-20T00:00:00Z", "BREAKING", "/a"}, {"2026-11-28T00:00:00Z", "BREAKING", "/b"},
            {"2026-11-29T00:00:00Z", "ADDITIVE", "/c"}, {"2026-11-30T00:00:00Z", "BREAKING", "/d"}
        }) {
            cdc.recordChange(Change.builder()
                    .occurredAt(Instant.parse(c[0]))
                    .source("orders-api", null, "orders")
                    .rule("openapi", "openapi.path_x", Classification.valueOf(c[1]), "path_x")
                    .subject(c[2], "GET")
                    .summary(c[2])
                    .affectedComponents(List.of("checkout"))
                    .build());
        }
        cdc.register(SourceRegistration.builder()
                .sourceName("orders-api")
                .sourceType(SourceType.API)
                .location("https://example.com/openapi.json")
                .build());
        s.record(WatermarkCheck.builder()
                .occurredAt(Instant.parse("2026-12-01T09:00:00Z"))
                .sourceName("orders-api")
                .checker("http")
                .validators("\"e1\"", null)
                .contentHash("h1")
                .build());
        s.record(WatermarkCheck.builder()
                .occurredAt(Instant.parse("2026-12-01T10:00:00Z"))
                .sourceName("orders-api")
                .checker("http")
                .unavailable("HTTP 503")
                .build());
        return s;
    }

    @Test
    void unavailableDependenciesOfTheLastHour() {
        List<Row> rows = filled().sql(query("unavailable_dependencies_1h.sql")).rows();
        assertThat(rows)
                .extracting(r -> r.string("dependency_name") + " " + r.instant("checked_at"))
                .containsExactly("orders 2026-12-01T11:30:00Z");
    }

    @Test
    void breakingChangesOfTheLast7DaysAndSince() {
        AgentStore s = filled();
        assertThat(s.sql(query("breaking_changes_7d.sql")).rows())
                .extracting(r -> r.string("subject"))
                .containsExactly("/b", "/d");
        assertThat(s.sql(query("breaking_changes_since.sql"), Instant.parse("2026-11-29T00:00:00Z"))
                        .rows())
                .extracting(r -> r.string("subject"))
                .containsExactly("/d");
    }

    @Test
    void componentsOfADependencyAndTheCascade() {
        AgentStore s = filled();
        assertThat(s.sql(query("components_of_dependency.sql"), "orders").rows())
                .extracting(r -> r.string("component_name") + " " + r.string("relationship_type"))
                .containsExactly("billing depends_on", "checkout consumes");
        assertThat(s.sql(query("impact_cascade.sql"), "orders").rows())
                .extracting(r -> r.string("component_name") + "@" + r.int64("depth"))
                .containsExactly("billing@1", "checkout@1");
    }

    @Test
    void dependencyHealthIsTheLatestCheckWithTheWeeksBreakingChanges() {
        Row r = filled().sql(query("dependency_health.sql"), "orders").rows().get(0);
        assertThat(r.instant("checked_at")).isEqualTo(Instant.parse("2026-12-01T11:30:00Z"));
        assertThat(r.bool("is_available")).isFalse();
        assertThat(r.int64("breaking_changes_7d")).isEqualTo(2);
    }

    @Test
    void theBaselineIsTheLastCheckThatSawTheSource() {
        Row r = filled().sql(query("source_baselines.sql")).rows().get(0);
        assertThat(r.string("source_name")).isEqualTo("orders-api");
        assertThat(r.string("etag")).isEqualTo("\"e1\"");
        assertThat(r.string("content_hash")).isEqualTo("h1");
    }
}
