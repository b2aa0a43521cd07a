package io.agentstore.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentstore.AgentStore;
import io.agentstore.spi.Row;
import io.agentstore.spi.Json;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real transcripts of the shared fixtures give exactly ccusage's token figures. */
class RealTranscriptsTest {
    @TempDir
    Path dir;

    // after the fixture files were last modified, so that every transcript counts as finished
    static final Instant LATER = Instant.parse("2100-01-01T00:00:00Z");

    private AgentStore store() {
        return AgentStore.builder().path(dir.resolve("cc.duckdb")).clock(Clock.fixed(LATER, ZoneOffset.UTC)).build();
    }

    private static String tokens(long in, long out, long cacheCreate, long cacheRead) {
        return "in=" + in + " out=" + out + " cc=" + cacheCreate + " cr=" + cacheRead;
    }

    @Test
    void dailyTokensPerModelEqualCcusage() throws Exception {
        Path projects = Fixtures.projects();
        JsonNode expected = Json.MAPPER.readTree(Fixtures.expected("ccusage-daily.json").toFile());
        Map<String, String> want = new TreeMap<>();
        for (JsonNode day : expected.path("daily")) {
            for (JsonNode m : day.path("modelBreakdowns")) {
                want.put(day.path("period").asText() + " " + m.path("modelName").asText(),
                        tokens(m.path("inputTokens").asLong(), m.path("outputTokens").asLong(),
                                m.path("cacheCreationTokens").asLong(), m.path("cacheReadTokens").asLong()));
            }
        }
        try (AgentStore store = store()) {
            ImportSummary summary = ClaudeCodeImporter.builder(store).projectsDir(projects).build().run();
            assertThat(summary.errors()).isZero();
            Map<String, String> got = new TreeMap<>();
            for (Row r : store.sql("SELECT CAST(timezone('UTC', occurred_at) AS DATE) AS day, model_name,"
                    + " CAST(sum(input_tokens) AS BIGINT) AS i, CAST(sum(output_tokens) AS BIGINT) AS o,"
                    + " CAST(sum(cache_write_5m_tokens + cache_write_1h_tokens) AS BIGINT) AS w,"
                    + " CAST(sum(cache_read_tokens) AS BIGINT) AS r"
                    + " FROM v_api_calls GROUP BY ALL").rows()) {
                got.put(r.get("day") + " " + r.string("model_name"),
                        tokens(r.int64("i"), r.int64("o"), r.int64("w"), r.int64("r")));
            }
            assertThat(got).isEqualTo(want);
        }
    }

    @Test
    void importingTwiceChangesNothing() {
        Path projects = Fixtures.projects();
        try (AgentStore store = store()) {
            ImportSummary first = ClaudeCodeImporter.builder(store).projectsDir(projects).build().run();
            String before = store.sql("SELECT (SELECT count(*) FROM fact_api_call) a, (SELECT count(*) FROM fact_tool_call) t,"
                    + " (SELECT count(*) FROM fact_file_modification) f, (SELECT count(*) FROM fact_session_event) s").rows().toString();
            ImportSummary second = ClaudeCodeImporter.builder(store).projectsDir(projects).build().run();
            assertThat(first.recordsWritten()).isPositive();
            assertThat(second.filesUnchanged()).isEqualTo(second.filesSeen());
            assertThat(second.recordsWritten()).isZero();
            String after = store.sql("SELECT (SELECT count(*) FROM fact_api_call) a, (SELECT count(*) FROM fact_tool_call) t,"
                    + " (SELECT count(*) FROM fact_file_modification) f, (SELECT count(*) FROM fact_session_event) s").rows().toString();
            assertThat(after).isEqualTo(before);
        }
    }
}
