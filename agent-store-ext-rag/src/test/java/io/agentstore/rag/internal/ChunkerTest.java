package io.agentstore.rag.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Language-aware chunking on small sources whose chunks are worked out by hand (line numbers in comments). */
public class ChunkerTest {
    public static final String JAVA_SOURCE = String.join(
            "\n",
            "package demo;", // 1
            "", // 2
            "/** A calculator. */", // 3
            "public class Calc {", // 4
            "    private int total;", // 5
            "", // 6
            "    /** Adds a value. */", // 7
            "    public int add(int x) {", // 8
            "        total += x;", // 9
            "        return total;", // 10
            "    }", // 11
            "", // 12
            "    public int twice(int x) {", // 13
            "        return add(x) + add(x);", // 14
            "    }", // 15
            "}", // 16
            "");

    public static final String PYTHON_SOURCE = String.join(
            "\n",
            "import os", // 1
            "", // 2
            "def helper(x):", // 3
            "    return x * 2", // 4
            "", // 5
            "class Runner:", // 6
            "    def run(self):", // 7
            "        return helper(3)", // 8
            "");

    static final String TS = String.join(
            "\n",
            "import { thing } from './thing';", // 1
            "", // 2
            "export function area(r: number): number {", // 3
            "  return Math.PI * r * r;", // 4
            "}", // 5
            "", // 6
            "export class Shape {", // 7
            "  name = 'x';", // 8
            "  grow(by: number): void {", // 9
            "    area(by);", // 10
            "  }", // 11
            "}", // 12
            "");

    public static final String MARKDOWN_SOURCE =
            "# Demo\n\nIntro text.\n\n## Usage\n\n```\n# not a heading\n```\nRun it.\n";

    private static List<String> spans(List<Chunker.Piece> pieces) {
        return pieces.stream()
                .map(p -> p.lineStart() + "-" + p.lineEnd() + " " + p.kind() + " " + p.symbol())
                .toList();
    }

    @Test
    void javaSplitsAtMethodsWithTheirJavadoc() {
        List<Chunker.Piece> pieces = Chunker.chunk(JAVA_SOURCE, "java");
        assertThat(spans(pieces))
                .containsExactly("1-5 code Calc", "7-11 definition Calc.add", "13-15 definition Calc.twice");
        assertThat(pieces.get(2).refs())
                .extracting(r -> r.name() + " " + r.referenceType() + " " + r.line())
                .contains("twice definition 13", "add call 14");
        assertThat(pieces.get(1).text())
                .startsWith("    /** Adds a value. */\n")
                .endsWith("    }\n");
        assertThat(pieces.get(1).charStart()).isEqualTo(JAVA_SOURCE.indexOf("    /** Adds"));
    }

    @Test
    void pythonSplitsAtDefinitionsByIndentation() {
        assertThat(spans(Chunker.chunk(PYTHON_SOURCE, "python")))
                .containsExactly(
                        "1-1 code null", "3-4 definition helper", "6-6 code Runner", "7-8 definition Runner.run");
        assertThat(Chunker.chunk(PYTHON_SOURCE, "python").get(3).refs())
                .extracting(r -> r.name() + " " + r.referenceType() + " " + r.line())
                .containsExactly("run definition 7", "helper call 8");
    }

    @Test
    void typescriptSplitsAtFunctionsAndMethodsByBraces() {
        assertThat(spans(Chunker.chunk(TS, "typescript")))
                .containsExactly(
                        "1-1 code null", "3-5 definition area", "7-8 code Shape", "9-11 definition Shape.grow");
    }

    @Test
    void markdownSplitsAtHeadingsOutsideFences() {
        assertThat(spans(Chunker.chunk(MARKDOWN_SOURCE, "markdown")))
                .containsExactly("1-4 section Demo", "5-10 section Usage");
    }

    @Test
    void otherTextIsCutInOverlappingWindows() {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= 100; i++) {
            b.append("line ").append(i).append('\n');
        }
        // 50-line windows overlapping by 8: 1-50, 43-92, 85-100
        assertThat(spans(Chunker.chunk(b.toString(), null)))
                .containsExactly("1-50 window null", "43-92 window null", "85-100 window null");
    }

    @Test
    void realSourcesOfThisProjectParse() throws Exception {
        java.nio.file.Path file =
                java.nio.file.Path.of("../agent-store-core/src/main/java/io/agentstore/AgentStore.java");
        List<Chunker.Piece> pieces = Chunker.chunk(java.nio.file.Files.readString(file), "java");
        assertThat(pieces).extracting(Chunker.Piece::symbol).contains("AgentStore.callTool", "AgentStore.recordAll");
    }
}
