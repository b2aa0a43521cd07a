package io.agentstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentstore.core.ApiCall;
import io.agentstore.core.ToolCall;
import io.agentstore.spi.AgentStoreException;
import io.agentstore.spi.ArrowResult;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.QueryResult;
import io.agentstore.spi.Row;
import io.agentstore.testing.MutableClock;
import io.agentstore.testing.StoreExtension;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Queries: parameter binding, the printed table, CSV, JSON, Arrow, streaming, and read-your-writes. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class QueryResultTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2026-03-01T08:00:00Z");
    private static final String EVIL = "x'; DROP TABLE fact_tool_call; --";

    private final MutableClock clock = new MutableClock(START);

    @RegisterExtension
    final StoreExtension files = StoreExtension.file().clock(clock);

    @RegisterExtension
    final StoreExtension asyncFiles = StoreExtension.file().clock(clock).durability(Durability.ASYNC);

    private AgentStore store;

    @BeforeEach
    void open() {
        store = files.get();
    }

    @Test
    void parametersAreBoundAsDataNeverAsSql() {
        UUID id = store.core()
                .recordToolCall(ToolCall.builder().tool(EVIL).targetPath(EVIL).build());

        assertThat(store.sql("SELECT ? AS v", EVIL).rows().get(0).string("v")).isEqualTo(EVIL);
        QueryResult found = store.sql(
                "SELECT f.event_id, t.tool_name FROM fact_tool_call f JOIN dim_tool t USING (tool_key)"
                        + " WHERE t.tool_name = ?",
                EVIL);
        assertThat(found.size()).isEqualTo(1);
        assertThat(found.rows().get(0).uuid("event_id")).isEqualTo(id);
        assertThat(found.rows().get(0).string("tool_name")).isEqualTo(EVIL);
        assertThat(store.sql("SELECT file_path FROM dim_file WHERE file_path = ?", EVIL)
                        .single())
                .hasValueSatisfying(r -> assertThat(r.string("file_path")).isEqualTo(EVIL));
        assertThat(store.sql("SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'fact_tool_call'")
                        .rows()
                        .get(0)
                        .int64("n"))
                .isEqualTo(1);
        assertThat(store.sql("SELECT count(*) AS n FROM fact_tool_call")
                        .rows()
                        .get(0)
                        .int64("n"))
                .isEqualTo(1);
        // Streaming and Arrow bind the same way.
        try (Stream<Row> rows = store.sql("SELECT ? AS v", EVIL).stream()) {
            assertThat(rows.map(r -> r.string("v"))).containsExactly(EVIL);
        }
    }

    @Test
    void parametersOfEachKindRoundTrip() {
        UUID id = UUID.fromString("0b7e3a3c-8d0a-4a53-9a8e-3f6f0c2b9d11");
        Instant at = Instant.parse("2026-02-03T04:05:06.123456Z");
        Row row = store.sql(
                        "SELECT ?::UUID AS u, ?::TIMESTAMPTZ AS t, ?::DECIMAL(18,6) AS d, ?::BIGINT AS n,"
                                + " ?::BOOLEAN AS b, ?::VARCHAR AS s, ?::VARCHAR AS missing",
                        id,
                        at,
                        new BigDecimal("12.345678"),
                        42L,
                        true,
                        "ünïcødé ✓",
                        null)
                .rows()
                .get(0);
        assertThat(row.uuid("u")).isEqualTo(id);
        assertThat(row.instant("t")).isEqualTo(at);
        assertThat(row.decimal("d")).isEqualTo(new BigDecimal("12.345678"));
        assertThat(row.int64("n")).isEqualTo(42L);
        assertThat(row.bool("b")).isTrue();
        assertThat(row.string("s")).isEqualTo("ünïcødé ✓");
        assertThat(row.get("missing")).isNull();
    }

    @Test
    void toStringIsAnAlignedTableWithNullsAndTheRowCount() {
        QueryResult result =
                store.sql("SELECT * FROM (VALUES ('a', 1, NULL), ('bbb', 22, 'x')) t(name, n, note) ORDER BY n");
        assertThat(result.toString())
                .isEqualTo(String.join(
                        "\n", "name | n  | note", "-----+----+-----", "a    |  1 | NULL", "bbb  | 22 | x", "(2 rows)"));
        assertThat(store.sql("SELECT 'only' AS v").toString()).isEqualTo("v\n----\nonly\n(1 row)");
        assertThat(store.sql("SELECT 1 AS v WHERE false").toString()).isEqualTo("v\n-\n(0 rows)");
        String big = store.sql("SELECT range AS i FROM range(250)").toString();
        assertThat(big).endsWith("(250 rows, first 200 shown)");
        assertThat(big.lines().count()).isEqualTo(2 + 200 + 1);
        // Cells are kept on one line and shortened.
        String cell = store.sql("SELECT 'line1' || chr(10) || 'line2' AS a, repeat('z', 100) AS b")
                .toString();
        assertThat(cell.lines().toList().get(2)).isEqualTo("line1 line2 | " + "z".repeat(59) + "…");
    }

    @Test
    void toCsvQuotesCommasQuotesAndLineBreaks() throws Exception {
        QueryResult result = store.sql(
                "SELECT * FROM (VALUES (1, 'plain', 'a,b', 'say \"hi\"', 'two' || chr(10) || 'lines',"
                        + " NULL::VARCHAR, '', 0.0000001::DECIMAL(18,9))) t(id, p, comma, quote, nl, nothing, empty, tiny)");
        String csv = result.toCsv();
        assertThat(csv)
                .isEqualTo("id,p,comma,quote,nl,nothing,empty,tiny\r\n"
                        + "1,plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,\"\",0.000000100\r\n");

        // An independent CSV reader gets the same values back.
        Path file = files.folder().resolve("result.csv");
        Files.writeString(file, csv);
        Row back = store.sql("SELECT * FROM read_csv(?, header = true, all_varchar = true)", file.toString())
                .rows()
                .get(0);
        assertThat(back.string("comma")).isEqualTo("a,b");
        assertThat(back.string("quote")).isEqualTo("say \"hi\"");
        assertThat(back.string("nl")).isEqualTo("two\nlines");
        assertThat(back.string("nothing")).isNull();
        assertThat(back.string("tiny")).isEqualTo("0.000000100");
    }

    @Test
    void toJsonKeepsNumbersAsNumbersAndEmbedsJsonColumns() throws Exception {
        UUID id = store.core()
                .recordToolCall(ToolCall.builder()
                        .tool("Edit")
                        .tokens(12L, 34L)
                        .durationMs(5L)
                        .occurredAt(Instant.parse("2026-02-28T10:00:00Z"))
                        .attribute("args", Map.of("path", "a \"quoted\" path"))
                        .attribute("n", 3)
                        .build());
        store.core()
                .recordApiCall(ApiCall.builder()
                        .model("m")
                        .tokens(1, 2)
                        .reportedCostUsd(new BigDecimal("0.000123"))
                        .build());

        JsonNode tool = JSON.readTree(store.sql("SELECT event_id, occurred_at, input_tokens, output_tokens, is_success,"
                        + " error_type, attributes FROM fact_tool_call")
                .toJson());
        assertThat(tool.isArray()).isTrue();
        assertThat(tool).hasSize(1);
        JsonNode row = tool.get(0);
        assertThat(row.get("event_id").asText()).isEqualTo(id.toString());
        assertThat(row.get("occurred_at").asText()).isEqualTo("2026-02-28T10:00:00Z");
        assertThat(row.get("input_tokens").isIntegralNumber()).isTrue();
        assertThat(row.get("input_tokens").asLong()).isEqualTo(12);
        assertThat(row.get("output_tokens").asLong()).isEqualTo(34);
        assertThat(row.get("is_success").isBoolean()).isTrue();
        assertThat(row.get("error_type").isNull()).isTrue();
        assertThat(row.get("attributes").isObject()).isTrue();
        assertThat(row.get("attributes").get("args").get("path").asText()).isEqualTo("a \"quoted\" path");
        assertThat(row.get("attributes").get("n").asInt()).isEqualTo(3);

        JsonNode cost = JSON.readTree(
                        store.sql("SELECT reported_cost_usd FROM fact_api_call").toJson())
                .get(0)
                .get("reported_cost_usd");
        assertThat(cost.isNumber()).isTrue();
        assertThat(cost.decimalValue()).isEqualByComparingTo("0.000123");

        JsonNode nested = JSON.readTree(store.sql("SELECT [1, 2, 3] AS list, {'a': 1, 'b': 'two'} AS struct,"
                                + " 0.0000001::DECIMAL(18,9) AS tiny, 2.5::DOUBLE AS dbl, DATE '2026-01-02' AS day,"
                                + " TIMESTAMP '2026-01-02 03:04:05' AS naive, 'nan'::DOUBLE AS nan, NULL AS nothing")
                        .toJson())
                .get(0);
        assertThat(nested.get("list").isArray()).isTrue();
        assertThat(nested.get("list")).extracting(JsonNode::asInt).containsExactly(1, 2, 3);
        assertThat(nested.get("struct").isObject()).isTrue();
        assertThat(nested.get("struct").get("a").asInt()).isEqualTo(1);
        assertThat(nested.get("struct").get("b").asText()).isEqualTo("two");
        assertThat(nested.get("tiny").isNumber()).isTrue();
        assertThat(nested.get("tiny").decimalValue()).isEqualByComparingTo("0.0000001");
        assertThat(nested.get("dbl").asDouble()).isEqualTo(2.5);
        assertThat(nested.get("day").asText()).isEqualTo("2026-01-02");
        assertThat(nested.get("naive").asText()).isEqualTo("2026-01-02T03:04:05");
        assertThat(nested.get("nan").asText()).isEqualTo("NaN");
        assertThat(nested.get("nothing").isNull()).isTrue();
        assertThat(JSON.readTree(store.sql("SELECT 1 AS x WHERE false").toJson())
                        .isEmpty())
                .isTrue();
    }

    @Test
    void rowsHoldPlainJavaValues() {
        Row row = store.sql("SELECT [1, 2] AS list, {'a': 1, 'b': [true]} AS struct, MAP {'k': 1} AS map,"
                        + " DATE '2026-01-02' AS day, TIMESTAMP '2026-01-02 03:04:05' AS naive,"
                        + " TIMESTAMPTZ '2026-01-02 03:04:05+00' AS instant, '{\"j\": [1]}'::JSON AS json")
                .rows()
                .get(0);
        assertThat(row.get("list")).isEqualTo(List.of(1, 2));
        assertThat(row.get("struct")).isEqualTo(Map.of("a", 1, "b", List.of(true)));
        assertThat(row.get("map")).isEqualTo(Map.of("k", 1));
        assertThat(row.get("day")).isEqualTo(LocalDate.of(2026, 1, 2));
        assertThat(row.get("naive")).isEqualTo(LocalDateTime.of(2026, 1, 2, 3, 4, 5));
        assertThat(row.instant("instant")).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(row.jsonObject("json")).isEqualTo(Map.of("j", List.of(1)));
    }

    @Test
    void rowAccessorsNameTheColumnWhenMisused() {
        Row row = store.sql("SELECT 'text' AS s, 1 AS n, '[1]'::JSON AS arr")
                .rows()
                .get(0);
        assertThatThrownBy(() -> row.get("nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope");
        assertThatThrownBy(() -> row.int64("s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'s'")
                .hasMessageContaining("text");
        assertThatThrownBy(() -> row.instant("n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'n'");
        assertThatThrownBy(() -> row.bool("s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'s'");
        assertThatThrownBy(() -> row.uuid("s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'s'");
        assertThatThrownBy(() -> row.decimal("s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'s'");
        assertThatThrownBy(() -> row.jsonObject("arr"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'arr'");
        assertThatThrownBy(() -> row.get(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    @SuppressWarnings("try") // closes the ArrowResult twice on purpose: a second close is a no-op
    void toArrowBatchesAddUpToTheRowsAndCarryTheirValues() throws Exception {
        List<FactRecord> calls = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            calls.add(ToolCall.builder()
                    .tool("Tool" + (i % 5))
                    .tokens((long) i, (long) (2 * i))
                    .build());
        }
        store.recordAll(calls);
        String sql =
                "SELECT f.input_tokens, f.output_tokens, t.tool_name FROM fact_tool_call f JOIN dim_tool t USING (tool_key)"
                        + " WHERE f.input_tokens >= ? ORDER BY f.input_tokens";
        QueryResult query = store.sql(sql, 100L);
        long baseline = connections();
        long rows = 0;
        int batches = 0;
        long expectedNext = 100;
        try (RootAllocator allocator = new RootAllocator()) {
            try (ArrowResult arrow = query.toArrow(allocator, 512)) {
                assertThat(connections()).isEqualTo(baseline + 1);
                VectorSchemaRoot root = arrow.reader().getVectorSchemaRoot();
                assertThat(root.getSchema().getFields())
                        .extracting(f -> f.getName())
                        .containsExactly("input_tokens", "output_tokens", "tool_name");
                while (arrow.reader().loadNextBatch()) {
                    batches++;
                    assertThat(root.getRowCount()).isBetween(1, 512);
                    BigIntVector in = (BigIntVector) root.getVector("input_tokens");
                    BigIntVector out = (BigIntVector) root.getVector("output_tokens");
                    VarCharVector tool = (VarCharVector) root.getVector("tool_name");
                    for (int i = 0; i < root.getRowCount(); i++) {
                        assertThat(in.get(i)).isEqualTo(expectedNext);
                        assertThat(out.get(i)).isEqualTo(2 * expectedNext);
                        assertThat(new String(tool.get(i), java.nio.charset.StandardCharsets.UTF_8))
                                .isEqualTo("Tool" + (expectedNext % 5));
                        expectedNext++;
                    }
                    rows += root.getRowCount();
                }
                arrow.close();
                arrow.close();
            }
            // Every buffer was handed back: closing the root allocator would throw otherwise.
            assertThat(allocator.getAllocatedMemory()).isZero();
        }
        assertThat(rows).isEqualTo(query.size()).isEqualTo(2_400);
        assertThat(batches).isGreaterThanOrEqualTo(5);
        assertThat(connections()).isEqualTo(baseline);
        assertThatThrownBy(() -> query.toArrow(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("allocator");
        try (RootAllocator allocator = new RootAllocator()) {
            assertThatThrownBy(() -> query.toArrow(allocator, 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("batchSize");
        }
    }

    @Test
    void streamYieldsEveryRowInOrder() {
        store.recordAll(List.of(
                ToolCall.builder().tool("A").tokens(1L, 1L).build(),
                ToolCall.builder().tool("B").tokens(2L, 2L).build()));
        try (Stream<Row> rows = store.sql("SELECT range AS i FROM range(100000)").stream()) {
            long[] expected = {0};
            rows.forEach(r -> assertThat(r.int64("i")).isEqualTo(expected[0]++));
            assertThat(expected[0]).isEqualTo(100_000);
        }
        try (Stream<Row> rows = store.sql("SELECT input_tokens FROM fact_tool_call ORDER BY 1").stream()) {
            assertThat(rows.map(r -> r.int64("input_tokens"))).containsExactly(1L, 2L);
        }
    }

    @Test
    void streamIsLazyAndClosingItReleasesItsConnection() {
        long baseline = connections();
        // Rows past 3,000,000 fail: a result computed in full at executeQuery would fail before the first row.
        String sql = "SELECT CASE WHEN range < 3000000 THEN range ELSE error('computed too far: ' || range) END AS i"
                + " FROM range(4000000)";
        Stream<Row> rows = store.sql(sql).stream();
        try {
            Iterator<Row> it = rows.iterator();
            assertThat(it.next().int64("i")).isZero();
            assertThat(it.next().int64("i")).isEqualTo(1);
            assertThat(connections()).isEqualTo(baseline + 1);
        } finally {
            rows.close();
        }
        assertThat(connections()).isEqualTo(baseline);
        // A stream closed early by a short-circuiting operation and try-with-resources.
        try (Stream<Row> first = store.sql(sql).stream()) {
            assertThat(first.limit(5).map(r -> r.int64("i"))).containsExactly(0L, 1L, 2L, 3L, 4L);
        }
        assertThat(connections()).isEqualTo(baseline);
        // A failing query leaks nothing either.
        assertThatThrownBy(() -> store.sql("SELECT * FROM no_such_table").stream())
                .isInstanceOf(StoreAccessException.class)
                .hasMessageContaining("no_such_table");
        assertThat(connections()).isEqualTo(baseline);
    }

    @Test
    void aQuerySeesEverythingRecordedBeforeItEvenWhenAsynchronous() {
        AgentStore store = asyncFiles.get();
        for (int round = 1; round <= 5; round++) {
            for (int i = 0; i < 300; i++) {
                store.core()
                        .recordToolCall(ToolCall.builder()
                                .tool("T")
                                .tokens((long) i, 0L)
                                .build());
            }
            clock.advance(Duration.ofSeconds(1));
            long expected = round * 300L + (round - 1);
            assertThat(store.sql("SELECT count(*) AS n FROM fact_tool_call")
                            .rows()
                            .get(0)
                            .int64("n"))
                    .isEqualTo(expected);
            store.core().recordToolCall(ToolCall.builder().tool("U").build());
            try (Stream<Row> s = store
                    .sql("SELECT count(*) AS n FROM fact_tool_call WHERE tool_key = "
                            + "(SELECT tool_key FROM dim_tool WHERE tool_name = 'U')")
                    .stream()) {
                assertThat(s.findFirst().orElseThrow().int64("n")).isEqualTo(round);
            }
        }
        store.core().recordToolCall(ToolCall.builder().tool("V").build());
        try (RootAllocator allocator = new RootAllocator();
                ArrowResult arrow =
                        store.sql("SELECT count(*) AS n FROM fact_tool_call").toArrow(allocator)) {
            assertThat(arrow.reader().loadNextBatch()).isTrue();
            assertThat(((BigIntVector) arrow.reader().getVectorSchemaRoot().getVector("n")).get(0))
                    .isEqualTo(5 * 301 + 1);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void resultIsComputedOnceAndKept() {
        QueryResult result = store.sql("SELECT count(*) AS n FROM fact_tool_call");
        assertThat(result.rows().get(0).int64("n")).isZero();
        store.core().recordToolCall(ToolCall.builder().tool("A").build());
        assertThat(result.rows().get(0).int64("n")).isZero();
        assertThat(result.columns()).containsExactly("n");
        assertThat(result.columnTypes()).containsExactly("BIGINT");
        assertThat(result.sql()).isEqualTo("SELECT count(*) AS n FROM fact_tool_call");
        assertThat(store.sql("SELECT count(*) AS n FROM fact_tool_call")
                        .rows()
                        .get(0)
                        .int64("n"))
                .isEqualTo(1);
        assertThatThrownBy(() -> store.sql("SELECT * FROM range(3)").single())
                .isInstanceOf(AgentStoreException.class)
                .hasMessageContaining("3");
        assertThat(store.sql("SELECT 1 WHERE false").single()).isEmpty();
    }

    /** Open connections to the database, not counting the one this query uses. */
    private long connections() {
        return ((Number) store.sql("SELECT * FROM duckdb_connection_count()")
                                .rows()
                                .get(0)
                                .get(0))
                        .longValue()
                - 1;
    }

    @Test
    void aStatementWithoutRowsGivesAnEmptyResult() {
        QueryResult set = store.sql("SET threads = 1");
        assertThat(set.columns()).isEmpty();
        assertThat(set.rows()).isEmpty();
        assertThat(store.sql("CHECKPOINT").rows()).isEmpty();
        assertThat(store.sql("SELECT current_setting('threads') AS t")
                        .single()
                        .orElseThrow()
                        .int64("t"))
                .isEqualTo(1);
    }
}
