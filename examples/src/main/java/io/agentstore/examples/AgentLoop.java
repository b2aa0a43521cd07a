package io.agentstore.examples;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import io.agentstore.AgentStore;
import io.agentstore.anthropic.InstrumentedAnthropic;
import io.agentstore.core.CallContext;
import io.agentstore.core.ToolCall;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A small agent loop on the Anthropic Java SDK with two tools ({@code get_weather}, {@code get_time}), recorded
 * by wrapping the client once: the model calls are recorded by the wrapper, the tool runs by the loop itself
 * (the SDK does not run tools). At the end it prints what the store recalls about the session.
 *
 * <p>Run it with {@code java -cp ... io.agentstore.examples.AgentLoop <database-file> [base-url]}: the base URL is
 * the Messages API's (default: the SDK's, with {@code ANTHROPIC_API_KEY}); the test points it at a server on the
 * loopback address.
 */
public final class AgentLoop {
    /** The model the loop asks for. */
    public static final String MODEL = "claude-haiku-4-5";

    private AgentLoop() {}

    /**
     * Runs the loop once and prints the answer and the recall.
     *
     * @param args the database file, and optionally the API's base URL
     */
    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.out.println("usage: AgentLoop <database-file> [base-url]");
            return;
        }
        AnthropicOkHttpClient.Builder client = AnthropicOkHttpClient.builder().fromEnv();
        if (args.length == 2) {
            client.baseUrl(args[1]);
            if (System.getenv("ANTHROPIC_API_KEY") == null) {
                client.apiKey("local");
            }
        }
        try (AgentStore store = AgentStore.builder().path(Path.of(args[0])).build()) {
            String session = "agent-loop-" + UUID.randomUUID();
            AnthropicClient plain = client.build();
            // the one line: every messages().create of this client is recorded in the store
            AnthropicClient claude = InstrumentedAnthropic.wrap(plain, store, CallContext.session(session));
            try {
                String answer = run(claude, store, session, "What is the weather and the time in Paris?");
                System.out.println("answer: " + answer);
            } finally {
                claude.close(); // closes the SDK client and writes the calls still queued
            }
            printRecall(store, session, System.out);
        }
    }

    /** The loop: ask, run the tools the model asks for, give it their results, until it answers. */
    public static String run(AnthropicClient claude, AgentStore store, String session, String question) {
        MessageCreateParams.Builder conversation = MessageCreateParams.builder()
                .model(MODEL)
                .maxTokens(1024)
                .addTool(tool("get_weather", "The current weather in a city", "city"))
                .addTool(tool("get_time", "The current time in an IANA time zone", "zone"))
                .addUserMessage(question);
        for (int turn = 0; turn < 8; turn++) {
            Message reply = claude.messages().create(conversation.build());
            conversation.addMessage(reply);
            List<ContentBlockParam> results = new ArrayList<>();
            for (ContentBlock block : reply.content()) {
                block.toolUse().ifPresent(use -> results.add(runTool(use, store, session)));
            }
            if (results.isEmpty()) {
                StringBuilder text = new StringBuilder();
                reply.content().forEach(b -> b.text().ifPresent(t -> text.append(t.text())));
                return text.toString();
            }
            conversation.addUserMessageOfContentBlockParams(results);
        }
        return "(no answer after 8 turns)";
    }

    private static ContentBlockParam runTool(ToolUseBlock use, AgentStore store, String session) {
        long start = System.nanoTime();
        Map<String, Object> input = use._input().convert(Map.class) instanceof Map<?, ?> m ? cast(m) : Map.of();
        String result = switch (use.name()) {
            case "get_weather" -> "sunny, 21 C in " + input.get("city");
            case "get_time" -> "14:05 in " + input.get("zone");
            default -> "unknown tool " + use.name();
        };
        store.core()
                .recordToolCall(ToolCall.builder()
                        .sessionId(session)
                        .tool(use.name())
                        .durationMs((System.nanoTime() - start) / 1_000_000L)
                        .attributes(Map.of("tool_use_id", use.id(), "input", input, "result", result))
                        .build());
        return ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
                .toolUseId(use.id())
                .content(result)
                .build());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    private static Tool tool(String name, String description, String parameter) {
        return Tool.builder()
                .name(name)
                .description(description)
                .inputSchema(Tool.InputSchema.builder()
                        .properties(Tool.InputSchema.Properties.builder()
                                .putAdditionalProperty(parameter, JsonValue.from(Map.of("type", "string")))
                                .build())
                        .required(List.of(parameter))
                        .build())
                .build();
    }

    /** What the store recalls about the session: its model calls and its tool calls. */
    public static void printRecall(AgentStore store, String session, PrintStream out) {
        out.println("model calls of " + session + ":");
        out.println(store.sql(
                "SELECT model_name, request_id, input_tokens, output_tokens, cache_read_tokens, is_success,"
                        + " attributes->>'stop_reason' AS stop_reason FROM v_api_calls WHERE session_id = ?"
                        + " ORDER BY occurred_at, request_id",
                session));
        out.println("tool calls of " + session + ":");
        store.core().recentActions(session, 10).forEach(a -> out.println("  " + a.toolName() + " ok=" + a.success()));
    }
}
