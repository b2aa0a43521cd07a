package io.agentstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstore.core.AgentRef;
import io.agentstore.core.Decision;
import io.agentstore.core.PastAttempt;
import io.agentstore.core.TaskOutcome;
import io.agentstore.core.TaskRef;
import io.agentstore.core.ToolCall;
import io.agentstore.testing.StoreExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names and values that look like SQL (quotes, semicolons, comment markers, statements) are data: they are
 * stored and recalled through every facade query as they are, and the schema is untouched afterwards. The
 * export takes only tables it knows and writes only inside its folder.
 */
class SqlSafetyTest {
    @RegisterExtension
    final StoreExtension stores = StoreExtension.inMemory();

    static final List<String> NASTY = List.of(
            "x'; DROP TABLE fact_tool_call; --",
            "\"; DELETE FROM dim_tool; --",
            "a' OR '1'='1",
            "/* not a comment */ b",
            "-- c",
            "d; SELECT 1",
            "e\\'",
            "f''g",
            "$1 ? :name",
            "%_",
            "'); COPY fact_tool_call TO '/tmp/x'; --",
            "x\" OR \"1\"=\"1");

    @TempDir
    Path dir;

    @Test
    void sqlLookingNamesAndValuesRoundTripThroughEveryRecallQuery() {
        AgentStore store = stores.get();
        for (String n : NASTY) {
            store.core()
                    .recordToolCall(ToolCall.builder()
                            .tool(n)
                            .sessionId("s" + n)
                            .agent(AgentRef.of("a" + n))
                            .task(TaskRef.of("t" + n, "type" + n))
                            .targetPath("p" + n)
                            .failed("e" + n)
                            .attribute(n, n)
                            .build());
            store.core()
                    .recordDecision(Decision.builder()
                            .decisionType("d" + n)
                            .task(TaskRef.of("t" + n, "type" + n))
                            .agent(AgentRef.of("a" + n))
                            .chose("o" + n)
                            .alternatives(List.of(n))
                            .rationale(n)
                            .outcome("success")
                            .build());
            store.core()
                    .recordTaskOutcome(TaskOutcome.builder()
                            .task(TaskRef.of("t" + n, "type" + n))
                            .agent(AgentRef.of("a" + n))
                            .success(true)
                            .build());
        }
        for (String n : NASTY) {
            List<PastAttempt> attempts = store.core().recallPreviousAttempts("p" + n, 10);
            assertThat(attempts).as(n).singleElement().satisfies(a -> {
                assertThat(a.toolName()).isEqualTo(n);
                assertThat(a.sessionId()).isEqualTo("s" + n);
                assertThat(a.errorType()).isEqualTo("e" + n);
                assertThat(a.attributes()).containsEntry(n, n);
            });
            assertThat(store.core().recentActions("s" + n, 10))
                    .extracting(ToolCall::toolName)
                    .containsExactly(n);
            assertThat(store.core().successfulApproaches("type" + n, 10))
                    .singleElement()
                    .satisfies(a -> assertThat(a.alternatives()).containsExactly(n));
            assertThat(store.core().bestAgentsFor("type" + n))
                    .singleElement()
                    .satisfies(a -> assertThat(a.agentName()).isEqualTo("a" + n));
            assertThat(store.sql(
                                    "SELECT count(*) AS n FROM v_tool_calls WHERE tool_name = ? AND target_path = ?",
                                    n,
                                    "p" + n)
                            .single()
                            .orElseThrow()
                            .int64("n"))
                    .isEqualTo(1);
        }
        assertThat(store.sql("SELECT count(*) AS n FROM fact_tool_call")
                        .single()
                        .orElseThrow()
                        .int64("n"))
                .isEqualTo(NASTY.size());
        assertThat(store.sql("SELECT count(*) AS n FROM dim_tool")
                        .single()
                        .orElseThrow()
                        .int64("n"))
                .isEqualTo(NASTY.size());
    }

    @Test
    void theExportTakesOnlyItsOwnTablesAndWritesOnlyInsideItsFolder() {
        Path out = dir.resolve("out");
        AgentStore store = stores.get();
        UUID id = store.core().recordToolCall(ToolCall.builder().tool("Edit").build());
        for (String bad : List.of(
                "../../etc/passwd",
                "/etc/passwd",
                "fact_tool_call/../../escape",
                "..",
                ".",
                "",
                "fact_tool_call; DROP TABLE fact_tool_call",
                "fact_tool_call' --",
                "dim_tool/../fact_tool_call",
                "information_schema.tables",
                "main.fact_tool_call",
                "agent_store_export_log",
                "v_tool_calls")) {
            assertThatThrownBy(() -> store.export().parquet(out).tables(bad).run())
                    .as("table '%s'", bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unknown table '" + bad + "'");
        }
        assertThat(dir.resolve("escape")).doesNotExist();
        assertThat(store.export().parquet(out).tables("fact_tool_call").run().factRows())
                .isEqualTo(1);
        assertThat(store.sql("SELECT count(*) AS n FROM fact_tool_call WHERE event_id = ?", id)
                        .single()
                        .orElseThrow()
                        .int64("n"))
                .isEqualTo(1);
    }
}
