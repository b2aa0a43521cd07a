package io.agentstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agent-store index} and {@code agent-store search} as a user runs them. */
class RagCliTest {
    @TempDir
    Path dir;

    @Test
    void indexesIncrementallyAndSearches() throws Exception {
        Path project = dir.resolve("project");
        Files.createDirectories(project.resolve("app"));
        Files.writeString(
                project.resolve("app/util.py"), "def helper(x):\n    return x * 2\n\n\ndef other():\n    pass\n");
        Files.writeString(project.resolve(".gitignore"), "*.log\n");
        Files.writeString(project.resolve("run.log"), "ignored\n");
        String db = dir.resolve("s.duckdb").toString();

        Cli first = Cli.run("index", "--db", db, project.toString());
        assertThat(first.code()).as(first.err()).isZero();
        // .gitignore and app/util.py; run.log is ignored
        assertThat(first.out()).startsWith("2 files: 0 unchanged, 2 created");
        Cli again = Cli.run("index", "--db", db, project.toString());
        assertThat(again.out()).startsWith("2 files: 2 unchanged, 0 created, 0 modified, 0 deleted");

        Cli search = Cli.run("search", "--db", db, "helper", "--method", "keyword", "-n", "1");
        assertThat(search.code()).as(search.err()).isZero();
        assertThat(search.out()).startsWith(" 1. app/util.py:1-2 helper");

        Cli none = Cli.run("index", "--db", db);
        assertThat(none.code()).isNotZero();
        assertThat(none.err()).contains("PATH");
    }
}
