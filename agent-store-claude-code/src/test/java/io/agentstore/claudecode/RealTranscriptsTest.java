package io.agentstore.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentstore.AgentStore;
import io.agentstore.spi.Json;
import io.agentstore.spi.Row;
import io.agentstore.testing.StoreExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The real transcripts of the shared fixtures give exactly ccusage's token figures. */
class RealTranscriptsTest {
    // after the fixture files were last modified, so that every transcript counts as finished
    static final Instant LATER = Instant.parse("2100-01-01T00:00:00Z");

    @TempDir
    Path dir;

    @RegisterExtension
    final StoreExtension stores = StoreExtension.file().clock(Clock.fixed(LATER, ZoneOffset.UTC));

    private static String tokens(long in, long out, long cacheCreate, long cacheRead) {
        return "in=" + in + " out=" + out + " cc=" + cacheCreate + " cr=" + cacheRead;
    }

    @Test
    void dailyTokensPerModelEqualCcusage() throws Exception {
        Path projects = Fixtures.projects();
        JsonNode expected =
                Json.MAPPER.readTree(Fixtures.expected("ccusage-daily.json").toFile());
        Map<String, String> want = new TreeMap<>();
        for (JsonNode day : expected.path("daily")) {
            for (JsonNode m : day.path("modelBreakdowns")) {
                want.put(
                        day.path("period").asText() + " " + m.path("modelName").asText(),
                        tokens(
                                m.path("inputTokens").asLong(),
                                m.path("outputTokens").asLong(),
                                m.path("cacheCreationTokens").asLong(),
                                m.path("cacheReadTokens").asLong()));
            }
        }
        AgentStore store = stores.get();
        ImportSummary summary =
                ClaudeCodeImporter.builder(store).projectsDir(projects).build().run();
        assertThat(summary.errors()).isZero();
        Map<String, String> got = new TreeMap<>();
        for (Row r : store.sql("SELECT CAST(timezone('UTC', occurred_at) AS DATE) AS day, model_name,"
                        + " CAST(sum(input_tokens) AS BIGINT) AS i, CAST(sum(output_tokens) AS BIGINT) AS o,"
                        + " CAST(sum(cache_write_5m_tokens + cache_write_1h_tokens) AS BIGINT) AS w,"
                        + " CAST(sum(cache_read_tokens) AS BIGINT) AS r"
                        + " FROM v_api_calls GROUP BY ALL")
                .rows()) {
            got.put(
                    r.get("day") + " " + r.string("model_name"),
                    tokens(r.int64("i"), r.int64("o"), r.int64("w"), r.int64("r")));
        }
        assertThat(got).isEqualTo(want);
    }

    private static java.util.List<String> calls(AgentStore store) {
        return store
                .sql(
                        "SELECT event_id, occurred_at, session_id, agent_name, input_tokens, output_tokens,"
                                + " cache_read_tokens, cache_write_5m_tokens, cache_write_1h_tokens FROM v_api_calls ORDER BY event_id")
                .rows()
                .stream()
                .map(Object::toString)
                .toList();
    }

