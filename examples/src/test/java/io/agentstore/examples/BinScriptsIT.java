package io.agentstore.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code bin/agent-store}, {@code bin/quickstart} and {@code bin/jshell} from a foreign folder with a fresh HOME, as a new user
 * would. Maven has just built the jars, so the scripts must not build again: {@code mvn} is replaced by a
 * stub that fails, which keeps a nested build from rewriting the jars this test runs from.
 */
class BinScriptsIT {
    @TempDir
    Path dir;

    private Path home;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void freshUser() throws Exception {
        home = Files.createDirectories(dir.resolve("home"));
        Path stubs = Files.createDirectories(dir.resolve("stubs"));
        Path mvn = stubs.resolve("mvn");
        Files.writeString(
                mvn, "#!/bin/sh\necho 'the script tried to build again although the jars are fresh' >&2\nexit 97\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        env.put("HOME", home.toString());
        env.put("PATH", stubs + ":" + System.getenv("PATH"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("AGENT_STORE_DB", null);
        env.put("_JAVA_OPTIONS", "-Djava.util.prefs.userRoot=" + dir.resolve("prefs"));
    }

    @Test
    void quickstartRecordsIntoTheDefaultDatabaseUnderHome() throws Exception {
        Path script = Processes.REPO.resolve("bin/quickstart");

        Processes.Result first = Processes.run(dir, List.of("bash", script.toString()), env, "");
        Processes.Result second = Processes.run(dir, List.of("bash", script.toString()), env, "");

        Path db = home.resolve(".agent-store/agent-store.duckdb");
        assertThat(first.exitCode()).as(first.describe()).isZero();
        assertThat(second.exitCode()).as(second.describe()).isZero();
        assertThat(first.stdout()).contains("Recorded session ", "into " + db, "v_session_summary");
        assertThat(Files.getPosixFilePermissions(db.getParent()))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        try (AgentStore store = AgentStore.builder().path(db).build()) {
            assertThat(store.sql("SELECT count(*) AS n FROM v_session_summary")
                            .single()
                            .orElseThrow()
                            .int64("n"))
                    .isEqualTo(2);
        }
    }

    @Test
    void quickstartHonoursAgentStoreDb() throws Exception {
        Path db = dir.resolve("elsewhere/custom.duckdb");
        env.put("AGENT_STORE_DB", db.toString());

        Processes.Result result = Processes.run(
                dir, List.of("bash", Processes.REPO.resolve("bin/quickstart").toString()), env, "");

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stdout()).contains("into " + db);
        assertThat(home.resolve(".agent-store")).doesNotExist();
    }

    @Test
    void binJshellRunsTheJShellQuickstart() throws Exception {
        Path db = dir.resolve("jshell.duckdb");
        env.put("AGENT_STORE_DB", db.toString());

        Processes.Result result = Processes.run(
                dir,
                List.of(
                        "bash",
                        Processes.REPO.resolve("bin/jshell").toString(),
                        Processes.EXAMPLES.resolve("jshell/quickstart.jsh").toString()),
                env,
                "store.close()\n/exit\n");

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stdout())
                .contains("Recorded session ", "quickstart.jsh done")
                .doesNotContain("Error:");
        assertThat(result.stderr()).doesNotContain("Error:").doesNotContain("Exception ");
    }

    @Test
    void agentStoreDemoTheQuickStartFillsTheDefaultDatabase() throws Exception {
        Path script = Processes.REPO.resolve("bin/agent-store");

        Processes.Result demo =
                Processes.run(dir, List.of("bash", script.toString(), "demo", "--sessions", "6"), env, "");
        assertThat(demo.exitCode()).as(demo.describe()).isZero();
        assertThat(demo.stdout())
                .contains("wrote a synthetic history of 6 sessions", "Daily usage", "Cost by model", "Total");

        Path db = home.resolve(".agent-store/agent-store.duckdb");
        assertThat(Files.getPosixFilePermissions(db)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        Processes.Result report =
                Processes.run(dir, List.of("bash", script.toString(), "report", "session", "--json"), env, "");
        assertThat(report.exitCode()).as(report.describe()).isZero();
        assertThat(report.stdout()).contains("\"session\"", "\"totalCost\"");
    }
}
