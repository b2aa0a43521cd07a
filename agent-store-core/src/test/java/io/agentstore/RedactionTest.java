package io.agentstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstore.core.ErrorEvent;
import io.agentstore.core.ToolCall;
import io.agentstore.spi.Json;
import io.agentstore.spi.Redaction;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The default secret rules, each against its samples, and the store applying them before anything is stored. */
class RedactionTest {

    record Sample(String rule, boolean positive, String text, String secret) {}

    static List<Sample> samples() throws IOException {
        try (InputStream in = RedactionTest.class.getClassLoader().getResourceAsStream("redaction/samples.tsv")) {
            List<Sample> samples = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] p = line.split("\t", -1);
                samples.add(new Sample(p[0], p[1].equals("positive"), p[2].replace("\\n", "\n"), p[3]));
            }
            return samples;
        }
    }

    @Test
    void everyDefaultRuleHasAPositiveAndANegativeSample() throws IOException {
        Set<String> rules = new TreeSet<>();
        Redaction.defaults().rules().forEach(r -> rules.add(r.name()));
        assertThat(rules)
                .contains(
                        "aws-access-key",
                        "github-token",
                        "anthropic-key",
                        "openai-key",
                        "slack-token",
                        "google-api-key",
                        "stripe-key",
                        "jwt",
                        "private-key",
                        "url-password",
                        "connection-string-password",
                        "env-secret",
                        "bearer-token");
        Set<String> positive = new TreeSet<>();
        Set<String> negative = new TreeSet<>();
        for (Sample s : samples()) {
            (s.positive() ? positive : negative).add(s.rule());
        }
        assertThat(positive).as("rules with a positive sample").isEqualTo(rules);
        assertThat(negative).as("rules with a negative sample").isEqualTo(rules);
    }

    @Test
    void eachRuleRedactsItsPositiveSamplesAndLeavesItsNegativeOnes() throws IOException {
        for (Sample s : samples()) {
            Redaction.Rule rule = Redaction.defaults().rules().stream()
                    .filter(r -> r.name().equals(s.rule()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no rule " + s.rule()));
            Redaction only = Redaction.parse(
                    s.rule() + "\t" + rule.type() + "\t" + String.join(",", rule.hints()) + "\t"
                            + rule.pattern().pattern(),
                    "test");
            String redacted = only.redact(s.text());
            if (s.positive()) {
                assertThat(redacted)
                        .as("rule %s on %s", s.rule(), s.text())
                        .doesNotContain(s.secret())
                        .contains("[REDACTED:" + rule.type() + "]");
                assertThat(Redaction.defaults().redact(s.text()))
                        .as("all rules on %s", s.text())
                        .doesNotContain(s.secret());
            } else {
                assertThat(redacted).as("rule %s on %s", s.rule(), s.text()).isEqualTo(s.text());
            }
        }
    }

    @Test
    void aKeyNameStaysReadableAndRedactingTwiceChangesNothing() {
        String once = Redaction.defaults().redact("export DB_PASSWORD=hunter2hunter2; psql postgres://me:pw1234@db/x");
        assertThat(once)
                .isEqualTo("export DB_PASSWORD=[REDACTED:env-secret]; psql postgres://me:[REDACTED:password]@db/x");
        assertThat(Redaction.defaults().redact(once)).isEqualTo(once);
        assertThat(Redaction.defaults().redact("ls -la src/")).isEqualTo("ls -la src/");
        assertThat(Redaction.defaults().redact(null)).isNull();
    }

    @Test
    void redactedJsonTextStaysValidJson() throws IOException {
        Map<String, Object> attributes = new java.util.LinkedHashMap<>();
        for (Sample s : samples()) {
            attributes.put(s.rule() + (s.positive() ? "+" : "-"), s.text());
        }
        attributes.put(
                "nested",
                Map.of(
                        "API_TOKEN",
                        "abcd1234efgh",
                        "list",
                        List.of(
                                "Bearer 0123456789abcdef0123",
                                "-----BEGIN RSA PRIVATE KEY-----\nMIIE\"quoted\n-----END RSA PRIVATE KEY-----")));
        String json = Json.write(attributes);
        String redacted = Redaction.defaults().redact(json);
        assertThat(redacted).isNotEqualTo(json);
        assertThat(Json.parse(redacted)).isInstanceOf(Map.class);
        for (Sample s : samples()) {
            if (s.positive()) {
                assertThat(redacted).doesNotContain(s.secret());
            }
        }
        assertThat(redacted).doesNotContain("abcd1234efgh").doesNotContain("0123456789abcdef0123");
    }

    @Test
    void aMalformedRulesFileIsRefusedNamingTheLine() {
        assertThatThrownBy(() -> Redaction.parse("# c\nname\ttype\thint\t(unclosed", "rules.tsv"))
                .hasMessageContaining("rules.tsv line 2")
                .hasMessageContaining("name");
        assertThatThrownBy(() -> Redaction.parse("just-a-name", "rules.tsv")).hasMessageContaining("rules.tsv line 1");
        assertThatThrownBy(() -> Redaction.parse("n\tBad Type\th\tx", "rules.tsv"))
                .hasMessageContaining("type");
    }

    @Test
    void theStoreRedactsAttributesAndFreeTextBeforeWritingThem() {
        String key = "AKIAIOSFODNN7EXAMPLE";
        try (AgentStore store = AgentStore.builder().inMemory().build()) {
            store.core()
                    .recordToolCall(ToolCall.builder()
                            .tool("Bash")
                            .attribute("input", Map.of("command", "aws s3 ls --key " + key))
                            .build());
            store.core()
                    .recordError(ErrorEvent.builder()
                            .errorType("boom")
                            .message("failed with token " + key)
                            .build());
            String all = store.sql("SELECT string_agg(attributes::VARCHAR, ' ') AS a FROM fact_tool_call")
                            .rows()
                            .get(0)
                            .string("a")
                    + store.sql("SELECT string_agg(message, ' ') AS m FROM fact_error")
                            .rows()
                            .get(0)
                            .string("m");
            assertThat(all).doesNotContain(key).contains("[REDACTED:aws-access-key]");
        }
    }
}
