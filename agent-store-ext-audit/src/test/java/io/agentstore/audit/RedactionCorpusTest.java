package io.agentstore.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.spi.Redaction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Measures the redaction on a corpus the project builds. Positives: every positive sample of
 * {@code samples.tsv} (formats as the providers document them) plus one secret per secret rule planted in a
 * line of prose and in a JSON string. Negatives: every line of this repository's main Java and SQL sources
 * (for all rules), and every line of the shared fixture transcripts (for the secret rules only: those
 * transcripts carry real home-directory paths, which the personal rules rightly redact). Prints recall and
 * false-positive rate; the defaults must reach 99% recall.
 */
class RedactionCorpusTest {
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final Path FIXTURES = REPO.resolve("../shared/fixtures").normalize();

    static List<String> lines(Path root, String... suffixes) throws IOException {
        List<String> lines = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return lines;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile)
                    .filter(p -> Stream.of(suffixes).anyMatch(s -> p.toString().endsWith(s)))
                    .filter(p ->
                            !p.toString().contains("/target/") && !p.toString().contains("/src/test/"))
                    .toList()) {
                lines.addAll(Files.readAllLines(f));
            }
        }
        return lines;
    }

    @Test
    void recallAndFalsePositiveRate() throws IOException {
        List<String> positives = new ArrayList<>();
        for (RedactionSamplesTest.Sample s : RedactionSamplesTest.samples()) {
            if (s.positive()) {
                positives.add(s.text());
                positives.add("{\"text\":\"see "
                        + s.text().replace("\n", "\\n").replace("\\", "\\\\").replace("\"", "'") + " now\"}");
            }
        }
        Redaction all = RedactionSamplesTest.all();
        long caught = positives.stream().filter(p -> !all.redact(p).equals(p)).count();
        double recall = (double) caught / positives.size();

        List<String> code = lines(REPO, ".java", ".sql");
        code.removeIf(l -> l.contains("agent-store/redaction") || l.isBlank());
        List<String> transcripts = lines(FIXTURES, ".jsonl");
        long codeFlagged = code.stream().filter(l -> !all.redact(l).equals(l)).count();
        long transcriptFlagged = transcripts.stream()
                .filter(l -> !Redaction.defaults().redact(l).equals(l))
                .count();
        double fpCode = code.isEmpty() ? 0 : (double) codeFlagged / code.size();
        double fpTranscripts = transcripts.isEmpty() ? 0 : (double) transcriptFlagged / transcripts.size();
        System.out.printf(
                Locale.ROOT,
                "redaction corpus: recall %.2f%% (%d of %d positives); false positives: %.3f%% of %d"
                        + " source lines (all rules, %d lines), %.3f%% of %d transcript lines (secret rules, %d lines)%n",
                100 * recall,
                caught,
                positives.size(),
                100 * fpCode,
                code.size(),
                codeFlagged,
                100 * fpTranscripts,
                transcripts.size(),
                transcriptFlagged);
        code.stream()
                .filter(l -> !all.redact(l).equals(l))
                .limit(20)
                .forEach(l -> System.out.println("  source FP: " + l.strip()));
        assertThat(positives).hasSizeGreaterThanOrEqualTo(2 * all.rules().size());
        assertThat(code).hasSizeGreaterThan(1000);
        assertThat(recall).isGreaterThanOrEqualTo(0.99);
    }
}
