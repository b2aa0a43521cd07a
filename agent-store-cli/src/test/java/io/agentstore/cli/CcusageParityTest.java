package io.agentstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentstore.spi.Json;
import io.agentstore.testing.SharedFixtures;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agent-store report ... --json} on the real transcripts of the shared fixtures gives ccusage's token
 * figures exactly and its costs within 0.5%.
 */
class CcusageParityTest {
    @TempDir
    static Path dir;

    static Path expected;
    static String db;

    @BeforeAll
    static void importFixtures() {
        Path projects = SharedFixtures.directory("fixtures/claude-code/claude-code-log/test/test_data/real_projects");
        expected = SharedFixtures.directory("fixtures/claude-code/expected");
        db = dir.resolve("parity.duckdb").toString();
        Cli r = Cli.run(
                "ingest",
                "claude-code",
                "--db",
                db,
                "--projects",
                projects.toString(),
                "--idle-after",
                "0s",
                "--no-hooks");
        assertThat(r.code()).as(r.err()).isZero();
    }

    private static JsonNode report(String kind) throws Exception {
        Cli r = Cli.run("report", kind, "--json", "--timezone", "UTC", "--db", db);
        assertThat(r.code()).as(r.err()).isZero();
        return Json.MAPPER.readTree(r.out());
    }

    private static JsonNode ccusage(String kind) throws Exception {
        return Json.MAPPER.readTree(
                expected.resolve("ccusage-" + kind + ".json").toFile());
    }

    private static String tokens(JsonNode n, String prefix) {
        return n.path("inputTokens").asLong() + "/" + n.path("outputTokens").asLong() + "/"
                + n.path(prefix.isEmpty() ? "cacheCreationTokens" : "cacheCreationInputTokens")
                        .asLong() + "/"
                + n.path(prefix.isEmpty() ? "cacheReadTokens" : "cacheReadInputTokens")
                        .asLong();
    }

    private static void periodsMatch(String kind, String key) throws Exception {
        Map<String, String> want = new TreeMap<>();
        Map<String, Double> wantCost = new TreeMap<>();
        for (JsonNode p : ccusage(kind).path(key)) {
            want.put(
                    p.path("period").asText(),
                    tokens(p, "") + " " + p.path("totalTokens").asLong());
            wantCost.put(p.path("period").asText(), p.path("totalCost").asDouble());
            for (JsonNode m : p.path("modelBreakdowns")) {
                want.put(p.path("period").asText() + " " + m.path("modelName").asText(), tokens(m, ""));
            }
        }
        Map<String, String> got = new TreeMap<>();
        Map<String, Double> gotCost = new TreeMap<>();
        for (JsonNode p : report(kind).path(key)) {
            got.put(
                    p.path("period").asText(),
                    tokens(p, "") + " " + p.path("totalTokens").asLong());
            gotCost.put(p.path("period").asText(), p.path("totalCost").asDouble());
            for (JsonNode m : p.path("modelBreakdowns")) {
                got.put(p.path("period").asText() + " " + m.path("modelName").asText(), tokens(m, ""));
            }
        }
        assertThat(got).isEqualTo(want);
        wantCost.forEach((period, cost) -> assertThat(gotCost.get(period))
                .as("cost of %s %s", kind, period)
                .isCloseTo(cost, org.assertj.core.data.Percentage.withPercentage(0.5)));
    }

    @Test
    void daily() throws Exception {
        periodsMatch("daily", "daily");
    }

    @Test
    void monthly() throws Exception {
        periodsMatch("monthly", "monthly");
    }

    @Test
    void session() throws Exception {
        periodsMatch("session", "session");
        for (JsonNode s : report("session").path("session")) {
            assertThat(s.path("metadata").path("lastActivity").asText()).isNotEmpty();
        }
    }

    @Test
    void blocks() throws Exception {
        Map<String, String> want = new TreeMap<>();
        Map<String, Double> wantCost = new TreeMap<>();
        for (JsonNode b : ccusage("blocks").path("blocks")) {
            want.put(
                    b.path("id").asText(),
                    b.path("isGap").asBoolean() + " " + b.path("startTime").asText() + " "
                            + b.path("endTime").asText() + " "
                            + b.path("entries").asLong() + " "
                            + tokens(b.path("tokenCounts"), "block") + " "
                            + b.path("totalTokens").asLong());
            wantCost.put(b.path("id").asText(), b.path("costUSD").asDouble());
        }
        Map<String, String> got = new TreeMap<>();
        Map<String, Double> gotCost = new TreeMap<>();
        for (JsonNode b : report("blocks").path("blocks")) {
            got.put(
                    b.path("id").asText(),
                    b.path("isGap").asBoolean() + " " + b.path("startTime").asText() + " "
                            + b.path("endTime").asText() + " "
                            + b.path("entries").asLong() + " "
                            + tokens(b.path("tokenCounts"), "block") + " "
                            + b.path("totalTokens").asLong());
            gotCost.put(b.path("id").asText(), b.path("costUSD").asDouble());
        }
        assertThat(got).isEqualTo(want);
        wantCost.forEach((id, cost) -> assertThat(gotCost.get(id))
                .as("cost of block %s", id)
                .isCloseTo(cost, org.assertj.core.data.Offset.offset(cost * 0.005 + 1e-9)));
    }
}
