package io.agentstore.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstore.AgentStore;
import io.agentstore.spi.ToolArgumentException;
import io.agentstore.spi.ToolResult;
import io.agentstore.tokens.TokensModule;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerServerTest {
    @TempDir
    Path dir;

    private static HttpResponse<String> post(int port, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ping"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"));
        if (token != null) {
            b.header(OwnerServer.TOKEN_HEADER, token);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theOwnerAnswersOnlyWithItsTokenAndClientsAreForwardedToIt() throws Exception {
        Path db = dir.resolve("store.duckdb");
        try (AgentStore store = AgentStore.builder()
                        .path(db)
                        .install(TokensModule.create())
                        .build();
                OwnerServer owner =
                        OwnerServer.start(store, db, Map.of("echo", (s, args) -> "echoed " + args.get("x")))) {
            Path file = OwnerFile.besideDatabase(db);
            assertThat(Files.getPosixFilePermissions(file))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            OwnerFile described = OwnerFile.read(db).orElseThrow();
            assertThat(described.port()).isEqualTo(owner.port());
            assertThat(post(owner.port(), null).statusCode()).isEqualTo(401);
            assertThat(post(owner.port(), "0".repeat(64)).statusCode()).isEqualTo(401);
            assertThat(post(owner.port(), described.token()).statusCode()).isEqualTo(200);

            // the file is held by the owner: a client reaches it only by forwarding
            StoreAccess access = StoreAccess.forDatabase(
                    db, () -> AgentStore.builder().install(TokensModule.create()), Duration.ZERO);
            assertThat(access.owner()).isPresent();
            ToolResult r = access.callTool("get_recent_actions", Map.of("limit", 3));
            assertThat(r.structured()).asString().contains("actions");
            assertThat(access.sql("SELECT 41 + 1 AS answer", List.of(), 10, Duration.ofSeconds(5))
                            .rows())
                    .containsExactly(List.of(42));
            assertThat(access.write("echo", Map.of("x", "hello"), s -> "local")).isEqualTo("echoed hello");
            assertThatThrownBy(() -> access.callTool("get_cost_report", Map.of("period", "someday")))
                    .isInstanceOf(ToolArgumentException.class)
                    .satisfies(e ->
                            assertThat(((ToolArgumentException) e).argument()).isEqualTo("period"));
            assertThatThrownBy(() -> access.sql("DELETE FROM fact_tool_call", List.of(), 10, Duration.ofSeconds(5)))
                    .isInstanceOf(ToolArgumentException.class)
                    .hasMessageContaining("read statement");
        }
        assertThat(OwnerFile.besideDatabase(db)).doesNotExist();
    }

    @Test
    void withoutAnOwnerEachCallOpensTheFileAndLetsGoOfIt() {
        Path db = dir.resolve("store.duckdb");
        try (AgentStore store =
                AgentStore.builder().path(db).install(TokensModule.create()).build()) {
            assertThat(store.tools()).isNotEmpty();
        }
        StoreAccess access = StoreAccess.forDatabase(
                db, () -> AgentStore.builder().install(TokensModule.create()), Duration.ofSeconds(5));
        assertThat(access.owner()).isEmpty();
        assertThat(access.callTool("get_usage_stats", Map.of("days", 3)).structured())
                .asString()
                .contains("per_day");
        // not held between calls: this process can open it again at once
        try (AgentStore again = AgentStore.builder()
                .path(db)
                .install(TokensModule.create())
                .lockWait(Duration.ZERO)
                .build()) {
            assertThat(again.path()).isPresent();
        }
    }
}
