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

    /**
     * The hook path as Claude Code drives it: a PreToolUse and PostToolUse pair per tool call piped into {@code
     * agent-store hook}, drained by {@code ingest claude-code}. A Read of lines 1-2 of {@code app/util.py} is one
     * retrieval (only the {@code helper} chunk, lines 1-2, overlaps them); an Edit of it marks the file, so {@code
     * index --changed} re-indexes that one file.
     */
    @Test
    void readAndEditHooksBecomeRetrievalsAndReindexMarks() throws Exception {
        Path project = dir.resolve("project");
        Files.createDirectories(project.resolve("app"));
        Path util = project.resolve("app/util.py");
        Files.writeString(util, "def helper(x):\n    return x * 2\n\n\ndef other():\n    pass\n");
        String db = dir.resolve("s.duckdb").toString();
        assertThat(Cli.run("index", "--db", db, project.toString()).code()).isZero();

        hookPair(db, "toolu_read_1", "Read", "{\"file_path\":\"" + util + "\",\"offset\":1,\"limit\":2}");
        hookPair(
                db,
                "toolu_edit_1",
                "Edit",
                "{\"file_path\":\"" + util + "\",\"old_string\":\"x * 2\",\"new_string\":\"x * 3\"}");
        Files.writeString(util, "def helper(x):\n    return x * 3\n\n\ndef other():\n    pass\n");
        Cli ingest = Cli.run(
                "ingest",
                "claude-code",
                "--db",
                db,
                "--projects",
                dir.resolve("none").toString(),
                "--idle-after",
                "0s");
        assertThat(ingest.code()).as(ingest.err()).isZero();

        Cli retrievals = Cli.run(
                "query",
                "--db",
                db,
                "-f",
                "json",
                "SELECT retrieval_method AS method, count(*) AS n FROM v_rag_chunk_retrievals GROUP BY ALL");
        assertThat(retrievals.code()).as(retrievals.err()).isZero();
        assertThat(retrievals.out()).contains("\"method\":\"read\"").contains("\"n\":1");

        Cli changed = Cli.run("index", "--db", db, "--changed");
        assertThat(changed.code()).as(changed.err()).isZero();
        assertThat(changed.out()).contains("1 modified");
    }

    private void hookPair(String db, String toolUseId, String tool, String input) {
        for (String event : new String[] {"PreToolUse", "PostToolUse"}) {
            String payload = "{\"session_id\":\"s-rag-1\",\"transcript_path\":\"/nowhere/s-rag-1.jsonl\",\"cwd\":\""
                    + dir.resolve("project") + "\",\"hook_event_name\":\"" + event + "\",\"tool_name\":\"" + tool
                    + "\",\"tool_use_id\":\"" + toolUseId + "\",\"tool_input\":" + input
                    + (event.equals("PostToolUse") ? ",\"tool_response\":{\"type\":\"text\"}" : "") + "}";
            Cli hook = Cli.withStdin(payload, "hook", "--db", db);
            assertThat(hook.code()).as(hook.err()).isZero();
        }
    }
}
