package io.agentstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cdc tools through {@code agent-store mcp} as a real process, driven by the MCP SDK's own client: listed
 * read-only with a schema, and answering from a store where {@code cdc check} found a BREAKING change.
 */
class CdcMcpIT {
    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    @Test
    void theCdcToolsAnswerOverStdio() throws Exception {
        String db = dir.resolve("store.duckdb").toString();
        Path spec = Files.writeString(
                dir.resolve("openapi.json"),
                "{\"openapi\":\"3.0.3\",\"paths\":{\"/a\":{\"get\":{\"responses\":{}}},\"/b\":{\"get\":{\"responses\":{}}}}}");
        assertThat(Cli.run(
                                "cdc",
                                "add",
                                "orders-api",
                                "--db",
                                db,
                                "--type",
                                "api",
                                "--location",
                                spec.toString(),
                                "--dependency",
                                "orders",
                                "--consumer",
                                "checkout",
                                "--skill",
                                "orders-skill")
                        .code())
                .isZero();
        assertThat(Cli.run("cdc", "check", "--db", db).code()).isZero();
        Files.writeString(spec, "{\"openapi\":\"3.0.3\",\"paths\":{\"/a\":{\"get\":{\"responses\":{}}}}}");
        assertThat(Cli.run("cdc", "check", "--all", "--db", db).code()).isEqualTo(3);

        McpSyncClient client = McpServerIT.client(dir.resolve("store.duckdb"), dir.toString());
        try {
            List<McpSchema.Tool> tools = client.listTools().tools().stream()
                    .filter(t -> List.of(
                                    "check_dependency_health",
                                    "get_breaking_changes",
                                    "analyze_impact",
                                    "get_skill_freshness")
                            .contains(t.name()))
                    .toList();
            assertThat(tools).hasSize(4).allSatisfy(t -> {
                assertThat(t.annotations().readOnlyHint()).isTrue();
                assertThat(t.inputSchema()).containsEntry("type", "object");
            });
            Map<String, Object> breaking = McpServerIT.call(client, "get_breaking_changes", Map.of());
            assertThat((List<Map<String, Object>>) breaking.get("changes"))
                    .singleElement()
                    .satisfies(c -> {
                        assertThat(c)
                                .containsEntry("rule_id", "openapi.path_removed")
                                .containsEntry("subject", "/b");
                        assertThat(c).containsEntry("affected_components", List.of("checkout", "orders-skill"));
                    });
            assertThat(McpServerIT.call(client, "check_dependency_health", Map.of("name", "orders")))
                    .containsEntry("is_available", true)
                    .containsEntry("breaking_changes_7d", 1);
            assertThat((List<Map<String, Object>>)
                            McpServerIT.call(client, "analyze_impact", Map.of("dependency", "orders"))
                                    .get("components"))
                    .extracting(c -> c.get("component_name"))
                    .containsExactly("checkout");
            assertThat(McpServerIT.call(client, "get_skill_freshness", Map.of()))
                    .containsEntry("stale", 1);
        } finally {
            client.closeGracefully();
        }
    }
}
