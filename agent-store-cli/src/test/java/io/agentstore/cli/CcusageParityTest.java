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

    private static JsonNode report(String kind, String zone, String since, String until) throws Exception {
        Cli r = Cli.run("report", kind, "--json", "--timezone", zone, "--since", since, "--until", until, "--db", db);
        assertThat(r.code()).as(r.err()).isZero();
        return Json.MAPPER.readTree(r.out());
    }

    /**
     * Over one range of days, in a zone other than UTC, {@code daily}, {@code session} and {@code blocks} count the
     * same tokens, and that is the sum of the days of the unbounded daily report that fall in the range. The range
     * ends on a day at whose midnight a 5-hour block is running, so the block straddles the edge and counts only
     * its calls inside the range.
     */
    @Test
    void dailySessionAndBlocksAgreeOverARangeWhoseEdgeCutsABlock() throws Exception {
        String zone = null;
        String until = null;
        for (String candidate : java.util.List.of(
                "America/New_York",
                "Europe/Berlin",
                "Asia/Kolkata",
                "UTC",
                "America/Los_Angeles",
                "Asia/Tokyo",
                "Pacific/Auckland")) {
            java.time.ZoneId z = java.time.ZoneId.of(candidate);
            for (JsonNode b :
                    report("blocks", candidate, "2000-01-01", "2999-12-31").path("blocks")) {
                if (b.path("isGap").asBoolean() || b.path("actualEndTime").isNull()) {
                    continue;
                }
                java.time.LocalDate first = java.time.Instant.parse(
                                b.path("startTime").asText())
                        .atZone(z)
                        .toLocalDate();
                java.time.LocalDate last = java.time.Instant.parse(
                                b.path("actualEndTime").asText())
                        .atZone(z)
                        .toLocalDate();
                if (!first.equals(last)) {
                    zone = candidate;
                    until = first.toString();
                    break;
                }
            }
            if (zone != null) {
                break;
            }
        }
        assertThat(zone)
                .as("a block of the fixtures has calls on two local days in one of the zones")
                .isNotNull();
        String since = "2000-01-01";
        Cli all = Cli.run("report", "daily", "--json", "--timezone", zone, "--db", db);
        assertThat(all.code()).as(all.err()).isZero();
        long want = 0;
        for (JsonNode d : Json.MAPPER.readTree(all.out()).path("daily")) {
            if (d.path("period").asText().compareTo(until) <= 0) {
                want += d.path("totalTokens").asLong();
            }
        }
        assertThat(want).isPositive();
        long daily = 0;
        for (JsonNode d : report("daily", zone, since, until).path("daily")) {
            daily += d.path("totalTokens").asLong();
        }
        long session = 0;
        for (JsonNode d : report("session", zone, since, until).path("session")) {
            session += d.path("totalTokens").asLong();
        }
        long blocks = 0;
        for (JsonNode b : report("blocks", zone, since, until).path("blocks")) {
            if (!b.path("isGap").asBoolean()) {
                blocks += b.path("totalTokens").asLong();
            }
        }
        assertThat(daily).as("daily until %s in %s", until, zone).isEqualTo(want);
        assertThat(session).as("session until %s in %s", until, zone).isEqualTo(want);
        assertThat(blocks).as("blocks until %s in %s", until, zone).isEqualTo(want);
    }
}
