package io.agentstore.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentstore.AgentStore;
import io.agentstore.spi.Json;
import io.agentstore.testing.MutableClock;
import io.agentstore.testing.SharedFixtures;
import io.agentstore.testing.StoreExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Hook payloads: spooled without the database, drained into session events and tool calls. */
class HookSpoolTest {
    @RegisterExtension
    final StoreExtension stores = StoreExtension.inMemory().clock(new MutableClock(LATER));

    @TempDir
    Path dir;

    static final Instant T0 = Instant.parse("2025-08-05T10:00:00Z");
    static final Instant LATER = Instant.parse("2100-01-01T00:00:00Z");

    private static List<JsonNode> payloads(String file) throws Exception {
        Path logs = SharedFixtures.directory("fixtures/claude-code/attio-mcp-server/logs");
        List<JsonNode> list = new ArrayList<>();
        Json.MAPPER.readTree(logs.resolve(file).toFile()).forEach(list::add);
        return list;
    }

    @Test
    void theRealPayloadLogsBecomeSessionEventsAndToolCalls() throws Exception {
        HookSpool spool = HookSpool.at(dir.resolve("spool"));
        Instant at = T0;
        int events = 0;
        for (String f : List.of(
                "session_start.json",
                "user_prompt_submit.json",
                "notification.json",
                "stop.json",
                "subagent_stop.json",
                "pre_compact.json")) {
            for (JsonNode p : payloads(f)) {
                spool.append(p.toString().getBytes(StandardCharsets.UTF_8), at = at.plusSeconds(1));
                events++;
            }
        }
        // every PreToolUse before every PostToolUse: pairs are found by session, tool and input
        for (JsonNode p : payloads("pre_tool_use.json")) {
            spool.append(p.toString().getBytes(StandardCharsets.UTF_8), at = at.plusSeconds(1));
        }
        for (JsonNode p : payloads("post_tool_use.json")) {
            spool.append(p.toString().getBytes(StandardCharsets.UTF_8), at = at.plusSeconds(1));
        }
        // the store clock is long after the spool was last written: the spool counts as finished
        AgentStore store = stores.get();
        ImportSummary s = ClaudeCodeImporter.builder(store)
                .projectsDir(dir.resolve("none"))
                .hookSpool(spool)
                .build()
                .run();
        assertThat(s.errors()).isZero();
        assertThat(events).isEqualTo(10 + 15 + 17 + 13 + 6 + 3);
        assertThat(store.sql("SELECT count(*) AS n FROM fact_session_event")
                        .single()
                        .orElseThrow()
                        .int64("n"))
                .isEqualTo(64);
        // 62 PreToolUse and 59 PostToolUse: 57 pairs, 2 PostToolUse without a PreToolUse, 5 blocked calls
        assertThat(store.sql("SELECT count(*) AS n FROM fact_tool_call")
                        .single()
                        .orElseThrow()
                        .int64("n"))
                .isEqualTo(64);
        assertThat(store.sql("SELECT count(*) AS n FROM v_tool_calls WHERE error_type = 'blocked'")
                        .single()
                        .orElseThrow()
                        .int64("n"))
                .isEqualTo(5);
        assertThat(store.sql("SELECT count(*) AS n FROM v_tool_calls WHERE duration_ms > 0")
                        .single()
                        .orElseThrow()
                        .int64("n"))
                .isEqualTo(57);
        assertThat(store.sql("SELECT count(*) AS n FROM v_tool_calls WHERE tool_type = 'mcp'")
                        .single()
                        .orElseThrow()
                        .int64("n"))
                .isPositive();
        assertThat(store.sql(
                                "SELECT count(*) AS n FROM v_session_events WHERE event_type = 'start' AND detail = 'resume'")
                        .single()
                        .orElseThrow()
                        .int64("n"))
                .isPositive();
        // draining again adds nothing
        assertThat(ClaudeCodeImporter.builder(store)
                        .projectsDir(dir.resolve("none"))
                        .hookSpool(spool)
                        .build()
                        .run()
                        .recordsWritten())
                .isZero();
    }

    @Test
    void stdinThatIsNotJsonIsKeptAndReportedNotLost() throws Exception {
        HookSpool spool = HookSpool.at(dir.resolve("spool"));
        spool.append("not json at all".getBytes(StandardCharsets.UTF_8), T0);
        spool.append(
                "{\"session_id\":\"s\",\"hook_event_name\":\"Stop\"}".getBytes(StandardCharsets.UTF_8),
                T0.plusSeconds(1));
        assertThat(Files.readString(spool.files().get(0))).contains("\"raw\":\"not json at all\"");
        AgentStore store = stores.get();
        ImportSummary s = ClaudeCodeImporter.builder(store)
                .projectsDir(dir.resolve("none"))
                .hookSpool(spool)
                .build()
                .run();
        assertThat(s.errors()).isEqualTo(1);
        assertThat(store.sql("SELECT reason FROM v_ingest_errors")
                        .single()
                        .orElseThrow()
                        .string("reason"))
                .contains("not a JSON object")
                .contains("not json at all");
        assertThat(store.sql("SELECT event_type FROM v_session_events")
                        .single()
                        .orElseThrow()
                        .string("event_type"))
                .isEqualTo("stop");
    }

    @Test
    void concurrentHooksNeverInterleaveLines() throws Exception {
        HookSpool spool = HookSpool.at(dir.resolve("spool"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        String big = "x".repeat(20_000);
        for (int i = 0; i < 400; i++) {
            int n = i;
            futures.add(pool.submit(() -> spool.append(
                    ("{\"session_id\":\"s\",\"hook_event_name\":\"Notification\",\"message\":\"" + n + big + "\"}")
                            .getBytes(StandardCharsets.UTF_8),
                    T0)));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        List<String> lines = Files.readAllLines(spool.files().get(0));
        assertThat(lines).hasSize(400);
        for (String l : lines) {
            assertThat(Json.MAPPER.readTree(l).path("payload").path("message").asText())
                    .endsWith(big);
        }
    }
}
