package io.agentstore.rag;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.audit.AuditModule;
import io.agentstore.audit.Prompt;
import io.agentstore.testing.MutableClock;
import io.agentstore.testing.StoreExtension;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A secret in a retrieval's query text is stored as the store's keyed placeholder
 * ({@code [REDACTED:<type>:<16 hex>]}, the key beside the database), the same placeholder the audit module stores
 * for the same secret in a prompt: equal secrets stay joinable across modules, and nothing reversible is kept.
 */
class KeyedRedactionTest {
    static final String KEY = "AKIA" + "Q3EGRMHJ7XBKP2ZT";
    static final Pattern PLACEHOLDER = Pattern.compile("\\[REDACTED:aws-access-key:[0-9a-f]{16}\\]");

    @RegisterExtension
    final StoreExtension store = StoreExtension.file()
            .install(RagModule.withEmbedder(new HashingEmbedder()), AuditModule.create())
            .clock(MutableClock.at("2026-03-01T10:00:00Z"));

    private static String placeholder(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        assertThat(m.find()).as("a keyed placeholder in '%s'", text).isTrue();
        return m.group();
    }

    @Test
    void aSecretInAQueryIsTheSameKeyedPlaceholderAsInAnAuditPrompt() {
        AgentStore s = store.get();
        UUID prompt = AuditModule.of(s)
                .recordPrompt(new Prompt(
                        null,
                        Instant.parse("2026-03-01T09:00:00Z"),
                        null,
                        "s1",
                        null,
                        null,
                        null,
                        null,
                        "deploy with " + KEY,
                        null,
                        null,
                        null,
                        null,
                        Map.of()));
        s.recordAll(List.of(new ChunkRetrieval(
                null,
                Instant.parse("2026-03-01T09:01:00Z"),
                null,
                UUID.randomUUID(),
                "s1",
                "where is " + KEY + " used",
                0.5,
                "keyword",
                1L,
                null,
                Map.of())));
        String stored = s.sql("SELECT query_text FROM fact_chunk_retrieval")
                .rows()
                .get(0)
                .string("query_text");
        assertThat(stored).doesNotContain(KEY).startsWith("where is [REDACTED:aws-access-key:");
        String audited = AuditModule.of(s).prompt(prompt).orElseThrow().text();
        assertThat(placeholder(stored)).isEqualTo(placeholder(audited));
    }
}
