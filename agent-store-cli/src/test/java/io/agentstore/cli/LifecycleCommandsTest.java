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
        assertThat(merge.out()).contains("the audit chain of the source is intact");
        assertThat(Cli.run("merge", copy.toString(), "--db", db.toString()).out())
                .contains(": 0 fact(s) added");
        // the merge's provenance record, sealed into this store's chain: one, however often the source is merged
        assertThat(Cli.run("verify", "--db", db.toString()).out()).containsOnlyOnce("from 'laptop' (store ");
    }

    @Test
    void aSourceWhoseAuditChainWasEditedIsNotMerged() throws Exception {
        Path projects = dir.resolve("projects/-Users-dain-workspace-danieldemmel-me-next");
        Files.createDirectories(projects);
        Path fixtures = SharedFixtures.directory(
                "fixtures/claude-code/claude-code-log/test/test_data/real_projects/-Users-dain-workspace-danieldemmel-me-next");
        Files.copy(fixtures.resolve(SESSION + ".jsonl"), projects.resolve(SESSION + ".jsonl"));
        Path laptop = dir.resolve("laptop.duckdb");
        assertThat(Cli.run(
                                "ingest",
                                "claude-code",
                                "--db",
                                laptop.toString(),
                                "--projects",
                                dir.resolve("projects").toString(),
                                "--idle-after",
                                "0s",
                                "--no-hooks")
                        .code())
                .isZero();
        // a writable open seals what the import recorded
        assertThat(Cli.run("redact", "--rescan", "--db", laptop.toString()).code())
                .isZero();
        assertThat(Cli.run("verify", "--db", laptop.toString()).code()).isZero();
        Path desk = dir.resolve("desk.duckdb");
        assertThat(Cli.run("init", "--db", desk.toString()).code()).isZero();
        String edited;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + laptop);
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT CAST(fact_event_id AS VARCHAR) FROM fact_audit_chain"
                    + " WHERE fact_table = 'fact_prompt' ORDER BY seq DESC LIMIT 1")) {
                rs.next();
                edited = rs.getString(1);
            }
            s.execute("UPDATE fact_prompt SET prompt_text = prompt_text || ' (edited)' WHERE event_id = '" + edited
                    + "'");
        }
        Cli merge = Cli.run("merge", laptop.toString(), "--db", desk.toString());
        assertThat(merge.code()).isEqualTo(1);
        assertThat(merge.err()).contains("not merged", "edited: fact_prompt " + edited);
        assertThat(count(desk, "SELECT count(*) FROM fact_prompt")).isZero();
        assertThat(count(desk, "SELECT count(*) FROM fact_api_call")).isZero();
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
