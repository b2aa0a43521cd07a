package io.agentstore.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.core.PastAttempt;
import io.agentstore.spi.Row;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the quickstart as a user would and checks that what it recorded can be queried back. */
class QuickstartTest {

    @TempDir
    Path dir;

    @Test
    void mainRecordsASessionThatIsQueryable() {
        Path db = dir.resolve("nested/agent-store.duckdb");

        String output = runMain(db.toString());

        assertThat(output)
                .contains(
                        "Recorded session ",
                        db.toString(),
                        "recallPreviousAttempts",
                        "successfulApproaches",
                        "bestAgentsFor",
                        "resumeContext",
                        "v_session_summary",
                        "v_tool_usage_30d",
                        "v_file_history",
                        "FAILED string_not_found",
                        "(1 row)");
        try (AgentStore store = AgentStore.builder().path(db).build()) {
            Row session = store.sql("SELECT * FROM v_session_summary WHERE project = ?", Quickstart.PROJECT)
                    .single()
                    .orElseThrow();
            assertThat(session.string("git_branch")).isEqualTo("fix/retry-backoff");
            assertThat(session.string("working_dir")).isEqualTo("/home/dev/acme-http");
            assertThat(session.int64("tool_calls")).isEqualTo(9);
            assertThat(session.int64("failed_tool_calls")).isEqualTo(2);
            assertThat(session.int64("api_calls")).isEqualTo(2);
            assertThat(session.int64("total_tokens")).isEqualTo(96_567);
            assertThat(session.int64("files_modified")).isEqualTo(2);
            assertThat(session.int64("errors")).isEqualTo(1);
            assertThat(output).contains(session.string("session_id"));

            List<PastAttempt> attempts = store.core().recallPreviousAttempts(Quickstart.FILE, 10);
            assertThat(attempts)
                    .extracting(PastAttempt::toolName)
                    .containsExactly("Edit", "Edit", "Read", "Edit", "Read");
            assertThat(attempts)
                    .filteredOn(a -> !a.success())
                    .extracting(PastAttempt::errorType)
                    .containsExactly("string_not_found");
            assertThat(store.core().successfulApproaches("debug", 5))
                    .singleElement()
                    .satisfies(a -> assertThat(a.alternatives()).contains("fixed 1 s delay"));
            assertThat(store.core().bestAgentsFor("debug"))
                    .singleElement()
                    .satisfies(s -> assertThat(s.agentName()).isEqualTo("main"));
            assertThat(store.sql("SELECT count(*) AS n FROM v_decisions WHERE is_superseded")
                            .single()
                            .orElseThrow()
                            .int64("n"))
                    .isEqualTo(1);
            assertThat(store.sql("SELECT message FROM v_errors")
                            .single()
                            .orElseThrow()
                            .string("message"))
                    .contains("RetryPolicyTest.delayIsCapped");
        }
    }

    @Test
    void runningAgainAddsAnotherSession() {
        Path db = dir.resolve("agent-store.duckdb");

        String first = Quickstart.run(db, quiet());
        String second = Quickstart.run(db, quiet());

        assertThat(second).isNotEqualTo(first);
        try (AgentStore store = AgentStore.builder().path(db).build()) {
            assertThat(store.sql("SELECT session_id FROM v_session_summary ORDER BY started_at")
                            .rows())
                    .extracting(r -> r.string("session_id"))
                    .containsExactly(first, second);
            assertThat(store.core().recallPreviousAttempts(Quickstart.FILE, 20)).hasSize(10);
            assertThat(store.core().resumeContext(1))
                    .singleElement()
                    .satisfies(a -> assertThat(a.sessionId()).isEqualTo(second));
            assertThat(store.core().bestAgentsFor("debug"))
                    .singleElement()
                    .satisfies(s -> assertThat(s.tasks()).isEqualTo(2));
        }
    }

    @Test
    void theDatabaseIsTheEnvironmentVariableElseUnderHome() {
        assertThat(Quickstart.defaultDatabase(Map.of("AGENT_STORE_DB", "/data/a.duckdb"), "/home/x"))
                .isEqualTo(Path.of("/data/a.duckdb"));
        assertThat(Quickstart.defaultDatabase(Map.of("AGENT_STORE_DB", " "), "/home/x"))
                .isEqualTo(Path.of("/home/x/.agent-store/agent-store.duckdb"));
        assertThat(Quickstart.defaultDatabase(Map.of(), "/home/x"))
                .isEqualTo(Path.of("/home/x/.agent-store/agent-store.duckdb"));
    }

    private static String runMain(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            Quickstart.main(args);
        } finally {
            System.setOut(original);
        }
        String output = buffer.toString(StandardCharsets.UTF_8);
        original.print(output);
        return output;
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
