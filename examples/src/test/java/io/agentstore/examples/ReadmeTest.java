package io.agentstore.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps the README honest: its quick start and its embedding example are what the repository runs. */
class ReadmeTest {
    private static final Path README = Processes.REPO.resolve("README.md");

    @TempDir
    Path dir;

    @Test
    void quickStartHasExactlyTheTwoCommands() throws Exception {
        String section = section("## Quick start");
        Matcher block = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL).matcher(section);
        assertThat(block.find()).as("a bash block in the quick start").isTrue();
        assertThat(block.group(1).lines().toList()).containsExactly("bin/agent-store demo", "mvn -B verify");
        assertThat(block.find()).as("only one code block in the quick start").isFalse();
    }

    @Test
    void theEmbeddingExampleIsEmbeddingJava() throws Exception {
        Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(section("## Embedding"));
        assertThat(block.find()).isTrue();
        String source =
                Files.readString(Processes.EXAMPLES.resolve("src/main/java/io/agentstore/examples/Embedding.java"));
        String snippet = block.group(1).replace("Path.of(\"agent.duckdb\")", "db");
        assertThat(snippet.lines().toList()).hasSizeLessThanOrEqualTo(10);
        // the same tokens in the same order; line breaks and indentation are the formatter's
        assertThat(source.replaceAll("\\s+", "")).contains(snippet.replaceAll("\\s+", ""));
    }

    @Test
    void theEmbeddingExampleRuns() {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            Embedding.main(new String[] {dir.resolve("agent.duckdb").toString()});
        } finally {
            System.setOut(original);
        }
        assertThat(buffer.toString(StandardCharsets.UTF_8)).contains(" Edit ok", "tool_name", "(1 row)");
    }

    private static String section(String heading) throws Exception {
        String readme = Files.readString(README);
        int start = readme.indexOf("\n" + heading + "\n");
        assertThat(start).as("README heading %s", heading).isNotNegative();
        int end = readme.indexOf("\n## ", start + heading.length() + 2);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }
}
