package io.agentstore.rag.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * For any text in any language (random lines of code-like tokens, definitions, headings, braces, blank lines),
 * every chunk is the exact slice of the document its offsets say, its lines lie in the document and in order,
 * every line with a word lies in some chunk, and chunking is deterministic.
 */
class ChunkerPropertyTest {
    private static final String[] LINES = {
        "",
        "    ",
        "def f(x):",
        "    return x",
        "class A:",
        "  def m(self):",
        "export function g(a) {",
        "}",
        "  {",
        "class B {",
        "  run(): void {",
        "public class C {",
        "  int x;",
        "  void h() { h(); }",
        "# Title",
        "## Sub",
        "```",
        "CREATE TABLE t (",
        "  a INT);",
        "text ünïcödé 𝄞 words",
        "import os",
        "const k = (a) => {",
        "\t\tdeep",
        "/** doc */",
        "@dec",
        "SELECT * FROM t;"
    };
    private static final List<String> LANGUAGES =
            Arrays.asList("java", "python", "typescript", "javascript", "markdown", "sql", null);

    static String text(long seed) {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(200);
        for (int i = 0; i < n; i++) {
            b.append(LINES[r.nextInt(LINES.length)]).append(r.nextInt(10) == 0 ? "\r\n" : "\n");
        }
        if (r.nextBoolean() && b.length() > 0) {
            b.setLength(b.length() - 1);
        }
        return b.toString();
    }

    @Test
    void chunksAreExactSlicesCoveringEveryWordLine() {
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            String text = text(seed);
            String language = LANGUAGES.get(Math.floorMod(seed, LANGUAGES.size()));
            List<Chunker.Piece> pieces = Chunker.chunk(text, language);
            Chunker.Lines lines = new Chunker.Lines(text);
            boolean[] covered = new boolean[lines.count() + 1];
            int previousStart = 0;
            for (Chunker.Piece p : pieces) {
                assertThat(p.lineStart()).isBetween(1, lines.count());
                assertThat(p.lineEnd()).isBetween(p.lineStart(), lines.count());
                assertThat(p.lineStart()).isGreaterThanOrEqualTo(previousStart);
                previousStart = p.lineStart();
                assertThat(p.text()).isEqualTo(text.substring(p.charStart(), p.charEnd()));
                for (int l = p.lineStart(); l <= p.lineEnd(); l++) {
                    covered[l] = true;
                }
            }
            for (int l = 1; l <= lines.count(); l++) {
                if (lines.hasWord(l)) {
                    assertThat(covered[l])
                            .as("line %d of seed %d (%s) is in a chunk", l, seed, language)
                            .isTrue();
                }
            }
            assertThat(Chunker.chunk(text, language)).isEqualTo(pieces);
        });
    }
}
