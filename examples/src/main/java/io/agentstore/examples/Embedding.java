package io.agentstore.examples;

import io.agentstore.AgentStore;
import io.agentstore.core.PastAttempt;
import io.agentstore.core.TaskRef;
import io.agentstore.core.ToolCall;
import java.nio.file.Path;

/**
 * The embedding example of the README, line for line (ReadmeTest keeps the two the same): record a tool
 * call, recall what was tried on the file, query a view.
 */
public final class Embedding {
    private Embedding() {}

    /**
     * Runs the README example.
     *
     * @param args an optional database file; default {@code agent.duckdb} in the current folder
     */
    public static void main(String[] args) {
        Path db = Path.of(args.length > 0 ? args[0] : "agent.duckdb");
        try (AgentStore store = AgentStore.builder().path(db).build()) {
            store.core()
                    .recordToolCall(ToolCall.builder()
                            .sessionId("s-1")
                            .agent("main")
                            .task(TaskRef.of("T-1", "refactor"))
                            .tool("Edit")
                            .targetPath("src/Foo.java")
                            .durationMs(120L)
                            .build());
            for (PastAttempt a : store.core().recallPreviousAttempts("src/Foo.java", 10)) {
                System.out.println(
                        a.occurredAt() + " " + a.toolName() + (a.success() ? " ok" : " failed: " + a.errorType()));
            }
            store.sql("SELECT tool_name, invocations, success_rate FROM v_tool_usage_30d")
                    .print();
        }
    }
}
