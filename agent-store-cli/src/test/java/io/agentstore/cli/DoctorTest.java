package io.agentstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doctor} finds views changed by hand and facts dated in the future; {@code init} repairs the views. */
class DoctorTest {
    @TempDir
    Path dir;

    private String db() {
        return dir.resolve("agent-store.duckdb").toString();
    }

    @Test
    void aDroppedOrReplacedViewIsAProblemThatInitRepairs() {
        Cli created = Cli.run("init", "--db", db());
        assertThat(created.code()).isZero();
        assertThat(created.out()).doesNotContain("repairing");
        Cli healthy = Cli.run("doctor", "--db", db());
        assertThat(healthy.code()).as(healthy.out() + healthy.err()).isZero();
        assertThat(healthy.out()).contains("views         as the modules define them");

        assertThat(Cli.run("query", "--write", "--db", db(), "DROP VIEW v_tool_calls")
                        .code())
                .isZero();
        assertThat(Cli.run(
                                "query",
                                "--write",
                                "--db",
                                db(),
                                "CREATE OR REPLACE VIEW v_cost_by_day AS SELECT 1 AS cost_usd")
                        .code())
                .isZero();
        Cli broken = Cli.run("doctor", "--db", db());
        assertThat(broken.code()).isEqualTo(1);
        assertThat(broken.out())
                .contains("views         PROBLEM: view v_tool_calls is missing")
                .contains("PROBLEM: view v_cost_by_day differs from its module's definition")
                .contains("'agent-store init' repairs it")
                .contains("2 problem(s) found");

        Cli init = Cli.run("init", "--db", db());
        assertThat(init.code()).as(init.err()).isZero();
        assertThat(init.out()).contains("repairing views").contains("v_tool_calls");
        Cli repaired = Cli.run("doctor", "--db", db());
        assertThat(repaired.code()).as(repaired.out()).isZero();
        assertThat(repaired.out())
                .contains("views         as the modules define them")
                .contains("doctor        OK");
    }

    @Test
    void factsFlaggedWithAFutureTimestampAreListed() {
        assertThat(Cli.run("init", "--db", db()).code()).isZero();
        String insert =
                "INSERT INTO fact_ingest_error (event_id, occurred_at, recorded_at, source, file_path, line_number,"
                        + " byte_offset, reason, attributes) VALUES (uuid(), ?::TIMESTAMPTZ, now(), 'claude-code', ?, ?, 0, ?, ?::JSON)";
        assertThat(Cli.run(
                                "query",
                                "--write",
                                "--db",
                                db(),
                                insert,
                                "2999-01-01T00:00:00Z",
                                "/p/a.jsonl",
                                "7",
                                "future timestamp: 2999-01-01T00:00:00Z",
                                "{}")
                        .code())
                .isZero();
        assertThat(Cli.run(
                                "query",
                                "--write",
                                "--db",
                                db(),
                                insert,
                                "2998-05-05T00:00:00Z",
                                "/p/b.jsonl",
                                "3",
                                "clock skew",
                                "{\"future_timestamp\": true}")
                        .code())
                .isZero();
        assertThat(Cli.run(
                                "query",
                                "--write",
                                "--db",
                                db(),
                                insert,
                                "2026-01-01T00:00:00Z",
                                "/p/c.jsonl",
                                "9",
                                "malformed JSON",
                                "{}")
                        .code())
                .isZero();
        Cli doctor = Cli.run("doctor", "--db", db());
        assertThat(doctor.out())
                .contains("future        WARNING: /p/a.jsonl line 7 is dated 2999-01-01T00:00:00Z")
                .contains("future        WARNING: /p/b.jsonl line 3 is dated 2998-05-05T00:00:00Z")
                .doesNotContain("/p/c.jsonl line 9 is dated");
    }
}
