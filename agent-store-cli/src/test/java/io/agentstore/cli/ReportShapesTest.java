package io.agentstore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentstore.spi.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report session} and {@code report blocks} as ccusage users read them, on a session running now. */
class ReportShapesTest {
    private static final String MODEL = "claude-sonnet-4-20250514";

    @TempDir
    Path dir;

    private String db;
    private Instant first;

    private static String assistant(String session, String agentId, String id, Instant at, long in, long out) {
        return "{\"type\":\"assistant\",\"sessionId\":\"" + session + "\",\"uuid\":\"u-" + id + "\",\"timestamp\":\""
                + at
                + "\",\"cwd\":\"/work/app\","
                + (agentId == null ? "" : "\"isSidechain\":true,\"agentId\":\"" + agentId + "\",")
                + "\"requestId\":\"req-" + id + "\",\"message\":{\"id\":\"msg-" + id + "\",\"model\":\"" + MODEL
                + "\",\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],\"usage\":{\"input_tokens\":"
                + in + ",\"output_tokens\":" + out
                + ",\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0}}}\n";
    }

    @BeforeEach
    void importARunningSessionWithASubAgent() throws Exception {
        db = dir.resolve("agent-store.duckdb").toString();
        Path project = Files.createDirectories(dir.resolve("projects/-work-app"));
        // minutes ago, so that the block is the active one; 20 minutes between the first and the last call
        first = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(30, ChronoUnit.MINUTES);
        Files.writeString(
                project.resolve("s1.jsonl"),
                assistant("s1", null, "a", first, 10, 20)
                        + assistant("s1", null, "b", first.plus(20, ChronoUnit.MINUTES), 5, 7));
        Files.writeString(
                project.resolve("agent-abc.jsonl"),
                assistant("s1", "abc", "c", first.plus(10, ChronoUnit.MINUTES), 100, 200));
        Cli ingest = Cli.run(
                "ingest",
                "claude-code",
                "--db",
                db,
                "--projects",
                dir.resolve("projects").toString(),
                "--idle-after",
                "0s",
                "--no-hooks");
        assertThat(ingest.code()).as(ingest.err()).isZero();
    }

    private JsonNode json(String kind, String... more) throws Exception {
        List<String> args =
                new java.util.ArrayList<>(List.of("report", kind, "--json", "--timezone", "UTC", "--db", db));
        args.addAll(List.of(more));
        Cli r = Cli.run(args.toArray(new String[0]));
        assertThat(r.code()).as(r.err()).isZero();
        return Json.MAPPER.readTree(r.out());
    }

    @Test
    void sessionsShowDateLastActivityAndProjectWithSubAgentsFoldedUnlessFlat() {
        Cli folded = Cli.run("report", "session", "--timezone", "UTC", "--db", db);
        assertThat(folded.code()).as(folded.err()).isZero();
        String header = folded.out().lines().findFirst().orElseThrow();
        assertThat(header)
                .contains("Session")
                .contains("Project")
                .contains("Date")
                .contains("Last activity");
        List<String> rows = folded.out()
                .lines()
                .filter(l -> l.startsWith("s1") || l.startsWith("agent-abc"))
                .toList();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0))
                .contains("s1 (+1 sub-agent)")
                .contains("app")
                .contains(first.toString().substring(0, 10))
                .contains(first.plus(20, ChronoUnit.MINUTES)
                        .toString()
                        .substring(0, 16)
                        .replace('T', ' '))
                .contains("sonnet-4")
                .contains("342");

        Cli flat = Cli.run("report", "session", "--flat", "--timezone", "UTC", "--db", db);
        List<String> flatRows = flat.out()
                .lines()
                .filter(l -> l.startsWith("s1") || l.startsWith("agent-abc"))
                .toList();
        assertThat(flatRows).hasSize(2);
        assertThat(flatRows)
                .anySatisfy(l -> assertThat(l).startsWith("agent-abc").contains("300"));
        assertThat(flatRows).anySatisfy(l -> assertThat(l).startsWith("s1 ").contains("42"));
    }

    @Test
    void jsonKeepsCcusageFieldNamesIncludingAgent() throws Exception {
        JsonNode daily = json("daily");
        assertThat(daily.path("daily").get(0).path("agent").asText()).isEqualTo("all");
        assertThat(daily.path("daily")
                        .get(0)
                        .path("metadata")
                        .path("agents")
                        .get(0)
                        .asText())
                .isEqualTo("claude");
        JsonNode sessions = json("session").path("session");
        assertThat(sessions).hasSize(2);
        for (JsonNode s : sessions) {
            assertThat(s.path("agent").asText()).isEqualTo("claude");
            assertThat(s.path("metadata").path("lastActivity").asText())
                    .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        }
        assertThat(json("monthly").path("monthly").get(0).path("agent").asText())
                .isEqualTo("all");
    }

    @Test
    void theActiveBlockShowsItsEndTimeLeftBurnRateAndProjection() throws Exception {
        JsonNode blocks = json("blocks").path("blocks");
        assertThat(blocks).hasSize(1);
        JsonNode b = blocks.get(0);
        assertThat(b.path("isActive").asBoolean()).isTrue();
        assertThat(b.path("totalTokens").asLong()).isEqualTo(342);
        // 342 tokens between the first and the last call, 20 minutes apart
        assertThat(b.path("burnRate").path("tokensPerMinute").asDouble()).isCloseTo(342 / 20.0, within(1e-9));
        assertThat(b.path("burnRate").path("tokensPerMinuteForIndicator").asDouble())
                .isCloseTo(342 / 20.0, within(1e-9));
        long remaining = b.path("projection").path("remainingMinutes").asLong();
        assertThat(remaining).isBetween(0L, 300L);
        assertThat(b.path("projection").path("totalTokens").asLong())
                .isEqualTo(Math.round(342 + 342 / 20.0 * remaining));
        assertThat(b.has("actualEndTime")).isTrue();

        Cli table = Cli.run("report", "blocks", "--db", db);
        assertThat(table.code()).as(table.err()).isZero();
        assertThat(table.out().lines().findFirst().orElseThrow())
                .contains("End (UTC)")
                .contains("Status");
        assertThat(table.out())
                .contains("ACTIVE, ")
                .contains(" left")
                .contains("sonnet-4")
                .doesNotContain(MODEL)
                .contains("projected to the end")
                .contains("burn 17 tokens/min");
    }
}
