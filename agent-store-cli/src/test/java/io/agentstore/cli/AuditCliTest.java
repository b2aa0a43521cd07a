package io.agentstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.audit.AuditModule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agent-store redact --rescan} on a real file whose rows were stored before today's rules (written with plain
 * SQL, as an older version without them would have): the secrets go, the counts per rule are printed, the hash
 * chain still verifies and still catches an edit, and a second rescan replaces nothing. And
 * {@code agent-store report prompts}.
 */
class AuditCliTest {
    private static final String AWS = "AKIAIOSFODNN7EXAMPLE";
    private static final String GITHUB = "ghp_16C7e42F292c6912E7710c838347Ae178B4a";
    private static final String MAIL = "alice@example.com";

    @TempDir
    Path dir;

    private static String sha256(String s) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> strings(Connection c, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Test
    void rescanReplacesOldSecretsCountsThemKeepsTheChainAndIsIdempotent() throws Exception {
        Path file = dir.resolve("s.duckdb");
        AgentStore.builder().path(file).install(AuditModule.create()).build().close();
        UUID prompt = UUID.fromString("00000000-0000-0000-0000-00000000000a");
        UUID error = UUID.fromString("00000000-0000-0000-0000-00000000000b");
        String promptText = "deploy with " + AWS + ", then mail " + MAIL;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
                PreparedStatement p = c.prepareStatement("INSERT INTO fact_prompt BY NAME SELECT ?::UUID AS event_id,"
                        + " TIMESTAMPTZ '2026-01-01 10:00:00+00' AS occurred_at,"
                        + " TIMESTAMPTZ '2026-01-01 10:00:01+00' AS recorded_at, ? AS prompt_text, ? AS prompt_hash");
                PreparedStatement e = c.prepareStatement("INSERT INTO fact_error BY NAME SELECT ?::UUID AS event_id,"
                        + " TIMESTAMPTZ '2026-01-01 10:00:02+00' AS occurred_at,"
                        + " TIMESTAMPTZ '2026-01-01 10:00:03+00' AS recorded_at, 'error' AS severity,"
                        + " 'auth' AS error_type, ? AS message,"
                        + " '{\"command\": \"curl -H x:" + GITHUB + "\"}'::JSON AS attributes")) {
            p.setString(1, prompt.toString());
            p.setString(2, promptText);
            p.setString(3, sha256(promptText));
            p.execute();
            e.setString(1, error.toString());
            e.setString(2, "token " + GITHUB + " rejected, key " + AWS);
            e.execute();
        }
        // a writable open seals the old prompt into the chain, secret and all
        AgentStore.builder().path(file).install(AuditModule.create()).build().close();
        Cli before = Cli.run("verify", "--db", file.toString());
        assertThat(before.out()).as(before.err()).startsWith("intact: 1 audit facts");

        Cli rescan = Cli.run("redact", "--rescan", "--db", file.toString());
        assertThat(rescan.code()).as(rescan.err()).isZero();
        // by hand: the prompt has one AWS key and one e-mail; the error's message an AWS key and a GitHub token, its
        // attributes the same GitHub token: aws 2, github 2, email 1, in 2 facts
        assertThat(rescan.out())
                .contains("aws-access-key: 2\n")
                .contains("github-token: 2\n")
                .contains("email: 1\n")
                .contains("replaced 5 value(s) in 2 fact(s)");

        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file)) {
            for (String t : List.of("fact_prompt", "fact_error")) {
                String all = String.join(
                        " ",
                        strings(
                                c,
                                "SELECT CAST(COLUMNS(*) AS VARCHAR) FROM " + t + " WHERE event_id IN ('" + prompt
                                        + "', '" + error + "')"));
                assertThat(all).doesNotContain(AWS).doesNotContain(GITHUB).doesNotContain(MAIL);
            }
            String stored = strings(c, "SELECT prompt_text FROM fact_prompt").get(0);
            assertThat(stored)
                    .matches("deploy with \\[REDACTED:aws-access-key:[0-9a-f]{16}\\], then mail"
                            + " \\[REDACTED:email:[0-9a-f]{16}\\]");
            assertThat(strings(c, "SELECT prompt_hash FROM fact_prompt").get(0)).isEqualTo(sha256(stored));
            // equal secrets, equal placeholders: the AWS key of the prompt and of the error join
            Matcher m = Pattern.compile("\\[REDACTED:aws-access-key:[0-9a-f]{16}\\]")
                    .matcher(stored);
            assertThat(m.find()).isTrue();
            assertThat(strings(c, "SELECT message FROM fact_error").get(0)).endsWith("key " + m.group());
            assertThat(strings(
                            c,
                            "SELECT fact_table || '.' || column_name || ' ' || rule_name || ' ' || replaced"
                                    + " FROM fact_audit_redaction ORDER BY 1"))
                    .containsExactly(
                            "fact_error.attributes github-token 1",
                            "fact_error.message aws-access-key 1",
                            "fact_error.message github-token 1",
                            "fact_prompt.prompt_text aws-access-key 1",
                            "fact_prompt.prompt_text email 1");
        }
        Cli after = Cli.run("verify", "--db", file.toString());
        assertThat(after.code()).as(after.out()).isZero();
        assertThat(after.out()).as("the prompt and the five rescan entries").startsWith("intact: 6 audit facts");

        Cli again = Cli.run("redact", "--rescan", "--db", file.toString());
        assertThat(again.code()).isZero();
        assertThat(again.out()).startsWith("replaced 0 value(s) in 0 fact(s)");

        // still tamper-evident: an edit of the rescanned prompt, and its rescan entries removed, are caught
        Path copy = dir.resolve("copy.duckdb");
        Files.copy(file, copy);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE fact_prompt SET prompt_text = replace(prompt_text, 'deploy', 'delete')");
        }
        Cli edited = Cli.run("verify", "--db", file.toString());
        assertThat(edited.code()).isEqualTo(1);
        assertThat(edited.out()).startsWith("edited: fact_prompt " + prompt + " at position 1 of 6");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + copy);
                Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM fact_audit_redaction WHERE fact_table = 'fact_prompt'");
        }
        Cli removed = Cli.run("verify", "--db", copy.toString());
        assertThat(removed.code()).isEqualTo(1);
        assertThat(removed.out()).startsWith("edited: fact_prompt " + prompt + " at position 1 of 6");
    }

    @Test
    void reportPromptsGroupsByUserInADateRange() throws Exception {
        Path file = dir.resolve("r.duckdb");
        try (AgentStore store =
                AgentStore.builder().path(file).install(AuditModule.create()).build()) {
            var audit = AuditModule.of(store);
            for (String[] p : new String[][] {
                {"2026-01-05T10:00:00Z", "ann", "0.250"}, {"2026-01-06T10:00:00Z", "ann", "0.500"},
                {"2026-01-07T10:00:00Z", "ben", "0.125"}, {"2026-02-01T10:00:00Z", "ann", "9.000"}
            }) {
                audit.recordPrompt(new io.agentstore.audit.Prompt(
                        null,
                        java.time.Instant.parse(p[0]),
                        null,
                        "s-" + p[1],
                        "t",
                        null,
                        "m",
                        "acme",
                        "hello",
                        null,
                        new io.agentstore.audit.UserRef(p[1], "box", null, null),
                        100L,
                        new java.math.BigDecimal(p[2]),
                        java.util.Map.of()));
            }
        }
        Cli r = Cli.run(
                "report",
                "prompts",
                "--by",
                "user",
                "--since",
                "2026-01-01",
                "--until",
                "2026-01-31",
                "-z",
                "UTC",
                "--json",
                "--db",
                file.toString());
        assertThat(r.code()).as(r.err()).isZero();
        // January only: ann 2 prompts 0.75, ben 1 prompt 0.125; February's 9.000 is outside
        assertThat(r.out().replace(" ", ""))
                .contains("\"grp\":\"ann@box\",\"prompts\":2")
                .contains("\"cost_usd\":0.750000")
                .contains("\"grp\":\"ben@box\",\"prompts\":1")
                .doesNotContain("9.000000");
        assertThat(r.out().indexOf("ann@box")).isLessThan(r.out().indexOf("ben@box"));
        Cli bad = Cli.run("report", "prompts", "--by", "day", "--db", file.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--by must be template, model or user");
    }
}
