package io.agentstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.spi.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The commands, run in this JVM. */
class CliTest {
    @TempDir
    Path dir;

    private String db() {
        return dir.resolve("home/.agent-store/agent-store.duckdb").toString();
    }

    @Test
    void everyCommandHasHelp() {
        CommandLine cl = Main.commandLine(
                new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(new java.io.StringWriter()));
        List<String> names = List.copyOf(cl.getSubcommands().keySet());
        assertThat(names).contains("init", "ingest", "hook", "query", "report", "export", "doctor", "demo");
        for (String name : names) {
            if (name.equals("help")) {
                continue;
            }
            Cli r = Cli.run(name, "--help");
            assertThat(r.code()).as(name).isZero();
            assertThat(r.out()).as(name).contains("Usage: agent-store " + name);
        }
        Cli sub = Cli.run("ingest", "claude-code", "--help");
        assertThat(sub.out()).contains("--projects").contains("--since");
        Cli top = Cli.run("--help");
        assertThat(top.out()).contains("Exit codes").contains("AGENT_STORE_DB");
    }

    @Test
    void initCreatesAnOwnerOnlyDatabase() throws Exception {
        Cli r = Cli.run("init", "--db", db());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("is ready").contains("core").contains("tokens");
        assertThat(Files.getPosixFilePermissions(Path.of(db())))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.getPosixFilePermissions(Path.of(db()).getParent()))
                .isEqualTo(Set.of(
                        PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.OWNER_EXECUTE));
    }

    @Test
    void queryPrintsTableCsvAndJsonWithBoundValues() throws Exception {
        Cli.run("init", "--db", db());
        Cli table = Cli.run("query", "--db", db(), "SELECT ? AS a, 2 AS b", "it's");
        assertThat(table.code()).isZero();
        assertThat(table.out()).contains("a    | b").contains("it's |").contains("(1 row)");
        Cli csv = Cli.run("query", "--db", db(), "--format", "csv", "SELECT 'x,y' AS a");
        assertThat(csv.out()).isEqualTo("a\r\n\"x,y\"\r\n");
        Cli json = Cli.run("query", "--db", db(), "-f", "json", "SELECT 1 AS n");
        assertThat(Json.MAPPER.readTree(json.out()).get(0).get("n").asInt()).isEqualTo(1);
        Cli bad = Cli.run("query", "--db", db(), "SELECT * FROM nope");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).startsWith("agent-store: ").contains("nope");
        Cli usage = Cli.run("query", "--db", db(), "--format", "xml", "SELECT 1");
        assertThat(usage.code()).isEqualTo(2);
        assertThat(usage.err()).contains("xml");
    }

    @Test
    void hookSpoolsWithoutTheDatabaseAndIngestDrainsIt() throws Exception {
        String payload =
                "{\"session_id\":\"s1\",\"hook_event_name\":\"UserPromptSubmit\",\"cwd\":\"/w/app\",\"prompt\":\"hello\"}";
        Cli hook = Cli.withStdin(payload, "hook", "--db", db());
        assertThat(hook.code()).isZero();
        assertThat(Path.of(db())).doesNotExist();
        // the spool belongs to this database file, and only its owner reads it
        Path spool = Path.of(db()).resolveSibling("agent-store.duckdb.hook-spool");
        assertThat(Files.list(spool)).hasSize(1);
        assertThat(Files.getPosixFilePermissions(spool))
                .isEqualTo(Set.of(
                        PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.OWNER_EXECUTE));
        try (var files = Files.list(spool)) {
            assertThat(Files.getPosixFilePermissions(files.findFirst().orElseThrow()))
                    .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        }
        // another database in the same folder has a spool of its own
        Path other = Path.of(db()).resolveSibling("other.duckdb");
        assertThat(Cli.withStdin(payload, "hook", "--db", other.toString()).code())
                .isZero();
        assertThat(Path.of(db()).resolveSibling("other.duckdb.hook-spool")).isDirectory();
        assertThat(Files.list(spool)).hasSize(1);
        Cli empty = Cli.withStdin("", "hook", "--db", db());
        assertThat(empty.code()).isZero();
        assertThat(empty.err()).contains("nothing on stdin");
        Cli ingest = Cli.run(
                "ingest",
                "claude-code",
                "--db",
                db(),
                "--projects",
                dir.resolve("none").toString(),
                "--idle-after",
                "0s");
        assertThat(ingest.code()).as(ingest.err()).isZero();
        assertThat(ingest.out()).contains("imported");
        assertThat(ingest.err())
                .contains("no Claude Code projects folder found; looked in: " + dir.resolve("none"))
                .contains("only the hook spool is drained")
                .doesNotContain("earlier version");
        // the one spool per folder of earlier versions is pointed out, not drained into whichever database
        Path legacy = Files.createDirectories(Path.of(db()).resolveSibling("spool"));
        Files.writeString(
                legacy.resolve("hooks-2026-01-01.jsonl"),
                "{\"id\":\"x\",\"received_at\":\"2026-01-01T00:00:00Z\",\"payload\":{}}\n");
        Cli pointed = Cli.run(
                "ingest",
                "claude-code",
                "--db",
                db(),
                "--projects",
                dir.resolve("none").toString());
        assertThat(pointed.err())
                .contains(legacy + " holds hook payloads of an earlier version")
                .contains("agent-store.duckdb.hook-spool");
        Cli q = Cli.run("query", "--db", db(), "-f", "csv", "SELECT event_type, project FROM v_session_events");
        assertThat(q.out()).contains("user_prompt,app");
    }

    @Test
    void badArgumentsAreExplained() {
        Cli r = Cli.run("report", "--db", db(), "daily", "--timezone", "Mars/Olympus");
        assertThat(r.code()).isEqualTo(Main.EXIT_DATA);
        assertThat(r.err()).contains("Mars/Olympus");
        Cli d = Cli.run("report", "--db", db(), "daily", "--since", "yesterday");
        assertThat(d.code()).isEqualTo(Main.EXIT_DATA);
        assertThat(d.err()).contains("'yesterday' is not a day");
        Cli k = Cli.run("report", "--db", db(), "hourly");
        assertThat(k.code()).isEqualTo(2);
        Cli lock = Cli.run("query", "--db", db(), "--lock-wait", "soon", "SELECT 1");
        assertThat(lock.code()).isEqualTo(2);
        assertThat(lock.err()).contains("'soon' is not a duration");
    }

    @Test
    void demoFillsTheDatabaseAndShowsAReport() {
        Cli r = Cli.run("demo", "--db", db(), "--sessions", "8");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("wrote a synthetic history of 8 sessions")
                .contains("Daily usage")
                .contains("Most used tools")
                .contains("Cost by model")
                .contains("Total");
        try (AgentStore s = AgentStore.builder().path(Path.of(db())).build()) {
            assertThat(s.sql("SELECT count(*) AS n FROM fact_api_call")
                            .single()
                            .orElseThrow()
                            .int64("n"))
                    .isPositive();
        }
        Cli again = Cli.run("demo", "--db", db(), "--sessions", "8");
        assertThat(again.code()).isZero();
        Cli doctor = Cli.run("doctor", "--db", db());
        assertThat(doctor.code()).as(doctor.out()).isZero();
        assertThat(doctor.out()).contains("orphan keys   none").contains("doctor        OK");
    }

    @Test
    void exportWritesParquetIncrementally() {
        Cli.run("demo", "--db", db(), "--sessions", "3");
        Path out = dir.resolve("export");
        Cli first = Cli.run("export", "--db", db(), "parquet", out.toString(), "--incremental");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(out.resolve("_manifest.json")).exists();
        Cli second = Cli.run("export", "--db", db(), "parquet", out.toString(), "--incremental");
        assertThat(second.out()).contains("exported 0 fact rows");
    }

    @Test
    void aPriceFileBesideTheDatabasePricesAModelTheBundledTableDoesNotKnow() throws Exception {
        Path file = Path.of(db());
        Cli.run("init", "--db", db());
        try (AgentStore s = AgentStore.builder().path(file).build()) {
            s.core()
                    .recordApiCall(io.agentstore.core.ApiCall.builder()
                            .model("acme-coder-1")
                            .tokens(1_000, 500)
                            .occurredAt(java.time.Instant.parse("2026-03-01T10:00:00Z"))
                            .build());
        }
        Cli unpriced = Cli.run("doctor", "--db", db());
        assertThat(unpriced.out()).contains("model acme-coder-1 have no price");
        assertThat(Cli.run("query", "--db", db(), "-f", "csv", "SELECT cost_usd FROM v_api_call_costs")
                        .out())
                .isEqualTo("cost_usd\r\n\r\n");
        Files.writeString(
                file.resolveSibling("prices.json"),
                "{\"acme-coder-1\": {\"input_cost_per_token\": \"0.000002\","
                        + " \"output_cost_per_token\": \"0.00001\", \"effective_from\": \"2026-01-01\"}}");
        // read commands load nothing: a writing command (init, ingest) loads the price file
        assertThat(Cli.run("init", "--db", db()).code()).isZero();
        // 1,000 x $0.000002 + 500 x $0.00001 = $0.002 + $0.005
        Cli priced =
                Cli.run("query", "--db", db(), "-f", "csv", "SELECT round(cost_usd, 6) AS c FROM v_api_call_costs");
        assertThat(priced.out()).isEqualTo("c\r\n0.007000\r\n");
        Cli missing = Cli.run(
                "report",
                "daily",
                "--db",
                db(),
                "--prices",
                dir.resolve("nope.json").toString());
        assertThat(missing.code()).isEqualTo(Main.EXIT_DATA);
        assertThat(missing.err()).contains("nope.json is not a file");
    }
}
