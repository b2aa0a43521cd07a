package io.agentstore.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.audit.AuditModule;
import io.agentstore.audit.Prompt;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secret quoted in a hook answer's log line ({@link HookAnswers#log}, the hook log beside the database) is written
 * as the store's keyed placeholder, the same one the audit module stores for the same secret in a prompt.
 */
class HookLogRedactionTest {
    static final String KEY = "AKIA" + "Q3EGRMHJ7XBKP2ZT";
    static final Pattern PLACEHOLDER = Pattern.compile("\\[REDACTED:aws-access-key:[0-9a-f]{16}\\]");

    @TempDir
    Path dir;

    private static String placeholder(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        assertThat(m.find()).as("a keyed placeholder in '%s'", text).isTrue();
        return m.group();
    }

    @Test
    void aSecretInAHookLogLineIsTheKeyedPlaceholderTheAuditModuleStores() throws Exception {
        Path db = dir.resolve("store.duckdb");
        String audited;
        try (AgentStore store =
                AgentStore.builder().path(db).install(AuditModule.create()).build()) {
            UUID id = AuditModule.of(store)
                    .recordPrompt(new Prompt(
                            null,
                            Instant.parse("2026-03-01T09:00:00Z"),
                            null,
                            "s1",
                            null,
                            null,
                            null,
                            null,
                            "export AWS_ACCESS_KEY_ID=" + KEY,
                            null,
                            null,
                            null,
                            null,
                            Map.of()));
            audited = AuditModule.of(store).prompt(id).orElseThrow().text();
        }
        HookAnswers.forDatabase(db, () -> null).log("PreToolUse", "denied: curl -H 'key: " + KEY + "'\nsecond line");
        String log = Files.readString(dir.resolve(HookAnswers.LOG_NAME), StandardCharsets.UTF_8);
        assertThat(log).doesNotContain(KEY).contains("PreToolUse denied: curl -H 'key: [REDACTED:aws-access-key:");
        assertThat(placeholder(log)).isEqualTo(placeholder(audited));
    }
}
