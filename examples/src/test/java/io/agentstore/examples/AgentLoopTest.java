package io.agentstore.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.anthropic.loopback.LoopbackAnthropicServer;
import io.agentstore.anthropic.loopback.Replies;
import io.agentstore.spi.Row;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the agent loop example against the loopback Anthropic server and reads back what it recorded. */
class AgentLoopTest {

    @TempDir
    Path dir;

    @Test
    void theLoopRunsBothToolsAndTheStoreRecallsTheModelCallsAndTheToolCalls() {
        Path db = dir.resolve("loop.duckdb");
        String output;
        List<LoopbackAnthropicServer.Request> requests;
        try (LoopbackAnthropicServer server = LoopbackAnthropicServer.start()) {
            server.enqueue(Replies.toolUse("req_loop_1"), Replies.answer("req_loop_2", "Sunny, 21 C; it is 14:05."));
            output = runMain(db.toString(), server.baseUrl());
            requests = server.requests();
        }

        assertThat(output)
                .contains("answer: Sunny, 21 C; it is 14:05.")
                .contains("req_loop_1", "req_loop_2", "tool_use", "end_turn")
                .contains("get_weather ok=true", "get_time ok=true");
        assertThat(requests).hasSize(2);
        // the second request gives the model the results of both tools
        assertThat(requests.get(1).body())
                .contains("\"tool_use_id\":\"toolu_1\"", "sunny, 21 C in Paris")
                .contains("\"tool_use_id\":\"toolu_2\"", "14:05 in Europe/Paris");
        try (AgentStore store = AgentStore.builder().path(db).build()) {
            List<Row> calls =
                    store.sql("SELECT * FROM v_api_calls ORDER BY request_id").rows();
            assertThat(calls).extracting(r -> r.string("request_id")).containsExactly("req_loop_1", "req_loop_2");
            assertThat(calls).extracting(r -> r.int64("input_tokens")).containsExactly(200L, 300L);
            assertThat(calls).extracting(r -> r.int64("output_tokens")).containsExactly(60L, 20L);
            assertThat(calls.get(0).string("session_id")).startsWith("agent-loop-");
            List<Row> tools = store.sql("SELECT tool_name, session_id FROM v_tool_calls ORDER BY tool_name")
                    .rows();
            assertThat(tools).extracting(r -> r.string("tool_name")).containsExactly("get_time", "get_weather");
            assertThat(tools)
                    .extracting(r -> r.string("session_id"))
                    .containsOnly(calls.get(0).string("session_id"));
        }
    }

    private static String runMain(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            AgentLoop.main(args);
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
