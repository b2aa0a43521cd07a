package io.agentstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.testing.SharedFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code erase}, the ingest's skip list, {@code retention} and {@code merge} as a user runs them. */
class LifecycleCommandsTest {
    static final String SESSION = "b25638d7-b104-4f06-a797-70ac33d069ed";

    @TempDir
    Path dir;

    @Test
    void eraseThenIngestSkipsThenForgetThenRetentionThenMerge() throws Exception {
        Path projects = dir.resolve("projects/-Users-dain-workspace-danieldemmel-me-next");
        Files.createDirectories(projects);
        Path fixtures = SharedFixtures.directory(
                "fixtures/claude-code/claude-code-log/test/test_data/real_projects/-Users-dain-workspace-danieldemmel-me-next");
        Files.copy(fixtures.resolve(SESSION + ".jsonl"), projects.resolve(SESSION + ".jsonl"));
        Path db = dir.resolve("a.duckdb");
        String[] ingest = {
            "ingest",
            "claude-code",
            "--db",
            db.toString(),
            "--projects",
            dir.resolve("projects").toString(),
            "--idle-after",
            "0s",
            "--no-hooks"
        };
        assertThat(Cli.run(ingest).code()).isZero();
        long calls = count(db, "SELECT count(*) FROM fact_api_call");
        assertThat(calls).isPositive();
        Path copy = Files.copy(db, dir.resolve("laptop.duckdb"));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + copy);
                Statement s = c.createStatement()) {
            // another machine's store: its own identity
            s.execute("UPDATE agent_store_identity SET store_id = uuid()");
            s.execute("UPDATE dim_source_host SET store_id = (SELECT store_id FROM agent_store_identity)");
        }

        Cli erase = Cli.run("erase", "--session", SESSION, "--db", db.toString());
        assertThat(erase.code()).as(erase.err()).isZero();
        assertThat(erase.out()).contains("erased session scope: 1 session(s)").doesNotContain(SESSION);
        assertThat(count(db, "SELECT count(*) FROM fact_api_call")).isZero();

        Cli again = Cli.run(ingest);
        assertThat(again.out()).contains("skipped 1 transcript(s) of erased sessions");
        assertThat(count(db, "SELECT count(*) FROM fact_api_call")).isZero();
        assertThat(Cli.run("erase", "--forget", "--db", db.toString()).out()).contains("skip list emptied (2");
        assertThat(Cli.run(ingest).code()).isZero();
        assertThat(count(db, "SELECT count(*) FROM fact_api_call")).isEqualTo(calls);

        assertThat(Cli.run("retention", "keep", "fact_api_call", "30", "--db", db.toString())
                        .code())
                .isZero();
        assertThat(Cli.run("retention", "show", "--db", db.toString()).out())
                .contains("fact_api_call", "keep   30 days");
        Cli run = Cli.run("retention", "run", "--db", db.toString());
        assertThat(run.out()).contains("fact_api_call: archived " + calls + " rows");
        assertThat(count(db, "SELECT count(*) FROM fact_api_call")).isZero();

        Cli merge = Cli.run("merge", copy.toString(), "--db", db.toString());
        assertThat(merge.code()).as(merge.err()).isZero();
        assertThat(merge.out()).contains("as host 'laptop'");
        assertThat(count(db, "SELECT count(*) FROM v_api_calls_by_host WHERE source_host = 'laptop'"))
                .isEqualTo(calls);
        assertThat(Cli.run("merge", copy.toString(), "--db", db.toString()).out())
                .contains(": 0 fact(s) added");
    }

    static long count(Path db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