    /**
     * The real transcripts imported while they grow (each step a longer prefix, cut at a line or in the
     * middle of one, the files live), then once finished, give exactly the API calls of one import of the
     * finished files: nothing recorded early with figures that were still to change.
     */
    @Test
    void importingTheRealTranscriptsWhileTheyGrowGivesTheCallsOfOneImport() throws Exception {
        Path projects = Fixtures.projects();
        java.util.List<String> once;
        try (AgentStore store = AgentStore.builder()
                .inMemory()
                .clock(Clock.fixed(LATER, ZoneOffset.UTC))
                .build()) {
            ClaudeCodeImporter.builder(store).projectsDir(projects).build().run();
            once = calls(store);
        }
        Path growing = dir.resolve("growing");
        java.util.List<Path> files;
        try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(projects)) {
            files = walk.filter(java.nio.file.Files::isRegularFile).sorted().toList();
        }
        try (AgentStore store = AgentStore.builder()
                .inMemory()
                .clock(Clock.fixed(LATER, ZoneOffset.UTC))
                .build()) {
            double[] steps = {0.2, 0.45, 0.7, 0.9, 1.0};
            for (int i = 0; i <= steps.length; i++) {
                for (Path f : files) {
                    byte[] all = java.nio.file.Files.readAllBytes(f);
                    boolean whole = i == steps.length || !f.toString().endsWith(".jsonl");
                    int to = whole ? all.length : (int) (all.length * steps[i]);
                    if (i % 2 == 0 && !whole) {
                        // cut after a line: the next newline
                        while (to < all.length && all[to] != '\n') {
                            to++;
                        }
                        to = Math.min(all.length, to + 1);
                    }
                    Path copy = growing.resolve(projects.relativize(f).toString());
                    java.nio.file.Files.createDirectories(copy.getParent());
                    java.nio.file.Files.write(copy, java.util.Arrays.copyOf(all, to));
                    java.nio.file.Files.setLastModifiedTime(
                            copy,
                            java.nio.file.attribute.FileTime.from(
                                    i == steps.length ? LATER.minusSeconds(3600) : LATER.minusSeconds(5)));
                }
                ClaudeCodeImporter.builder(store).projectsDir(growing).build().run();
            }
            java.util.List<String> got = calls(store);
            assertThat(got.stream().filter(c -> !once.contains(c)).toList())
                    .as("calls not in one import")
                    .isEmpty();
            assertThat(once.stream().filter(c -> !got.contains(c)).toList())
                    .as("calls missing")
                    .isEmpty();
        }
    }

    /**
     * On the real transcripts, the totals that {@code report daily}, {@code report session} and
     * {@code report blocks} add up (per UTC day, per transcript, per 5-hour window of the tokens module) are
     * equal to each other and to ccusage's daily total.
     */
    @Test
    void dailySessionAndBlockTotalsAreEqualAndEqualCcusage() throws Exception {
        Path projects = Fixtures.projects();
        JsonNode totals = Json.MAPPER
                .readTree(Fixtures.expected("ccusage-daily.json").toFile())
                .path("totals");
        String want = tokens(
                        totals.path("inputTokens").asLong(),
                        totals.path("outputTokens").asLong(),
                        totals.path("cacheCreationTokens").asLong(),
                        totals.path("cacheReadTokens").asLong())
                + " total=" + totals.path("totalTokens").asLong();
        try (AgentStore store = AgentStore.builder()
                .inMemory()
                .install(io.agentstore.tokens.TokensModule.create())
                .clock(Clock.fixed(LATER, ZoneOffset.UTC))
                .build()) {
            ClaudeCodeImporter.builder(store).projectsDir(projects).build().run();
            String calls = "(SELECT * FROM v_api_call_costs WHERE NOT is_superseded)";
            Map<String, String> got = new TreeMap<>();
            for (String[] report : new String[][] {
                {
                    "daily",
                    "SELECT strftime(timezone('UTC', occurred_at), '%Y-%m-%d') AS period, sum(input_tokens) AS i,"
                            + " sum(output_tokens) AS o, sum(cache_write_tokens) AS w, sum(cache_read_tokens) AS r,"
                            + " sum(total_tokens) AS t FROM " + calls + " GROUP BY 1"
                },
                {
                    "session",
                    "SELECT coalesce(json_extract_string(attributes, '$.transcript'), session_id) AS period,"
                            + " sum(input_tokens) AS i, sum(output_tokens) AS o, sum(cache_write_tokens) AS w,"
                            + " sum(cache_read_tokens) AS r, sum(total_tokens) AS t FROM " + calls + " GROUP BY 1"
                },
                {
                    "blocks",
                    "SELECT window_start AS period, input_tokens AS i, output_tokens AS o, cache_write_tokens AS w,"
                            + " cache_read_tokens AS r, total_tokens AS t FROM v_usage_windows"
                }
            }) {
                Row r = store.sql(
                                "SELECT CAST(sum(i) AS BIGINT) AS i, CAST(sum(o) AS BIGINT) AS o, CAST(sum(w) AS BIGINT) AS w,"
                                        + " CAST(sum(r) AS BIGINT) AS r, CAST(sum(t) AS BIGINT) AS t FROM (" + report[1]
                                        + ")")
                        .single()
                        .orElseThrow();
                got.put(
                        report[0],
                        tokens(r.int64("i"), r.int64("o"), r.int64("w"), r.int64("r")) + " total=" + r.int64("t"));
            }
            assertThat(got).isEqualTo(Map.of("daily", want, "session", want, "blocks", want));
        }
    }

    @Test
    void importingTwiceChangesNothing() {
        Path projects = Fixtures.projects();
        AgentStore store = stores.get();
        ImportSummary first =
                ClaudeCodeImporter.builder(store).projectsDir(projects).build().run();
        String before = store.sql(
                        "SELECT (SELECT count(*) FROM fact_api_call) a, (SELECT count(*) FROM fact_tool_call) t,"
                                + " (SELECT count(*) FROM fact_file_modification) f, (SELECT count(*) FROM fact_session_event) s")
                .rows()
                .toString();
        ImportSummary second =
                ClaudeCodeImporter.builder(store).projectsDir(projects).build().run();
        assertThat(first.recordsWritten()).isPositive();
        assertThat(second.filesUnchanged()).isEqualTo(second.filesSeen());
        assertThat(second.recordsWritten()).isZero();
        String after = store.sql(
                        "SELECT (SELECT count(*) FROM fact_api_call) a, (SELECT count(*) FROM fact_tool_call) t,"
                                + " (SELECT count(*) FROM fact_file_modification) f, (SELECT count(*) FROM fact_session_event) s")
                .rows()
                .toString();
        assertThat(after).isEqualTo(before);
    }
}
