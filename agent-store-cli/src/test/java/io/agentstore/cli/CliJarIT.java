package io.agentstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.it.RecorderMain;
import io.agentstore.spi.Json;
import io.agentstore.testing.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, run as a user runs it: a separate process, exit codes, output, the lock wait. */
class CliJarIT {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {}

    private ProcessBuilder command(String... args) {
        String jar = System.getProperty("agentstore.cli.jar", "target/agent-store.jar");
        assertThat(Path.of(jar)).as("the packaged command").exists();
        List<String> cmd = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("HOME", dir.resolve("home").toString());
        pb.environment().remove("AGENT_STORE_DB");
        pb.environment().remove("CLAUDE_CONFIG_DIR");
        return pb;
    }

    private Result run(String stdin, String... args) throws Exception {
        Process p = command(args).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Result(p.exitValue(), out, err);
    }

    @Test
    void versionHelpAndUsageErrors() throws Exception {
        assertThat(run(null, "--version").out()).contains("agent-store 0.1.0");
        Result help = run(null, "report", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("daily, weekly, monthly, session or blocks");
        Result bad = run(null, "frobnicate");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("frobnicate");
    }

    @Test
    void theDefaultDatabaseIsUnderHomeAndHooksNeverFail() throws Exception {
        Result hook = run("{\"session_id\":\"s\",\"hook_event_name\":\"Stop\"}", "hook");
        assertThat(hook.code()).isZero();
        Path spool = dir.resolve("home/.agent-store/agent-store.duckdb.hook-spool");
        assertThat(Files.list(spool)).hasSize(1);
        Result garbage = run("%%% not json", "hook");
        assertThat(garbage.code()).isZero();
        Result ingest = run(null, "ingest", "claude-code", "--idle-after", "0s");
        assertThat(ingest.code()).as(ingest.err()).isZero();
        assertThat(ingest.out()).contains("1 bad lines");
        assertThat(ingest.err())
                .contains("no Claude Code projects folder found; looked in: " + dir.resolve("home/.claude/projects"));
        assertThat(dir.resolve("home/.agent-store/agent-store.duckdb")).exists();
        Result json = run(null, "query", "-f", "json", "SELECT event_type FROM v_session_events");
        assertThat(Json.MAPPER.readTree(json.out()).get(0).get("event_type").asText())
                .isEqualTo("stop");
    }

    @Test
    void aLockedDatabaseIsWaitedForAndThenReported() throws Exception {
        Path db = dir.resolve("locked.duckdb");
        AgentStore holder = AgentStore.builder().path(db).build();
        try {
            Result refused = run(null, "query", "--db", db.toString(), "--lock-wait", "1s", "SELECT 1");
            assertThat(refused.code()).isEqualTo(Main.EXIT_LOCKED);
            assertThat(refused.err())
                    .contains(db.toString())
                    .contains("process " + ProcessHandle.current().pid());

            Process waiting = command(
                            "query", "--db", db.toString(), "--lock-wait", "2m", "-f", "csv", "SELECT 42 AS answer")
                    .start();
            waiting.getOutputStream().close();
            BufferedReader err =
                    new BufferedReader(new InputStreamReader(waiting.getErrorStream(), StandardCharsets.UTF_8));
            String line = err.readLine();
            assertThat(line).as("the waiting process says so").contains("waiting up to 120 s");
            holder.close();
            String out = new String(waiting.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(waiting.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(waiting.exitValue()).isZero();
            assertThat(out).contains("42");
        } finally {
            holder.close();
        }
    }

    @Test
    void aQueryWhileAnotherProcessRecordsIsToldItsPidAndGetsItsTurnWhenThatProcessDies() throws Exception {
        Path db = dir.resolve("busy.duckdb");
        Set<String> acknowledged = new HashSet<>();
        try (ChildJvm writer =
                ChildJvm.start(dir, RecorderMain.class, "record", db.toString(), "GROUP_COMMIT", "2", "cli")) {
            writer.awaitLine(l -> l.startsWith("READY"), Duration.ofMinutes(1));
            while (acknowledged.size() < 200) {
                acknowledged.add(writer.nextLine(Duration.ofMinutes(1)));
            }
            Result refused = run(
                    null, "query", "--db", db.toString(), "--lock-wait", "1s", "SELECT count(*) FROM fact_tool_call");
            assertThat(refused.code()).as(refused.err()).isEqualTo(Main.EXIT_LOCKED);
            assertThat(refused.err()).contains(db.toString()).contains("process " + writer.pid());
            assertThat(writer.process().isAlive())
                    .as("the writer went on recording")
                    .isTrue();
            writer.kill();
            List<String> rest = writer.drain(Duration.ofMinutes(1));
            // every line but a last one cut short by the kill is an id whose call returned
            acknowledged.addAll(rest.subList(0, Math.max(0, rest.size() - 1)));
        }
        Result after = run(
                null,
                "query",
                "--db",
                db.toString(),
                "-f",
                "csv",
                "SELECT CAST(event_id AS VARCHAR) AS id FROM fact_tool_call");
        assertThat(after.code()).as(after.err()).isZero();
        List<String> stored = after.out().lines().skip(1).toList();
        assertThat(stored).as("no fact twice").doesNotHaveDuplicates();
        assertThat(stored).as("every acknowledged record, after a SIGKILL").containsAll(acknowledged);
    }

    @Test
    void readCommandsCreateNothingAndQueryOnlyReadsWhileInitFindsTheModules() throws Exception {
        Path db = dir.resolve("fresh/agent.duckdb");
        Result missing = run(null, "report", "daily", "--db", db.toString());
        assertThat(missing.code()).isEqualTo(Main.EXIT_NO_DATABASE);
        assertThat(missing.err()).contains("no database at " + db);
        assertThat(dir.resolve("fresh")).doesNotExist();
        // the shaded jar finds every module of agent-store-all through ServiceLoader
        Result init = run(null, "init", "--db", db.toString());
        assertThat(init.out())
                .contains("modules core, agents, audit, memory, otlp, quality, rag, tokens, cdc, strategy)");
        Result refused = run(null, "query", "--db", db.toString(), "DELETE FROM fact_api_call");
        assertThat(refused.code()).isEqualTo(Main.EXIT_DATA);
        assertThat(refused.err()).contains("refused a DELETE statement");
        Result arity = run(null, "query", "--db", db.toString(), "SELECT ?");
        assertThat(arity.code()).isEqualTo(Main.EXIT_DATA);
        assertThat(arity.err()).contains("1 parameter placeholder ('?') but 0 values were given");
    }

    @Test
    void reportsOnAnEmptyDatabaseAreEmptyNotErrors() throws Exception {
        assertThat(run(null, "init", "--db", dir.resolve("e.duckdb").toString()).code())
                .isZero();
        Result daily = run(
                null,
                "report",
                "daily",
                "--json",
                "--db",
                dir.resolve("e.duckdb").toString());
        assertThat(daily.code()).as(daily.err()).isZero();
        assertThat(Json.MAPPER.readTree(daily.out()).path("daily")).isEmpty();
        Result table =
                run(null, "report", "blocks", "--db", dir.resolve("e.duckdb").toString());
        assertThat(table.out()).contains("(no usage recorded in this range)");
        Result doctor = run(null, "doctor", "--db", dir.resolve("e.duckdb").toString());
        assertThat(doctor.code()).isZero();
    }

    static String read(Path p) throws IOException {
        return Files.readString(p);
    }
}
