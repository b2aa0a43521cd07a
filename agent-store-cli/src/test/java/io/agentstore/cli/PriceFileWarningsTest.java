package io.agentstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A price file beside the database that cannot be used is reported once and ignored; it blocks nothing. */
class PriceFileWarningsTest {
    @TempDir
    Path dir;

    private Path db() {
        return dir.resolve("store/agent-store.duckdb");
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void malformedJsonIsReportedOnceAndTheBundledPricesAreUsed() throws Exception {
        assertThat(Cli.run("init", "--db", db().toString()).code()).isZero();
        Path prices = Files.writeString(db().resolveSibling("prices.json"), "{\"acme\": {\"input_cost_per_token\": ");
        Cli q = Cli.run("query", "--db", db().toString(), "SELECT 1 AS one");
        assertThat(q.code()).as(q.err()).isZero();
        assertThat(q.out()).contains("one");
        assertThat(count(q.err(), "warning")).as(q.err()).isEqualTo(1);
        assertThat(q.err())
                .contains(prices.toString())
                .contains("not valid JSON")
                .contains("bundled prices are used");
        Cli init = Cli.run("init", "--db", db().toString());
        assertThat(init.code()).as(init.err()).isZero();
        assertThat(count(init.err(), "warning")).as(init.err()).isEqualTo(1);
        Cli bundled = Cli.run(
                "query",
                "--db",
                db().toString(),
                "-f",
                "csv",
                "SELECT count(*) > 0 AS has_prices FROM dim_model_price WHERE price_source = 'bundled'");
        assertThat(bundled.out()).isEqualTo("has_prices\r\ntrue\r\n");
    }

    @Test
    void aBadPriceNamesTheModelTheKeyAndTheValue() throws Exception {
        assertThat(Cli.run("init", "--db", db().toString()).code()).isZero();
        Files.writeString(
                db().resolveSibling("prices.json"),
                "{\"acme-coder-1\": {\"input_cost_per_token\": \"cheap\", \"output_cost_per_token\": 0.00001}}");
        Cli init = Cli.run("init", "--db", db().toString());
        assertThat(init.code()).as(init.err()).isZero();
        assertThat(init.err())
                .contains("model 'acme-coder-1'")
                .contains("input_cost_per_token")
                .contains("\"cheap\"")
                .contains("ignored");
        assertThat(Cli.run(
                                "query",
                                "--db",
                                db().toString(),
                                "-f",
                                "csv",
                                "SELECT count(*) AS n FROM dim_model_price WHERE model_name = 'acme-coder-1'")
                        .out())
                .isEqualTo("n\r\n0\r\n");
    }

    @Test
    void anUnknownKeyIsAWarningThatNamesItAndTheRestIsUsed() throws Exception {
        assertThat(Cli.run("init", "--db", db().toString()).code()).isZero();
        Files.writeString(
                db().resolveSibling("prices.json"),
                "{\"acme-coder-1\": {\"input_cost_per_tokn\": 0.000002,"
                        + " \"input_cost_per_token\": 0.000002, \"output_cost_per_token\": 0.00001, \"supports_vision\": true}}");
        Cli init = Cli.run("init", "--db", db().toString());
        assertThat(init.code()).as(init.err()).isZero();
        assertThat(count(init.err(), "warning")).as(init.err()).isEqualTo(1);
        assertThat(init.err())
                .contains("model 'acme-coder-1'")
                .contains("unknown key 'input_cost_per_tokn'")
                .doesNotContain("supports_vision");
        assertThat(Cli.run(
                                "query",
                                "--db",
                                db().toString(),
                                "-f",
                                "csv",
                                "SELECT count(*) AS n FROM dim_model_price WHERE model_name = 'acme-coder-1'")
                        .out())
                .isEqualTo("n\r\n1\r\n");
    }
}
