package io.agentstore.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.spi.Redaction;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every rule of {@code secrets.tsv} and {@code personal.tsv} has at least one positive and one negative sample
 * in {@code samples.tsv}; each positive is redacted by its own rule, each negative by no rule at all. Keyed
 * placeholders: equal secrets get equal placeholders, different secrets different ones, and the key file is
 * owner-only.
 */
class RedactionSamplesTest {
    record Sample(String rule, boolean positive, String text) {}

    static List<Sample> samples() throws IOException {
        try (InputStream in =
                Redaction.class.getClassLoader().getResourceAsStream("agent-store/redaction/samples.tsv")) {
            List<Sample> samples = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] p = line.split("\t", 3);
                samples.add(new Sample(p[0], p[1].equals("positive"), p[2].replace("\\n", "\n")));
            }
            return samples;
        }
    }

    static Redaction all() {
        return Redaction.defaults().and(Redaction.personal());
    }

    @Test
    void everyRuleHasAPositiveAndANegativeSample() throws IOException {
        Set<String> rules =
                all().rules().stream().map(Redaction.Rule::name).collect(Collectors.toCollection(TreeSet::new));
        List<Sample> samples = samples();
        for (String rule : rules) {
            assertThat(samples)
                    .as("samples of " + rule)
                    .anyMatch(s -> s.rule().equals(rule) && s.positive())
                    .anyMatch(s -> s.rule().equals(rule) && !s.positive());
        }
        assertThat(samples).extracting(Sample::rule).allMatch(rules::contains);
    }

    @Test
    void positivesAreRedactedByTheirRuleAndNegativesByNone() throws IOException {
        for (Sample s : samples()) {
            if (s.positive()) {
                Redaction own = Redaction.parse(ruleLine(s.rule()), s.rule());
                assertThat(own.redact(s.text()))
                        .as("positive of " + s.rule() + ": " + s.text())
                        .isNotEqualTo(s.text());
            } else {
                assertThat(all().redact(s.text())).as("negative of " + s.rule()).isEqualTo(s.text());
            }
        }
    }

    private static String ruleLine(String name) throws IOException {
        for (String file : List.of(Redaction.DEFAULT_RULES, Redaction.PERSONAL_RULES)) {
            try (InputStream in = Redaction.class.getClassLoader().getResourceAsStream(file)) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (line.startsWith(name + "\t")) {
                        return line;
                    }
                }
            }
        }
        throw new AssertionError("no rule " + name);
    }

    @Test
    void keyedPlaceholdersKeepEqualSecretsJoinable(@TempDir Path dir) throws IOException {
        Path db = dir.resolve("s.duckdb");
        Redaction r = AuditRedaction.forDatabase(db);
        String a = r.redact("mail alice@example.com");
        String b = r.redact("again alice@example.com!");
        String c = r.redact("mail bob@example.com");
        String placeholder = a.substring("mail ".length());
        assertThat(placeholder).matches("\\[REDACTED:email:[0-9a-f]{16}\\]");
        assertThat(b).isEqualTo("again " + placeholder + "!");
        assertThat(c).isNotEqualTo(a).doesNotContain("bob");
        assertThat(Files.size(AuditRedaction.keyFile(db))).isEqualTo(32);
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(AuditRedaction.keyFile(db))))
                    .isEqualTo("rw-------");
        }
        // another store's key gives another hash for the same secret
        assertThat(AuditRedaction.forDatabase(dir.resolve("other.duckdb")).redact("mail alice@example.com"))
                .isNotEqualTo(a);
        // the same file's key, read again, gives the same hash
        assertThat(AuditRedaction.forDatabase(db).redact("mail alice@example.com"))
                .isEqualTo(a);
    }
}
