package io.agentstore.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.claudecode.ClaudeCodeImporter;
import io.agentstore.testing.SharedFixtures;
import io.agentstore.tokens.TokensModule;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warehouse path: an export folder of real Claude Code history, read by Apache Spark (spark-sql in local mode,
 * the Java 17 --add-opens in this module's failsafe argLine) with the statements the README shows, answers two
 * reference queries exactly as DuckDB answers them on the store itself.
 */
class SparkWarehouseIT {
    /** Tokens by model. */
    static final String TOKENS_BY_MODEL = "SELECT m.model_name, count(*) AS calls, sum(a.input_tokens) AS input_tokens,"
            + " sum(a.output_tokens) AS output_tokens, sum(a.cache_read_tokens) AS cache_read_tokens"
            + " FROM fact_api_call a JOIN dim_model m ON m.model_key = a.model_key GROUP BY m.model_name"
            + " ORDER BY m.model_name";

    /** Tool calls and failures by tool and UTC day. */
    static final String TOOLS_BY_DAY = "SELECT t.tool_name, CAST(f.occurred_at AS DATE) AS day, count(*) AS calls,"
            + " sum(CASE WHEN f.is_success THEN 0 ELSE 1 END) AS failures FROM fact_tool_call f JOIN dim_tool t"
            + " ON t.tool_key = f.tool_key GROUP BY t.tool_name, CAST(f.occurred_at AS DATE)"
            + " ORDER BY t.tool_name, day";

    @TempDir
    Path tmp;

    @Test
    void sparkAnswersTheReferenceQueriesAsDuckDbDoes() throws Exception {
        Path projects = SharedFixtures.directory("fixtures/claude-code/claude-code-log/test/test_data/real_projects");
        Path db = tmp.resolve("store.duckdb");
        Path export = tmp.resolve("export");
        List<List<String>> duckTokens;
        List<List<String>> duckTools;
        try (AgentStore store =
                AgentStore.builder().path(db).install(TokensModule.create()).build()) {
            ClaudeCodeImporter.builder(store)
                    .projectsDir(projects)
                    .idleAfter(Duration.ZERO)
                    .build()
                    .run();
            store.export().parquet(export).run();
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db)) {
            // DuckDB and Spark agree on UTC days
            try (Statement s = c.createStatement()) {
                s.execute("SET TimeZone = 'UTC'");
            }
            duckTokens = duck(c, TOKENS_BY_MODEL);
            duckTools = duck(c, TOOLS_BY_DAY);
        }
        assertThat(duckTokens).isNotEmpty();
        assertThat(duckTools).hasSizeGreaterThan(5);

        SparkSession spark = SparkSession.builder()
                .master("local[1]")
                .appName("agent-store-warehouse-it")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "1")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.warehouse.dir", tmp.resolve("warehouse").toString())
                .getOrCreate();
        try {
            for (String table : List.of("fact_api_call", "fact_tool_call", "dim_model", "dim_tool")) {
                // the statement the README shows: one view per table folder (facts: Hive partitions by day)
                spark.sql("CREATE OR REPLACE TEMPORARY VIEW " + table + " USING parquet OPTIONS (path '"
                        + export.resolve(table) + "')");
            }
            assertThat(spark(spark, TOKENS_BY_MODEL)).isEqualTo(duckTokens);
            assertThat(spark(spark, TOOLS_BY_DAY)).isEqualTo(duckTools);
        } finally {
            spark.stop();
        }
    }

    static List<List<String>> duck(Connection c, String sql) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(String.valueOf(rs.getObject(i)));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    static List<List<String>> spark(SparkSession spark, String sql) {
        List<List<String>> rows = new ArrayList<>();
        for (Row r : spark.sql(sql).collectAsList()) {
            List<String> row = new ArrayList<>();
            for (int i = 0; i < r.size(); i++) {
                row.add(String.valueOf(r.get(i)));
            }
            rows.add(row);
        }
        return rows;
    }
}
