package io.agentstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstore.core.ErrorEvent;
import io.agentstore.core.SessionEvent;
import io.agentstore.core.ToolCall;
import io.agentstore.spi.Redaction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store-wide redaction seam with keyed placeholders: a store with a file redacts every module's writes with the
 * key in {@code <database>.redaction-key} (owner-only), equal secrets get equal placeholders, another store (another
 * key) different ones; in memory the placeholders are plain. And the one in-place change a decision may make: text
 * replaced by its redaction, nothing else.
 */
class KeyedRedactionTest {
    private static final Pattern KEYED = Pattern.compile("\\[REDACTED:aws-access-key:([0-9a-f]{16})\\]");
    private static final String KEY = "AKIAIOSFODNN7EXAMPLE";

    @TempDir
    Path dir;

    private static String stored(AgentStore store) {
        return store.sql("SELECT (SELECT string_agg(attributes::VARCHAR, ' ') FROM fact_tool_call) || ' '"
                        + " || (SELECT string_agg(message, ' ') FROM fact_error) AS t")
                .rows()
                .get(0)
                .string("t");
    }

    private static void recordSecretTwice(AgentStore store) {
        store.core()
                .recordToolCall(ToolCall.builder()
                        .tool("Bash")
                        .attribute("input", Map.of("command", "aws s3 ls --key " + KEY))
                        .build());
        store.core()
                .recordError(ErrorEvent.builder()
                        .errorType("boom")
                        .message("failed with " + KEY)
                        .build());
    }

    private static java.util.List<String> hashes(String text) {
        java.util.List<String> found = new java.util.ArrayList<>();
        Matcher m = KEYED.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    void aFileStoreKeysItsPlaceholdersEqualSecretsMatchAndTheKeyIsOwnerOnly() throws Exception {
        Path file = dir.resolve("a.duckdb");
        String first;
        try (AgentStore store = AgentStore.builder().path(file).build()) {
            recordSecretTwice(store);
            first = stored(store);
        }
        assertThat(first).doesNotContain(KEY);
        java.util.List<String> a = hashes(first);
        assertThat(a).as(first).hasSize(2);
        assertThat(a.get(0))
                .as("the same secret in attributes and in free text")
                .isEqualTo(a.get(1));
        Path key = file.resolveSibling("a.duckdb.redaction-key");
        assertThat(Redaction.keyFile(file)).isEqualTo(key);
        assertThat(Files.size(key)).isEqualTo(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                .isEqualTo("rw-------");
        // reopened: the same key, the same placeholder
        try (AgentStore store = AgentStore.builder().path(file).build()) {
            recordSecretTwice(store);
            assertThat(hashes(stored(store))).hasSize(4).containsOnly(a.get(0));
        }
        // another store, another key
        try (AgentStore other =
                AgentStore.builder().path(dir.resolve("b.duckdb")).build()) {
            recordSecretTwice(other);
            java.util.List<String> b = hashes(stored(other));
            assertThat(b).hasSize(2).doesNotContain(a.get(0));
        }
        // in memory: plain placeholders
        try (AgentStore memory = AgentStore.builder().inMemory().build()) {
            recordSecretTwice(memory);
            assertThat(stored(memory)).contains("[REDACTED:aws-access-key]").doesNotContain(KEY);
        }
    }

    @Test
    void aDecisionMayReplaceTextByItsRedactionAndNothingElse() {
        try (AgentStore store =
                AgentStore.builder().path(dir.resolve("c.duckdb")).build()) {
            UUID id = store.core()
                    .recordError(ErrorEvent.builder()
                            .errorType("boom")
                            .message("token 0123 in the log")
                            .build());
            assertThatThrownBy(() -> store.inTransaction(
                            tx -> tx.replaceRedacted("fact_error", id, Map.of("message", "token 9999 in the log"))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("fact_error.message")
                    .hasMessageContaining("not the stored one with parts replaced by redaction placeholders");
            assertThatThrownBy(() -> store.inTransaction(tx -> tx.replaceRedacted(
                            "fact_error",
                            id,
                            Map.of(
                                    "error_type",
                                    "[REDACTED:x]",
                                    "message",
                                    "token [REDACTED:password] in the log",
                                    "occurred_at",
                                    "x"))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("fact_error.occurred_at");
            assertThatThrownBy(() -> store.inTransaction(
                            tx -> tx.replaceRedacted("dim_session", id, Map.of("session_id", "[REDACTED:x]"))))
                    .hasMessageContaining("table must be a fact table");
            boolean changed = store.inTransaction(tx -> {
                boolean c = tx.replaceRedacted(
                        "fact_error", id, Map.of("message", "token [REDACTED:password:0123456789abcdef] in the log"));
                tx.record(SessionEvent.builder()
                        .sessionId("s")
                        .eventType("redacted")
                        .build());
                return c;
            });
            assertThat(changed).isTrue();
            assertThat(store.sql("SELECT message FROM fact_error").rows().get(0).string("message"))
                    .isEqualTo("token [REDACTED:password:0123456789abcdef] in the log");
            boolean rolledBack = store.inTransaction(
                    tx -> tx.replaceRedacted("fact_error", id, Map.of("message", "[REDACTED:password] in the log")));
            assertThat(rolledBack).isTrue();
            assertThat(store.sql("SELECT message FROM fact_error").rows().get(0).string("message"))
                    .as("a decision that records no fact is rolled back, its rewrite too")
                    .isEqualTo("token [REDACTED:password:0123456789abcdef] in the log");
        }
    }
}
