package io.agentstore.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import io.agentstore.AgentStore;
import io.agentstore.anthropic.loopback.LoopbackAnthropicServer;
import io.agentstore.spi.Row;
import io.agentstore.testing.Eventually;
import io.agentstore.testing.StoreExtension;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * For any usage a stream reports, the recorded tokens are the API's definition: input and cache counts from
 * {@code message_start}, cache writes split by TTL as {@code cache_creation} says, output from the last
 * {@code message_delta} (cumulative: not added to the start's).
 */
class StreamUsagePropertyTest {
    @RegisterExtension
    final StoreExtension store = StoreExtension.inMemory();

    @Test
    void recordedTokensAreTheStreamsFinalUsage() {
        AgentStore s = store.get();
        try (LoopbackAnthropicServer server = LoopbackAnthropicServer.start()) {
            AnthropicClient client = InstrumentedAnthropic.wrap(
                    AnthropicOkHttpClient.builder()
                            .baseUrl(server.baseUrl())
                            .apiKey("sk-ant-test")
                            .maxRetries(0)
                            .build(),
                    s);
            int[] n = {0};
            qt().withExamples(15).forAll(longs().all()).checkAssert(seed -> {
                Random r = new Random(seed);
                long input = r.nextInt(1_000_000);
                long cacheRead = r.nextInt(1_000_000);
                long write5m = r.nextInt(100_000);
                long write1h = r.nextInt(100_000);
                long startOutput = 1 + r.nextInt(5);
                long finalOutput = startOutput + r.nextInt(50_000);
                String requestId = "req_prop_" + (n[0]++);
                server.enqueue(LoopbackAnthropicServer.Reply.sse(
                        requestId,
                        new String[] {
                            "message_start",
                            "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_p\",\"type\":\"message\","
                                    + "\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[],"
                                    + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":" + input
                                    + ",\"cache_read_input_tokens\":" + cacheRead
                                    + ",\"cache_creation_input_tokens\":" + (write5m + write1h)
                                    + ",\"cache_creation\":{\"ephemeral_5m_input_tokens\":" + write5m
                                    + ",\"ephemeral_1h_input_tokens\":" + write1h + "},\"output_tokens\":" + startOutput
                                    + "}}}"
                        },
                        new String[] {
                            "message_delta",
                            "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"max_tokens\","
                                    + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + finalOutput + "}}"
                        },
                        new String[] {"message_stop", "{\"type\":\"message_stop\"}"}));
                try (StreamResponse<RawMessageStreamEvent> stream = client.messages()
                        .createStreaming(MessageCreateParams.builder()
                                .model("claude-sonnet-4-5")
                                .maxTokens(100_000)
                                .addUserMessage("go")
                                .build())) {
                    stream.stream().forEach(e -> {});
                }
                Eventually.await(
                        "the call " + requestId,
                        Duration.ofSeconds(20),
                        () -> s.sql("SELECT count(*) AS n FROM fact_api_call WHERE request_id = ?", requestId)
                                        .rows()
                                        .get(0)
                                        .int64("n")
                                == 1);
                Row row = s.sql("SELECT * FROM v_api_calls WHERE request_id = ?", requestId)
                        .single()
                        .orElseThrow();
                assertThat(row.int64("input_tokens")).isEqualTo(input);
                assertThat(row.int64("cache_read_tokens")).isEqualTo(cacheRead);
                assertThat(row.int64("cache_write_5m_tokens")).isEqualTo(write5m);
                assertThat(row.int64("cache_write_1h_tokens")).isEqualTo(write1h);
                assertThat(row.int64("output_tokens")).isEqualTo(finalOutput);
                assertThat(row.int64("total_tokens")).isEqualTo(input + cacheRead + write5m + write1h + finalOutput);
                assertThat(row.jsonObject("attributes")).containsEntry("stop_reason", "max_tokens");
            });
            client.close();
        }
    }
}
