package io.agentstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstore.core.ToolCall;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link AgentStore#readQuery}: DuckDB's parser lets reads through and names the type of everything else. */
class ReadQueryTest {
    private AgentStore store;

    @BeforeEach
    void open() {
        store = AgentStore.builder().inMemory().build();
        store.core()
                .recordToolCall(
                        ToolCall.builder().tool("Read").targetPath("a.txt").build());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void readsPass() {
        for (String sql : List.of(
                "SELECT 1",
                "select count(*) from fact_tool_call",
                "WITH a AS (SELECT 1 AS x) SELECT * FROM a",
                "VALUES (1), (2)",
                "FROM v_tool_calls",
                "DESCRIBE fact_tool_call",
                "SHOW TABLES",
                "SUMMARIZE dim_tool",
                "EXPLAIN SELECT * FROM v_tool_calls",
                "EXPLAIN ANALYZE SELECT 1",
                "PRAGMA table_info('fact_tool_call')",
                "PRAGMA version",
                "-- a comment\nSELECT 2",
                "/* c */ PRAGMA table_info('dim_tool')")) {
            assertThat(store.readQuery(sql).columns()).as(sql).isNotEmpty();
        }
        assertThat(store.readQuery("SELECT count(*) AS n FROM v_tool_calls WHERE target_path = ?", "a.txt")
                        .single()
                        .orElseThrow()
                        .int64("n"))
                .isEqualTo(1);
    }

    @Test
    void everythingElseIsRefusedBeforeItRunsNamingItsType() {
        String[][] cases = {
            {"INSERT INTO dim_tool (tool_key, tool_name) VALUES (99, 'x')", "INSERT"},
            {"UPDATE dim_tool SET tool_name = 'y'", "UPDATE"},
            {"DELETE FROM fact_tool_call", "DELETE"},
            {"DROP TABLE fact_tool_call", "DROP"},
            {"ALTER TABLE dim_tool ADD COLUMN z INT", "ALTER"},
            {"CREATE TABLE t (x INT)", "CREATE"},
            {"COPY fact_tool_call TO '/tmp/should-not-exist.csv'", "COPY"},
            {"ATTACH ':memory:' AS m", "ATTACH"},
            {"INSTALL httpfs", "INSTALL"},
            {"LOAD json", "LOAD"},
            {"SET threads = 1", "SET"},
            {"RESET threads", "SET"},
            {"PRAGMA threads = 1", "PRAGMA that changes settings"},
            {"PRAGMA enable_profiling", "PRAGMA that changes settings"},
            {"CHECKPOINT", "CHECKPOINT"},
            {"EXPLAIN INSERT INTO dim_tool (tool_key, tool_name) VALUES (99, 'x')", "EXPLAIN of INSERT"},
            {"EXPLAIN ANALYZE DELETE FROM fact_tool_call", "EXPLAIN of DELETE"},
            {"WITH d AS (SELECT 1) DELETE FROM fact_tool_call", "WITH (data-modifying)"},
            {"SELECT 1; DROP TABLE fact_tool_call", "MULTIPLE"},
            {"SELECT 1; SELECT 2", "MULTIPLE"},
            {"/*123456version*/ PRAGMA threads=1", "PRAGMA that changes settings"},
            {"CALL pragma_version()", "CALL"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> store.readQuery(c[0]))
                    .as(c[0])
                    .isInstanceOfSatisfying(StatementNotAllowedException.class, e -> {
                        assertThat(e.statementType()).isEqualTo(c[1]);
                        assertThat(e.getMessage()).contains(c[1]);
                    });
        }
        assertThat(store.sql("SELECT count(*) AS n FROM fact_tool_call")
                        .single()
                        .orElseThrow()
                        .int64("n"))
                .as("nothing ran")
                .isEqualTo(1);
        assertThat(store.sql("SELECT count(*) AS n FROM dim_tool WHERE tool_key = 99")
                        .single()
                        .orElseThrow()
                        .int64("n"))
                .isZero();
    }

    @Test
    void aWrongNumberOfValuesSaysHowManyWereExpectedAndGiven() {
        assertThatThrownBy(() -> store.sql("SELECT ? + ?", 1).rows())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 parameter placeholders")
                .hasMessageContaining("1 value was given");
        assertThatThrownBy(() -> store.readQuery("SELECT 1", 1, 2).rows())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 parameter placeholders")
                .hasMessageContaining("2 values were given");
    }
}
