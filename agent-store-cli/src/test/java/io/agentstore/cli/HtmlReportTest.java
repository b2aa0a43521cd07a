package io.agentstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentstore.spi.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data of {@code report html} on two hand-written sessions: its totals and sections, the project filter,
 * the sub-agent folded under its parent, and free text that cannot break out of the page's script element.
 * (HtmlReportIT opens real pages in a browser.)
 */
class HtmlReportTest {
    private static final String MODEL = "claude-sonnet-4-20250514";

    @TempDir
    static Path dir;

    private static String db;

    private static String assistant(
            String session, String cwd, String agentId, String id, String at, long in, long out) {
        return "{\"type\":\"assistant\",\"sessionId\":\"" + session + "\",\"uuid\":\"u-" + id + "\",\"timestamp\":\""
                + at
                + "\",\"cwd\":\"" + cwd + "\","
                + (agentId == null ? "" : "\"isSidechain\":true,\"agentId\":\"" + agentId + "\",")
                + "\"requestId\":\"req-" + id + "\",\"message\":{\"id\":\"msg-" + id + "\",\"model\":\"" + MODEL
                + "\",\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],\"usage\":{\"input_tokens\":"
                + in + ",\"output_tokens\":" + out
                + ",\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0}}}\n";
    }

    @BeforeAll
    static void importTwoSessions() throws Exception {
        db = dir.resolve("agent-store.duckdb").toString();
        Path app = Files.createDirectories(dir.resolve("projects/-work-app"));
        Files.writeString(
                app.resolve("s1.jsonl"),
                assistant("s1", "/work/app", null, "a", "2026-03-02T10:00:00Z", 10, 20)
                        + assistant("s1", "/work/app", null, "b", "2026-03-02T10:20:00Z", 5, 7));
        Files.writeString(
                app.resolve("agent-abc.jsonl"),
                assistant("s1", "/work/app", "abc", "c", "2026-03-02T10:10:00Z", 100, 200));
        // a folder name that would end the page's <script> element if it were written unescaped
        Path odd = Files.createDirectories(dir.resolve("projects/-work-odd"));
        Files.writeString(
                odd.resolve("s2.jsonl"),
                assistant("s2", "/work/odd<!--<script>", null, "d", "2026-03-03T09:00:00Z", 1000, 2000));
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

    private static String page(String... more) throws Exception {
        Path out = Files.createTempFile(dir, "page", ".html");
        List<String> args =
                new ArrayList<>(List.of("report", "html", "--timezone", "UTC", "--db", db, "-o", out.toString()));
        args.addAll(List.of(more));
        Cli r = Cli.run(args.toArray(new String[0]));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("wrote " + out.toAbsolutePath());
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static JsonNode data(String page) throws Exception {
        String open = "<script type=\"application/json\" id=\"report-data\">";
        int start = page.indexOf(open) + open.length();
        return Json.MAPPER.readTree(page.substring(start, page.indexOf("</script>", start)));
    }

    private static List<String> sections(JsonNode data) {
        List<String> ids = new ArrayList<>();
        data.get("sections").forEach(s -> ids.add(s.get("id").asText()));
        return ids;
    }

    @Test
    void totalsAreThoseOfBothSessionsAndOnlySectionsWithDataArePresent() throws Exception {
        JsonNode data = data(page());
        JsonNode t = data.get("totals");
        // 10+5+100+1000 input, 20+7+200+2000 output
        assertThat(t.get("inputTokens").asLong()).isEqualTo(1115);
        assertThat(t.get("outputTokens").asLong()).isEqualTo(2227);
        assertThat(t.get("totalTokens").asLong()).isEqualTo(3342);
        assertThat(t.get("sessions").asLong()).isEqualTo(2);
        // $3 per million input tokens, $15 per million output tokens: 1115 * 3 + 2227 * 15 = 36,750 micro-dollars
        assertThat(new java.math.BigDecimal(t.get("totalCost").asText()))
                .isEqualByComparingTo(new java.math.BigDecimal("0.03675"));
        // text-only transcripts: no tools, files, errors; no quality, strategy or agents facts
        assertThat(sections(data))
                .containsExactly("cost", "tokens", "cache", "blocks", "projects", "sessions", "agents");
    }

    @Test
    void aProjectNarrowsEverySectionAndTheSubAgentFoldsUnderItsParent() throws Exception {
        JsonNode data = data(page("--project", "app"));
        JsonNode t = data.get("totals");
        assertThat(t.get("totalTokens").asLong()).isEqualTo(342);
        // 115 * 3 + 227 * 15 = 3,750 micro-dollars
        assertThat(new java.math.BigDecimal(t.get("totalCost").asText()))
                .isEqualByComparingTo(new java.math.BigDecimal("0.00375"));
        JsonNode sessions = null;
        for (JsonNode s : data.get("sections")) {
            if (s.get("id").asText().equals("sessions")) {
                sessions = s;
            }
        }
        assertThat(sessions).isNotNull();
        JsonNode rows = sessions.get("table").get("rows");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get(0).asText()).isEqualTo("s1 (+1 sub-agent)");
        assertThat(rows.get(0).get(4).asLong()).isEqualTo(342);
        assertThat(rows.get(1).get(0).asText()).startsWith("\u21b3 ");
        assertThat(rows.get(1).get(4).asLong()).isEqualTo(300);
        assertThat(data.get("range").get("project").asText()).isEqualTo("app");

        // report daily and report blocks take --project too, with the same total
        for (String kind : List.of("daily", "blocks")) {
            Cli r = Cli.run("report", kind, "--json", "--timezone", "UTC", "--db", db, "--project", "app");
            assertThat(r.code()).as(r.err()).isZero();
            JsonNode json = Json.MAPPER.readTree(r.out());
            long total = kind.equals("daily")
                    ? json.get("totals").get("totalTokens").asLong()
                    : json.get("blocks").get(0).get("totalTokens").asLong();
            assertThat(total).as(kind).isEqualTo(342);
        }
    }

    @Test
    void freeTextCannotEndThePageScriptAndThePageNamesNoAddress() throws Exception {
        String page = page();
        assertThat(page).doesNotContain("odd<!--<script>");
        assertThat(data(page).toString()).contains("odd<!--<script>");
        assertThat(page)
                .doesNotContain("src=\"http")
                .doesNotContain("href=\"http")
                // ECharts refers to its own gradients as url(#id); nothing else is referred to
                .doesNotContainPattern("url\\((?!\"?#)")
                .doesNotContain("@import");
        assertThat(page).contains("default-src 'none'");
    }

    @Test
    void anEmptyRangeHasNoSections() throws Exception {
        JsonNode data = data(page("--since", "2030-01-01"));
        assertThat(sections(data)).isEmpty();
        assertThat(data.get("totals").get("totalTokens").asLong()).isZero();
    }
}
