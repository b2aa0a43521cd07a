package io.agentstore.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentstore.AgentStore;
import io.agentstore.core.ApiCall;
import io.agentstore.spi.Json;
import io.agentstore.spi.Row;
import io.agentstore.testing.MutableClock;
import io.agentstore.testing.SharedFixtures;
import io.agentstore.testing.StoreExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real Claude Code transcripts of {@code shared/fixtures/claude-code/} against the figures ccusage
 * 20.0.24 computed from them ({@code expected/}): tokens per day and model, per month and per 5-hour window
 * must be equal; costs (ours from the bundled price table, ccusage's from its copy of LiteLLM's) within 0.5%.
 *
 * <p>There is no importer yet, so this test reads the transcripts itself, minimally: assistant lines with
 * {@code message.usage}, one API call per ({@code message.id}, {@code requestId}) keeping the largest value
 * of each token column and the earliest timestamp, {@code <synthetic>} models skipped, cache writes split
 * 5-minute / 1-hour where {@code usage.cache_creation} says so. The real importer lives elsewhere.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClaudeCodeFixturesTest {
    /** Costs must agree within this fraction. */
    private static final BigDecimal TOLERANCE = new BigDecimal("0.005");

    @RegisterExtension
    static final StoreExtension STORES = Stores.store(MutableClock.at("2026-07-01T00:00:00Z"));

    private Path expected;
    private AgentStore store;
    private int calls;

    @BeforeAll
    void load() throws IOException {
        Path transcripts =
                SharedFixtures.directory("fixtures/claude-code/claude-code-log/test/test_data/real_projects");
        expected = SharedFixtures.directory("fixtures/claude-code/expected");
        List<ApiCall> apiCalls = parse(transcripts);
        calls = apiCalls.size();
        store = STORES.get();
        store.recordAll(apiCalls);
    }

    /** One call per (message.id, requestId): maximum per token column, earliest timestamp. */
    static List<ApiCall> parse(Path root) throws IOException {
        Map<String, long[]> tokens = new LinkedHashMap<>();
        Map<String, String[]> meta = new LinkedHashMap<>();
        Map<String, Instant> first = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
        }
        for (Path file : files) {
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode o;
                    try {
                        o = Json.MAPPER.readTree(line);
                    } catch (IOException malformed) {
                        continue;
                    }
                    JsonNode message = o.path("message");
                    JsonNode usage = message.path("usage");
                    if (!"assistant".equals(o.path("type").asText()) || !usage.isObject()) {
                        continue;
                    }
                    String model = message.path("model").asText(null);
                    if (model == null || model.equals("<synthetic>")) {
                        continue;
                    }
                    String key = message.path("id").asText("") + "|"
                            + o.path("requestId").asText("");
                    long cacheCreation =
                            usage.path("cache_creation_input_tokens").asLong(0);
                    JsonNode split = usage.path("cache_creation");
                    long write5m = cacheCreation;
                    long write1h = 0;
                    if (split.has("ephemeral_5m_input_tokens") || split.has("ephemeral_1h_input_tokens")) {
                        write5m = split.path("ephemeral_5m_input_tokens").asLong(0);
                        write1h = split.path("ephemeral_1h_input_tokens").asLong(0);
                    }
                    long[] t = {
                        usage.path("input_tokens").asLong(0),
                        usage.path("output_tokens").asLong(0),
                        usage.path("cache_read_input_tokens").asLong(0),
                        write5m,
                        write1h
                    };
                    long[] kept = tokens.computeIfAbsent(key, k -> new long[5]);
                    for (int i = 0; i < 5; i++) {
                        kept[i] = Math.max(kept[i], t[i]);
                    }
                    meta.putIfAbsent(key, new String[] {
                        model,
                        o.path("sessionId").asText(null),
                        o.path("requestId").asText(null)
                    });
                    Instant at = Instant.parse(o.path("timestamp").asText());
                    first.merge(key, at, (a, b) -> a.isBefore(b) ? a : b);
                }
            }
        }
        List<ApiCall> result = new ArrayList<>();
        tokens.forEach((key, t) -> {
            String[] m = meta.get(key);
            result.add(ApiCall.builder()
                    .eventId(UUID.nameUUIDFromBytes(("claude-code:" + key).getBytes(StandardCharsets.UTF_8)))
                    .occurredAt(first.get(key))
                    .model(m[0])
                    .provider("anthropic")
                    .sessionId(m[1])
                    .requestId(m[2])
                    .tokens(t[0], t[1])
                    .cacheTokens(t[2], t[3], t[4])
                    .build());
        });
        return result;
    }

    private JsonNode json(String name) throws IOException {
        return Json.MAPPER.readTree(expected.resolve(name).toFile());
    }

    private static BigDecimal deviation(BigDecimal ours, double theirs) {
        BigDecimal t = new BigDecimal(Double.toString(theirs));
        return ours.subtract(t).abs().divide(t, MathContext.DECIMAL64);
    }

    @Test
    void everyCallIsPricedAndDeduplicated() {
        assertThat(calls).isEqualTo(314);
        Row r = store.sql("SELECT count(*) AS n, count(*) FILTER (WHERE NOT is_priced) AS unpriced"
                        + " FROM v_api_call_costs")
                .single()
                .orElseThrow();
        assertThat(r.int64("n")).isEqualTo(314);
        assertThat(r.int64("unpriced")).isZero();
    }

    @Test
    void tokensPerDayAndModelEqualCcusageAndCostsAgree() throws IOException {
        Map<String, Row> ours = new LinkedHashMap<>();
        for (Row r : store.sql(TokensFacade.query("daily_cost_by_model.sql")).rows()) {
            ours.put(r.get("day") + " " + r.string("model_name"), r);
        }
        BigDecimal worst = BigDecimal.ZERO;
        int compared = 0;
        for (JsonNode day : json("ccusage-daily.json").path("daily")) {
            for (JsonNode m : day.path("modelBreakdowns")) {
                String key =
                        day.path("period").asText() + " " + m.path("modelName").asText();
                Row r = ours.get(key);
                assertThat(r).as("our row for %s", key).isNotNull();
                assertThat(r.int64("input_tokens"))
                        .as("input tokens %s", key)
                        .isEqualTo(m.path("inputTokens").asLong());
                assertThat(r.int64("output_tokens"))
                        .as("output tokens %s", key)
                        .isEqualTo(m.path("outputTokens").asLong());
                assertThat(r.int64("cache_write_tokens"))
                        .as("cache writes %s", key)
                        .isEqualTo(m.path("cacheCreationTokens").asLong());
                assertThat(r.int64("cache_read_tokens"))
                        .as("cache reads %s", key)
                        .isEqualTo(m.path("cacheReadTokens").asLong());
                BigDecimal dev = deviation(r.decimal("cost_usd"), m.path("cost").asDouble());
                assertThat(dev)
                        .as(
                                "cost deviation %s: ours %s, ccusage %s",
                                key, r.decimal("cost_usd"), m.path("cost").asDouble())
                        .isLessThanOrEqualTo(TOLERANCE);
                worst = worst.max(dev);
                compared++;
            }
        }
        assertThat(compared).isEqualTo(ours.size()).isEqualTo(11);
        System.out.printf(
                "ccusage daily: %d day/model rows, tokens equal, max cost deviation %s%%%n",
                compared, worst.movePointRight(2).round(new MathContext(3)).toPlainString());
    }

    @Test
    void tokensAndCostPerMonthAgree() throws IOException {
        Map<String, Row> ours = new LinkedHashMap<>();
        for (Row r : store.sql("SELECT strftime(month, '%Y-%m') AS period, * FROM v_cost_by_month")
                .rows()) {
            ours.put(r.string("period"), r);
        }
        JsonNode months = json("ccusage-monthly.json").path("monthly");
        assertThat(months.size()).isEqualTo(ours.size());
        for (JsonNode m : months) {
            Row r = ours.get(m.path("period").asText());
            assertThat(r).as("month %s", m.path("period").asText()).isNotNull();
            assertThat(r.int64("total_tokens")).isEqualTo(m.path("totalTokens").asLong());
            assertThat(r.int64("cache_write_tokens"))
                    .isEqualTo(m.path("cacheCreationTokens").asLong());
            assertThat(deviation(r.decimal("cost_usd"), m.path("totalCost").asDouble()))
                    .isLessThanOrEqualTo(TOLERANCE);
        }
    }

    @Test
    void fiveHourWindowsEqualCcusageBlocks() throws IOException {
        List<Row> ours = store.sql(TokensFacade.query("five_hour_windows.sql")).rows();
        List<JsonNode> blocks = new ArrayList<>();
        json("ccusage-blocks.json").path("blocks").forEach(b -> {
            if (!b.path("isGap").asBoolean()) {
                blocks.add(b);
            }
        });
        assertThat(ours).hasSameSizeAs(blocks);
        BigDecimal worst = BigDecimal.ZERO;
        for (int i = 0; i < blocks.size(); i++) {
            JsonNode b = blocks.get(i);
            Row r = ours.get(i);
            String id = b.path("id").asText();
            assertThat(r.instant("window_start"))
                    .as("start of %s", id)
                    .isEqualTo(Instant.parse(b.path("startTime").asText()));
            assertThat(r.instant("window_end"))
                    .as("end of %s", id)
                    .isEqualTo(Instant.parse(b.path("endTime").asText()));
            assertThat(r.instant("last_call_at"))
                    .as("last call of %s", id)
                    .isEqualTo(Instant.parse(b.path("actualEndTime").asText()));
            assertThat(r.int64("calls"))
                    .as("calls of %s", id)
                    .isEqualTo(b.path("entries").asLong());
            JsonNode t = b.path("tokenCounts");
            assertThat(r.int64("input_tokens"))
                    .as("input of %s", id)
                    .isEqualTo(t.path("inputTokens").asLong());
            assertThat(r.int64("output_tokens"))
                    .as("output of %s", id)
                    .isEqualTo(t.path("outputTokens").asLong());
            assertThat(r.int64("cache_write_tokens"))
                    .as("cache writes of %s", id)
                    .isEqualTo(t.path("cacheCreationInputTokens").asLong());
            assertThat(r.int64("cache_read_tokens"))
                    .as("cache reads of %s", id)
                    .isEqualTo(t.path("cacheReadInputTokens").asLong());
            BigDecimal dev = deviation(r.decimal("cost_usd"), b.path("costUSD").asDouble());
            assertThat(dev).as("cost of %s", id).isLessThanOrEqualTo(TOLERANCE);
            worst = worst.max(dev);
            assertThat(r.bool("is_active")).isFalse();
        }
        System.out.printf(
                "ccusage blocks: %d windows equal, max cost deviation %s%%%n",
                blocks.size(), worst.movePointRight(2).round(new MathContext(3)).toPlainString());
    }

    @Test
    void eventIdsAreNameBasedSoAReimportCanBeRecognised() throws IOException {
        List<UUID> again =
                parse(SharedFixtures.directory("fixtures/claude-code/claude-code-log/test/test_data/real_projects"))
                        .stream()
                        .map(ApiCall::eventId)
                        .toList();
        List<UUID> stored = store.sql("SELECT event_id FROM fact_api_call").rows().stream()
                .map(r -> r.uuid("event_id"))
                .toList();
        assertThat(again).containsExactlyInAnyOrderElementsOf(stored);
    }
}
