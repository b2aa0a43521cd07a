package io.agentstore.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.agentstore.AgentStore;
import io.agentstore.claudecode.ClaudeCodeImporter;
import io.agentstore.testing.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project-made Claude Code transcript imported into a store with the audit module: its user prompts and
 * assistant texts become prompts and responses through the source-neutral events, each response linked to
 * the prompt before it, a secret planted in a prompt is redacted before storage, and importing again stores
 * nothing twice.
 */
class TranscriptImportTest {
    static final String S = "22222222-2222-2222-2222-222222222222";
    static final String KEY = "AKIA" + "Q3EGRMHJ7XBKP2ZT";

    @TempDir
    Path dir;

    static String user(String uuid, String ts, String text) {
        return "{\"type\":\"user\",\"uuid\":\"" + uuid + "\",\"sessionId\":\"" + S + "\",\"timestamp\":\"" + ts
                + "\",\"cwd\":\"/home/me/app\",\"version\":\"2.0.1\",\"isSidechain\":false,"
                + "\"message\":{\"role\":\"user\",\"content\":\"" + text + "\"}}";
    }

    static String assistant(String uuid, String ts, String msg, String text) {
        return "{\"type\":\"assistant\",\"uuid\":\"" + uuid + "\",\"sessionId\":\"" + S + "\",\"timestamp\":\"" + ts
                + "\",\"requestId\":\"req_" + uuid + "\",\"cwd\":\"/home/me/app\",\"version\":\"2.0.1\","
                + "\"message\":{\"id\":\"" + msg + "\",\"model\":\"claude-sonnet-4-5\",\"role\":\"assistant\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"" + text + "\"}],\"usage\":{\"input_tokens\":5,"
                + "\"output_tokens\":7,\"cache_read_input_tokens\":0,\"cache_creation_input_tokens\":0}}}";
    }

    @Test
    void promptsAndResponsesOfATranscriptAreOnRecordRedactedAndLinked() throws IOException {
        Path file = dir.resolve("projects/-home-me-app/" + S + ".jsonl");
        Files.createDirectories(file.getParent());
        Files.writeString(
                file,
                String.join(
                                "\n",
                                List.of(
                                        user("u1", "2026-01-01T10:00:00Z", "deploy with key " + KEY + " please"),
                                        assistant("a1", "2026-01-01T10:00:02Z", "msg_1", "Deploying now."),
                                        user("u2", "2026-01-01T10:05:00Z", "and roll back?"),
                                        assistant("a2", "2026-01-01T10:05:03Z", "msg_2", "Rolled back.")))
                        + "\n",
                StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T12:00:00Z")));
        try (AgentStore store = AgentStore.builder()
                .path(dir.resolve("s.duckdb"))
                .clock(new MutableClock(Instant.parse("2026-02-01T00:00:00Z")))
                .install(AuditModule.create())
                .build()) {
            ClaudeCodeImporter.builder(store)
                    .projectsDir(dir.resolve("projects"))
                    .build()
                    .run();
            AuditFacade audit = AuditModule.of(store);
            List<Prompt> prompts = audit.prompts(S);
            assertThat(prompts).hasSize(2);
            assertThat(prompts.get(0).text())
                    .matches("deploy with key \\[REDACTED:aws-access-key:[0-9a-f]{16}\\] please");
            assertThat(prompts.get(1).text()).isEqualTo("and roll back?");
            assertThat(AuditRedaction.keyFile(dir.resolve("s.duckdb"))).exists();
            assertThat(audit.prompts(S))
                    .allSatisfy(p -> assertThat(p.user().osUser()).isEqualTo(System.getProperty("user.name")));
            // the imported session knows who recorded it: the OS user of this machine (core's dim_session.user_key)
            assertThat(store.sql("SELECT os_user FROM v_session_users WHERE session_id = ?", S)
                            .single()
                            .orElseThrow()
                            .string("os_user"))
                    .isEqualTo(System.getProperty("user.name"));
            assertThat(audit.responses(S))
                    .extracting(Response::text, Response::model)
                    .containsExactly(
                            tuple("Deploying now.", "claude-sonnet-4-5"), tuple("Rolled back.", "claude-sonnet-4-5"));
            assertThat(store.sql("SELECT prompt_text, response_text FROM v_prompt_responses ORDER BY prompted_at")
                            .rows())
                    .extracting(r -> r.string("prompt_text"), r -> r.string("response_text"))
                    .containsExactly(
                            tuple(prompts.get(0).text(), "Deploying now."), tuple("and roll back?", "Rolled back."));
            assertThat(store.sql("SELECT count(*) AS n FROM fact_prompt WHERE prompt_text LIKE '%" + KEY + "%'")
                            .single()
                            .orElseThrow()
                            .int64("n"))
                    .isZero();

            ClaudeCodeImporter.builder(store)
                    .projectsDir(dir.resolve("projects"))
                    .rescan()
                    .build()
                    .run();
            assertThat(store.sql(
                                    "SELECT (SELECT count(*) FROM fact_prompt) AS p, (SELECT count(*) FROM fact_response) AS r")
                            .single()
                            .orElseThrow())
                    .satisfies(r -> {
                        assertThat(r.int64("p")).isEqualTo(2);
                        assertThat(r.int64("r")).isEqualTo(2);
                    });
        }
    }
}
