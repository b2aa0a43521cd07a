package io.agentstore.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstore.AgentStore;
import io.agentstore.spi.ToolArgumentException;
import io.agentstore.spi.ToolResult;
import io.agentstore.testing.MutableClock;
import io.agentstore.testing.StoreExtension;
import io.agentstore.tokens.TokensModule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The four cdc tools answered through {@code AgentStore.callTool}, as the MCP server and owner process call them. */
class CdcToolsTest {
    final MutableClock clock = MutableClock.at("2026-12-01T08:00:00Z");

    @RegisterExtension
    final StoreExtension stores = StoreExtension.inMemory()
            .install(TokensModule.create(), CdcModule.create())
            .clock(clock);

    private static Change breaking(String rule, String subject, Instant at, List<String> affected) {
        return Change.builder()
                .occurredAt(at)
                .source("orders-api", null, "orders")
                .rule("openapi", rule, Classification.BREAKING, "path_removed")
                .subject(subject, "GET")
                .summary(subject + " was removed")
                .affectedComponents(affected)
                .build();
    }

    @SuppressWarnings("unchecked")
    @Test
    void theToolsAnswerFromTheStore() {
        AgentStore store = stores.get();
        CdcFacade cdc = CdcModule.of(store);
        cdc.link(ComponentDependency.of("checkout", "service", "consumes", "orders"));
        cdc.link(ComponentDependency.of("checkout", "service", "provides", "checkout-api"));
        cdc.link(ComponentDependency.of("web", "app", "consumes", "checkout-api"));
        cdc.recordDependencyCheck(DependencyCheck.builder()
                .occurredAt(Instant.parse("2026-12-01T07:00:00Z"))
                .dependency("orders", "api_endpoint")
                .checkType("api_call")
                .available(false)
                .responseTimeMs(5000L)
                .build());
        cdc.recordChange(
                breaking("openapi.path_removed", "/old", Instant.parse("2026-11-20T00:00:00Z"), List.of("checkout")));
        cdc.recordChange(breaking(
                "openapi.path_removed", "/orders/{id}", Instant.parse("2026-11-30T00:00:00Z"), List.of("checkout")));
        cdc.link(SkillSource.of("orders-skill", "orders-api"));

        ToolResult health = store.callTool("check_dependency_health", Map.of("name", "orders"));
        Map<String, Object> h = (Map<String, Object>) health.structured();
        assertThat(h)
                .containsEntry("is_available", false)
                .containsEntry("response_time_ms", 5000L)
                .containsEntry("breaking_changes_7d", 1L);
        assertThat(health.text()).startsWith("Dependency orders is DOWN");
        assertThat((Map<String, Object>) store.callTool("check_dependency_health", Map.of("name", "nope"))
                        .structured())
                .containsEntry("is_known", false);

        Map<String, Object> since =
                (Map<String, Object>) store.callTool("get_breaking_changes", Map.of("since", "2026-11-25"))
                        .structured();
        assertThat(since).containsEntry("count", 1);
        assertThat((List<Map<String, Object>>) since.get("changes"))
                .singleElement()
                .satisfies(c -> assertThat(c)
                        .containsEntry("subject", "/orders/{id}")
                        .containsEntry("classification", "BREAKING")
                        .containsEntry("rule_id", "openapi.path_removed")
                        .containsEntry("affected_components", List.of("checkout")));
        // default: the 7 days before now
        assertThat((Map<String, Object>)
                        store.callTool("get_breaking_changes", Map.of()).structured())
                .containsEntry("count", 1);

        Map<String, Object> impact = (Map<String, Object>)
                store.callTool("analyze_impact", Map.of("dependency", "orders")).structured();
        assertThat((List<Map<String, Object>>) impact.get("components"))
                .extracting(c -> c.get("component_name") + "@" + c.get("depth"))
                .containsExactly("checkout@1", "web@2");

        clock.advance(Duration.ofMinutes(1));
        Map<String, Object> fresh = (Map<String, Object>)
                store.callTool("get_skill_freshness", Map.of()).structured();
        assertThat(fresh).containsEntry("stale", 1L);
        assertThat((List<Map<String, Object>>) fresh.get("skills"))
                .singleElement()
                .satisfies(s -> assertThat(s)
                        .containsEntry("skill_name", "orders-skill")
                        .containsEntry("breaking_changes", 2L)
                        .containsEntry("stale", true));

        assertThatThrownBy(() -> store.callTool("analyze_impact", Map.of()))
                .isInstanceOf(ToolArgumentException.class)
                .hasMessageContaining("dependency is required");
    }
}
