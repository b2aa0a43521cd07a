package io.agentstore.claudecode;

import static io.agentstore.claudecode.TranscriptPitfallsTest.S;
import static io.agentstore.claudecode.TranscriptPitfallsTest.assistant;
import static io.agentstore.claudecode.TranscriptPitfallsTest.toolResult;
import static io.agentstore.claudecode.TranscriptPitfallsTest.toolUse;
import static io.agentstore.claudecode.TranscriptPitfallsTest.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.spi.Row;
import io.agentstore.tokens.TokensModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The done-when of the redaction seam: a secret in a Bash command of a transcript is in no text column of any
 * table after an import.
 */
class SecretRedactionImportTest {
    @TempDir
    Path dir;

    private Path write(Path projects, String relative, String... lines) throws IOException {
        Path file = projects.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void aSecretInABashCommandIsInNoTextColumnAfterAnImport() throws IOException {
        String github = "ghp_Zq8Xw7Vc6Bn5Ml4Kj3Hg2Fd1Sa0Po9Iu8Yt7R";
        String anthropic = "sk-ant-api03-Qm4Wn5Eb6Rv7Tc8Yx9Uz0Ia1Sb2Dc3Fe4Gf5-Hg6Ih7";
        String password = "Sup3rS3cretPw";
        String command = "export GITHUB_TOKEN=" + github + " && curl -H 'x-api-key: " + anthropic
                + "' https://api.example.com && psql postgres://app:" + password + "@db.internal/app";
        Path projects = dir.resolve("projects");
        write(
                projects,
                "-home-me-app/" + S + ".jsonl",
                user("u1", "2026-01-01T10:00:00Z", "deploy"),
                assistant(
                        "a1",
                        "2026-01-01T10:00:01Z",
                        "msg_1",
                        "req_1",
                        "claude-opus-4-5",
                        1,
                        1,
                        0,
                        0,
                        0,
                        toolUse(
                                "toolu_b",
                                "Bash",
                                "{\"command\":\"" + command.replace("'", "\\u0027") + "\","
                                        + "\"description\":\"deploy\"}")),
                toolResult("u2", "2026-01-01T10:00:02Z", "toolu_b", true, "error: token " + github + " rejected", null),
                // a broken line with the secret: an ingest error keeps an excerpt of it
                "{\"type\":\"user\",\"sessionId\":\"" + S + "\",\"note\":\"" + anthropic + "\", broken");
        try (AgentStore store = AgentStore.builder()
                .path(dir.resolve("s.duckdb"))
                .install(TokensModule.create())
                .build()) {
            ImportSummary summary = ClaudeCodeImporter.builder(store)
                    .projectsDir(projects)
                    .idleAfter(Duration.ZERO)
                    .build()
                    .run();
            assertThat(summary.errors()).isEqualTo(1);
            List<Row> columns = store.sql(
                            "SELECT table_name, column_name FROM information_schema.columns"
                                    + " WHERE table_schema = 'main' AND (data_type LIKE 'VARCHAR%' OR data_type = 'JSON'"
                                    + " OR data_type LIKE '%[]' OR data_type LIKE 'STRUCT%' OR data_type LIKE 'MAP%')"
                                    + " AND table_name IN (SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE')")
                    .rows();
            assertThat(columns).hasSizeGreaterThan(20);
            Map<String, Long> found = new LinkedHashMap<>();
            long placeholders = 0;
            for (Row c : columns) {
                String column = '"' + c.string("table_name") + "\".\"" + c.string("column_name") + '"';
                for (String secret : List.of(github, anthropic, password)) {
                    long n = store.sql(
                                    "SELECT count(*) AS n FROM \"" + c.string("table_name") + "\" WHERE CAST(\""
                                            + c.string("column_name") + "\" AS VARCHAR) LIKE ?",
                                    "%" + secret + "%")
                            .rows()
                            .get(0)
                            .int64("n");
                    if (n > 0) {
                        found.put(column + " holds " + secret, n);
                    }
                }
                placeholders += store.sql("SELECT count(*) AS n FROM \"" + c.string("table_name") + "\" WHERE CAST(\""
                                + c.string("column_name") + "\" AS VARCHAR) LIKE '%[REDACTED:%'")
                        .rows()
                        .get(0)
                        .int64("n");
            }
            assertThat(found).as("columns holding a secret").isEmpty();
            // the command, the result and the excerpt are stored, redacted
            assertThat(placeholders).isGreaterThanOrEqualTo(2);
            assertThat(store.sql("SELECT attributes FROM v_tool_calls WHERE tool_name = 'Bash'")
                            .single()
                            .orElseThrow()
                            .string("attributes"))
                    .containsPattern("\\[REDACTED:github-token:[0-9a-f]{16}\\]")
                    .contains("curl");
            assertThat(store.sql("SELECT excerpt FROM fact_ingest_error")
                            .single()
                            .orElseThrow()
                            .string("excerpt"))
                    .containsPattern("\\[REDACTED:anthropic-key(:[0-9a-f]{16})?\\]");
        }
    }

    private static long count(AgentStore store, String table) {
        return store.sql("SELECT count(*) AS n FROM " + table).rows().get(0).int64("n");
    }

    private static Map<String, Long> factCounts(AgentStore store) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Row t : store.sql("SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'fact_%'"
                        + " AND table_type = 'BASE TABLE' ORDER BY table_name")
                .rows()) {
            counts.put(t.string("table_name"), count(store, t.string("table_name")));
        }
        for (Row t : store.sql("SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'dim_%'"
                        + " AND table_type = 'BASE TABLE' ORDER BY table_name")
                .rows()) {
            counts.put(t.string("table_name"), count(store, t.string("table_name")));
        }
        return counts;
    }
}
