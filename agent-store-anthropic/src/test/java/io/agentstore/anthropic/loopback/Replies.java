package io.agentstore.anthropic.loopback;

import io.agentstore.anthropic.loopback.LoopbackAnthropicServer.Reply;

/** Messages API responses in the documented shapes, with numbers chosen for the tests. */
public final class Replies {
    private Replies() {}

    /** A text answer: 12 uncached input, 34 output, 100 cache read, 50 cache written (20 for 5 min, 30 for 1 h). */
    public static Reply plain(String requestId) {
        return Reply.json(200, requestId, """
                {"id":"msg_plain","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
                 "content":[{"type":"text","text":"Paris is the capital of France."}],
                 "stop_reason":"end_turn","stop_sequence":null,
                 "usage":{"input_tokens":12,"output_tokens":34,"cache_creation_input_tokens":50,
                          "cache_read_input_tokens":100,
                          "cache_creation":{"ephemeral_5m_input_tokens":20,"ephemeral_1h_input_tokens":30},
                          "service_tier":"standard"}}
                """);
    }

    /** The model asks for two tools: 200 input, 60 output, 7 cache written (no split given). */
    public static Reply toolUse(String requestId) {
        return Reply.json(200, requestId, """
                {"id":"msg_tools","type":"message","role":"assistant","model":"claude-haiku-4-5",
                 "content":[{"type":"text","text":"Let me look."},
                            {"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}},
                            {"type":"tool_use","id":"toolu_2","name":"get_time","input":{"zone":"Europe/Paris"}}],
                 "stop_reason":"tool_use","stop_sequence":null,
                 "usage":{"input_tokens":200,"output_tokens":60,"cache_creation_input_tokens":7,
                          "cache_read_input_tokens":0}}
                """);
    }

    /**
     * A streamed answer "Hello there": {@code message_start} says 10 input, 5 cache read, 1 output; the final
     * {@code message_delta} says 15 output (cumulative: the call used 15, not 16).
     */
    public static Reply streamed(String requestId) {
        return Reply.sse(requestId, streamEvents());
    }

    /** The events of {@link #streamed}, each {name, data}. */
    public static String[][] streamEvents() {
        return new String[][] {
            {
                "message_start",
                "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_stream\",\"type\":\"message\",\"role\":\"assistant\","
                        + "\"model\":\"claude-sonnet-4-5\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
                        + "\"usage\":{\"input_tokens\":10,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":5,"
                        + "\"output_tokens\":1}}}"
            },
            {
                "content_block_start",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"
            },
            {"ping", "{\"type\":\"ping\"}"},
            {
                "content_block_delta",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello\"}}"
            },
            {
                "content_block_delta",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\" there\"}}"
            },
            {"content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"},
            {
                "message_delta",
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
                        + "\"usage\":{\"output_tokens\":15}}"
            },
            {"message_stop", "{\"type\":\"message_stop\"}"}
        };
    }

    /** A final text answer after tool results: 300 input, 20 output. */
    public static Reply answer(String requestId, String text) {
        return Reply.json(
                200,
                requestId,
                "{\"id\":\"msg_" + requestId + "\",\"type\":\"message\",\"role\":\"assistant\","
                        + "\"model\":\"claude-haiku-4-5\",\"content\":[{\"type\":\"text\",\"text\":\"" + text + "\"}],"
                        + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
                        + "\"usage\":{\"input_tokens\":300,\"output_tokens\":20}}");
    }

    /** {@code /v1/messages/count_tokens}: 2095 input tokens. */
    public static Reply countTokens(String requestId) {
        return Reply.json(200, requestId, "{\"input_tokens\":2095}");
    }
}
