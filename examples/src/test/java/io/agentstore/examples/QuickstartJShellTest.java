package io.agentstore.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.spi.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code examples/jshell/quickstart.jsh} through the JDK's real {@code jshell} tool, as the README tells
 * users to, then types what a user would type next.
 */
class QuickstartJShellTest {
    /** JShell reports a failed snippet as "Error:" (compile) or "Exception ..." (run), "|  "-prefixed when typed. */
    private static final String JSHELL_FAILURE = "(?s).*(^|\\n)(\\|  )?(Error:|Exception )[^\\n]*.*";

    @TempDir
    Path dir;

    @Test
    void theJShellQuickstartRunsWithoutErrors() throws Exception {
        Path jshell = Path.of(System.getProperty("java.home"), "bin", "jshell");
        assertThat(jshell).as("jshell of the JDK running the tests").isExecutable();
        Path script = Processes.EXAMPLES.resolve("jshell/quickstart.jsh");
        Path db = dir.resolve("jshell.duckdb");

        Processes.Result result = Processes.run(
                dir,
                List.of(
                        jshell.toString(),
                        "--class-path",
                        Processes.classpath(),
                        "-R--add-opens=java.base/java.nio=ALL-UNNAMED",
                        "-J-Djava.util.prefs.userRoot=" + dir.resolve("prefs"),
                        script.toString()),
                Map.of("AGENT_STORE_DB", db.toString()),
                """
                store.sql("SELECT count(*) AS typed_query FROM v_tool_calls").print()
                store.close()
                /exit
                """);

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stdout()).as(result.describe()).doesNotMatch(JSHELL_FAILURE);
        assertThat(result.stderr()).as(result.describe()).doesNotMatch(JSHELL_FAILURE);
        assertThat(result.stdout())
                .contains(
                        "Opened AgentStore[" + db,
                        "Recorded session ",
                        "FAILED string_not_found",
                        "AgentScore[agentName=main, tasks=1",
                        "refactor/client-builder",
                        "quickstart.jsh done",
                        "typed_query");
        assertThat(Files.exists(db)).isTrue();
        try (AgentStore store = AgentStore.builder().path(db).build()) {
            Row session = store.sql("SELECT * FROM v_session_summary").single().orElseThrow();
            assertThat(session.string("git_branch")).isEqualTo("refactor/client-builder");
            assertThat(session.int64("tool_calls")).isEqualTo(3);
            assertThat(session.int64("failed_tool_calls")).isEqualTo(1);
            assertThat(result.stdout()).contains(session.string("session_id"));
        }
    }
}
