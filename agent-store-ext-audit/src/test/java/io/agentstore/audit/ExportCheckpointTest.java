package io.agentstore.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentstore.AgentStore;
import io.agentstore.spi.Json;
import io.agentstore.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every export writes the audit chain's head into its manifest ({@code checkpoints.audit}: head, facts, at),
 * through the module's export checkpoint: the head {@code verify --head} prints, the number of sealed facts and the
 * store clock's instant. A store without the audit module writes no checkpoints.
 */
class ExportCheckpointTest {
    @TempDir
    Path dir;

    @Test
    void theManifestHoldsTheHeadOfTheChain() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:30:00Z"));
        try (AgentStore store = AgentStore.builder()
                .path(dir.resolve("a.duckdb"))
                .clock(clock)
                .install(AuditModule.create())
                .build()) {
            AuditFacade audit = AuditModule.of(store);
            audit.recordPrompt(Prompt.of("s1", "one", new UserRef("me", "box", null, null)));
            audit.recordPrompt(Prompt.of("s1", "two", new UserRef("me", "box", null, null)));
            store.export().json(dir.resolve("out")).run();
            JsonNode manifest = Json.MAPPER.readTree(
                    dir.resolve("out").resolve("_manifest.json").toFile());
            JsonNode cp = manifest.path("checkpoints").path("audit");
            assertThat(cp.path("head").asText()).isEqualTo(audit.head()).hasSize(64);
            assertThat(cp.path("facts").asLong()).isEqualTo(2);
            assertThat(cp.path("at").asText()).isEqualTo("2026-03-01T09:30:00Z");
            // the head is the chain hash of the second link: SHA-256(first link's chain hash || its content hash)
            var links = store.sql("SELECT chain_hash, content_hash FROM fact_audit_chain ORDER BY seq")
                    .rows();
            String expected =
                    sha256(links.get(0).string("chain_hash") + links.get(1).string("content_hash"));
            assertThat(cp.path("head").asText()).isEqualTo(expected);
        }
        try (AgentStore plain =
                AgentStore.builder().path(dir.resolve("b.duckdb")).build()) {
            plain.export().json(dir.resolve("plain")).run();
            JsonNode manifest = Json.MAPPER.readTree(
                    dir.resolve("plain").resolve("_manifest.json").toFile());
            assertThat(manifest.has("checkpoints")).isFalse();
        }
    }

    private static String sha256(String s) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
