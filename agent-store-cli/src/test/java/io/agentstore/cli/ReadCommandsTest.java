package io.agentstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.core.ToolCall;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Read commands create, install, migrate and change nothing; {@code query} runs only reads unless --write. */
class ReadCommandsTest {
    @TempDir
    Path dir;

    private Path db() {
        return dir.resolve("home/.agent-store/agent-store.duckdb");
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private void initWithOneCall() {
        assertThat(Cli.run("init", "--db", db().toString()).code()).isZero();
        try (AgentStore s = AgentStore.builder().path(db()).build()) {
            s.core()
                    .recordToolCall(
                            ToolCall.builder().tool("Read").targetPath("a.txt").build());
        }
    }

    @Test
    void readCommandsOnAMissingDatabaseSaySoAndCreateNothing() {
        Path missing = dir.resolve("nowhere/sub/agent.duckdb");
        Path out = dir.resolve("export-out");
        List<List<String>> commands = List.of(
                List.of("query", "--db", missing.toString(), "SELECT 1"),
                List.of("query", "--write", "--db", missing.toString(), "SELECT 1"),
                List.of("report", "daily", "--db", missing.toString()),
                List.of("report", "blocks", "--json", "--db", missing.toString()),
                List.of("export", "--db", missing.toString(), "parquet", out.toString()),
                List.of("doctor", "--db", missing.toString()));
        for (List<String> c : commands) {
            Cli r = Cli.run(c.toArray(new String[0]));
            assertThat(r.code()).as(String.join(" ", c)).isEqualTo(Main.EXIT_NO_DATABASE);
            assertThat(r.err())
                    .as(String.join(" ", c))
                    .contains("no database at " + missing)
                    .contains("agent-store init");
        }
        assertThat(dir.resolve("nowhere")).as("no folder either").doesNotExist();
        assertThat(out).doesNotExist();
    }

    @Test
    void queryRefusesEveryStatementThatChangesStateWithExit65() throws Exception {
        initWithOneCall();
        String before = sha256(db());
        Path copy = dir.resolve("copy.csv");
        List<String> refused = List.of(
                "INSERT INTO dim_tool (tool_key, tool_name) VALUES (99, 'x')",
                "UPDATE dim_tool SET tool_name = 'y'",
                "DELETE FROM fact_tool_call",
                "DROP VIEW v_tool_calls",
                "ALTER TABLE dim_tool ADD COLUMN z INT",
                "CREATE TABLE t (x INT)",
                "COPY fact_tool_call TO '" + copy + "'",
                "ATTACH '" + dir.resolve("other.duckdb") + "' AS other",
                "INSTALL httpfs",
                "LOAD json",
                "SET threads = 1",
                "PRAGMA threads = 2",
                "SELECT 1; DROP TABLE fact_tool_call");
        for (String sql : refused) {
            Cli r = Cli.run("query", "--db", db().toString(), sql);
            assertThat(r.code()).as(sql).isEqualTo(Main.EXIT_DATA);
            assertThat(r.err()).as(sql).startsWith("agent-store: refused a").contains("statement");
        }
        assertThat(Cli.run("query", "--db", db().toString(), "COPY fact_tool_call TO '" + copy + "'")
                        .err())
                .contains("refused a COPY statement");
        // a SELECT that reaches outside the database is stopped by the sandbox
        Path secret = Files.writeString(dir.resolve("id_rsa"), "PRIVATE");
        Cli sneaky = Cli.run("query", "--db", db().toString(), "SELECT * FROM read_text('" + secret + "')");
        assertThat(sneaky.code()).isEqualTo(1);
        assertThat(sneaky.err()).contains("disabled by configuration").doesNotContain("PRIVATE");
        assertThat(sneaky.out()).doesNotContain("PRIVATE");
        assertThat(copy).doesNotExist();
        assertThat(dir.resolve("other.duckdb")).doesNotExist();
        for (String sql : List.of(
                "SELECT count(*) AS n FROM v_tool_calls",
                "DESCRIBE fact_tool_call",
                "SHOW TABLES",
                "EXPLAIN SELECT 1",
                "PRAGMA table_info('dim_tool')",
                "WITH a AS (SELECT 1 AS x) SELECT * FROM a")) {
            Cli r = Cli.run("query", "--db", db().toString(), sql);
            assertThat(r.code()).as(sql + ": " + r.err()).isZero();
        }
        assertThat(sha256(db())).as("reads leave the file unchanged").isEqualTo(before);
    }

    @Test
    void queryWithWriteRunsAChangeAndHelpSaysItIsDangerous() {
        initWithOneCall();
        Cli w = Cli.run("query", "--write", "--db", db().toString(), "CREATE TABLE my_notes (x INT)");
        assertThat(w.code()).as(w.err()).isZero();
        assertThat(Cli.run("query", "--db", db().toString(), "-f", "csv", "SELECT count(*) AS n FROM my_notes")
                        .out())
                .isEqualTo("n\r\n0\r\n");
        assertThat(Cli.run("query", "--help").out()).contains("--write").contains("DANGEROUS");
    }

    @Test
    void aWrongNumberOfValuesSaysHowManyWereExpectedAndGiven() {
        initWithOneCall();
        Cli few = Cli.run("query", "--db", db().toString(), "SELECT ? AS a, ? AS b", "1");
        assertThat(few.code()).isEqualTo(Main.EXIT_DATA);
        assertThat(few.err()).contains("2 parameter placeholders").contains("1 value was given");
        Cli many = Cli.run("query", "--db", db().toString(), "SELECT 1", "x", "y");
        assertThat(many.code()).isEqualTo(Main.EXIT_DATA);
        assertThat(many.err()).contains("0 parameter placeholders").contains("2 values were given");
    }

    @Test
    void initInstallsDiscoveredModulesAndReadCommandsNeverInstall() {
        Path file = db();
        Cli coreOnly = Cli.run("init", "--db", file.toString(), "--modules", "core");
        assertThat(coreOnly.code()).as(coreOnly.err()).isZero();
        assertThat(coreOnly.out()).contains("modules core)");
        String tokensRows = "SELECT count(*) AS n FROM agent_store_schema_history WHERE module_id = 'tokens'";
        for (List<String> c : List.of(List.of("query", "SELECT 1"), List.of("doctor"), List.of("report", "daily"))) {
            List<String> args = new java.util.ArrayList<>(c);
            args.addAll(List.of("--db", file.toString()));
            Cli.run(args.toArray(new String[0]));
        }
        assertThat(Cli.run("query", "--db", file.toString(), "-f", "csv", tokensRows)
                        .out())
                .as("no read command installed tokens")
                .isEqualTo("n\r\n0\r\n");
        Cli unknown = Cli.run("init", "--db", file.toString(), "--install", "nosuch");
        assertThat(unknown.code()).isEqualTo(Main.EXIT_DATA);
        assertThat(unknown.err()).contains("no module 'nosuch'").contains("tokens");
        Cli install = Cli.run("init", "--db", file.toString(), "--install", "tokens");
        assertThat(install.code()).as(install.err()).isZero();
        assertThat(install.out()).contains("modules core, tokens)");
        assertThat(Cli.run("query", "--db", file.toString(), "-f", "csv", tokensRows)
                        .out())
                .isNotEqualTo("n\r\n0\r\n");
        Cli all = Cli.run("init", "--db", dir.resolve("all.duckdb").toString());
        // every module on the classpath, in dependency order (strategy requires tokens and quality)
        assertThat(all.out())
                .contains("modules core, agents, audit, memory, otlp, quality, rag, tokens, cdc, strategy)");
    }

    @Test
    void aReadCommandOnAFileBehindNamesWhatIsMissingAndInitFixesIt() {
        initWithOneCall();
        try (AgentStore s = AgentStore.builder().path(db()).build()) {
            // as if the file had been written by an agent-store whose tokens views were older
            s.sql("DELETE FROM agent_store_schema_history WHERE module_id = 'tokens' AND version IS NULL")
                    .rows();
        }
        Cli behind = Cli.run("query", "--db", db().toString(), "SELECT 1");
        assertThat(behind.code()).isEqualTo(Main.EXIT_SCHEMA);
        assertThat(behind.err()).contains("R__tokens_prices.sql").contains("agent-store init --db ");
        assertThat(Cli.run("init", "--db", db().toString()).code()).isZero();
        assertThat(Cli.run("query", "--db", db().toString(), "SELECT 1").code()).isZero();
    }
}
