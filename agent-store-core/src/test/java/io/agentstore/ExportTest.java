package io.agentstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentstore.ParquetFiles.ParquetFile;
import io.agentstore.core.ApiCall;
import io.agentstore.core.FileModification;
import io.agentstore.core.SessionEvent;
import io.agentstore.core.ToolCall;
import io.agentstore.spi.AgentStoreException;
import io.agentstore.spi.FactRecord;
import io.agentstore.testing.MutableClock;
import io.agentstore.testing.StoreExtension;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Export to Parquet, CSV and JSON, checked with independent readers (Parquet-MR, DuckDB's CSV/JSON readers). */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ExportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2026-01-31T22:00:00Z");

    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(START);

    @RegisterExtension
    final StoreExtension files = StoreExtension.file().clock(clock);

    private AgentStore open(String name) {
        return AgentStore.builder().path(tmp.resolve(name)).clock(clock).build();
    }

    @Test
    void parquetExportIsReadBackByParquetMr() throws IOException {
        Path out = tmp.resolve("out");
        AgentStore store = files.get();
        UUID read = store.core()
                .recordToolCall(ToolCall.builder()
                        .tool("Read")
                        .targetPath("src/A.java")
                        .occurredAt(Instant.parse("2026-01-30T10:00:00Z"))
                        .build());
        store.flush(); // recorded_at is given when the write journal is loaded: load it before the clock moves
        clock.advance(Duration.ofSeconds(1));
        // 23:30 UTC is already the next day east of Greenwich: the partition must use the UTC day.
        UUID edit = store.core()
                .recordToolCall(ToolCall.builder()
                        .tool("Edit")
                        .targetPath("src/A.java")
                        .occurredAt(Instant.parse("2026-01-31T23:30:00Z"))
                        .tokens(10L, 20L)
                        .durationMs(42L)
                        .attribute("old_string", "a")
                        .attribute("replace_all", false)
                        .build());
        store.flush(); // recorded_at is given when the write journal is loaded: load it before the clock moves
        clock.advance(Duration.ofSeconds(1));
        UUID bash = store.core()
                .recordToolCall(ToolCall.builder()
                        .tool("Bash")
                        .failed("exit_1")
                        .occurredAt(Instant.parse("2026-02-01T00:15:00Z"))
                        .build());
        store.flush(); // recorded_at is given when the write journal is loaded: load it before the clock moves
        clock.advance(Duration.ofSeconds(1));
        UUID paid = store.core()
                .recordApiCall(ApiCall.builder()
                        .model("claude-opus-4")
                        .provider("anthropic")
                        .tokens(1000, 200)
                        .cacheTokens(300, 40, 5)
                        .reportedCostUsd(new BigDecimal("0.123456"))
                        .occurredAt(Instant.parse("2026-01-31T12:00:00Z"))
                        .build());
        store.flush(); // recorded_at is given when the write journal is loaded: load it before the clock moves
        clock.advance(Duration.ofSeconds(1));
        UUID unpriced = store.core()
                .recordApiCall(ApiCall.builder()
                        .model("claude-haiku-4")
                        .tokens(7, 8)
                        .occurredAt(Instant.parse("2026-01-31T12:00:01Z"))
                        .build());
        store.flush();
        Instant lastRecorded = clock.advance(Duration.ofSeconds(1));
        UUID start = store.core()
                .recordSessionEvent(SessionEvent.builder()
                        .sessionId("s-1")
                        .eventType("start")
                        .occurredAt(Instant.parse("2026-01-31T09:00:00Z"))
                        .build());

        ExportSummary summary = store.export().parquet(out).run();

        assertThat(summary.format()).isEqualTo("parquet");
        assertThat(summary.incremental()).isFalse();
        assertThat(summary.watermark()).isEqualTo(lastRecorded);
        assertThat(summary.factRows()).isEqualTo(6);
        assertThat(summary.rows())
                .containsEntry("fact_tool_call", 3L)
                .containsEntry("fact_api_call", 2L)
                .containsEntry("fact_session_event", 1L)
                .containsEntry("fact_decision", 0L)
                .containsEntry("dim_tool", 3L)
                .containsEntry("dim_model", 2L)
                .containsEntry("dim_session", 1L);

        List<ParquetFile> files = ParquetFiles.readAll(out);
        for (ParquetFile f : files) {
            assertThat(f.rows()).as("rows read from %s", f.path()).hasSize((int) f.footerRows());
            assertThat(f.schema().getFields())
                    .extracting(t -> t.getName())
                    .as("columns of %s", f.path())
                    .containsExactlyElementsOf(tableColumns(store, f.table()));
            if (f.table().startsWith("fact_")) {
                assertThat(f.partition()).as("partition of %s", f.path()).matches("occurred_day=\\d{4}-\\d{2}-\\d{2}");
                for (Map<String, Object> row : f.rows()) {
                    assertThat("occurred_day="
                                    + ((Instant) row.get("occurred_at"))
                                            .toString()
                                            .substring(0, 10))
                            .as("partition of event %s", row.get("event_id"))
                            .isEqualTo(f.partition());
                }
            } else {
                assertThat(f.partition()).as("dimension %s is whole", f.path()).isNull();
                assertThat(f.path().getFileName()).hasToString(f.table() + ".parquet");
            }
        }
        // Every table of the store is there, and no file belongs to anything else.
        assertThat(files.stream().map(ParquetFile::table).distinct())
                .containsExactlyInAnyOrder(
                        "dim_agent",
                        "dim_component",
                        "dim_file",
                        "dim_model",
                        "dim_session",
                        "dim_source_host",
                        "dim_task",
                        "dim_tool",
                        "fact_api_call",
                        "fact_session_event",
                        "fact_tool_call",
                        "source_host_map");
        assertThat(files.stream()
                        .filter(f -> f.table().equals("fact_tool_call"))
                        .map(ParquetFile::partition))
                .containsExactlyInAnyOrder(
                        "occurred_day=2026-01-30", "occurred_day=2026-01-31", "occurred_day=2026-02-01");
        assertThat(files.stream()
                        .filter(f -> f.table().startsWith("dim_"))
                        .collect(Collectors.groupingBy(ParquetFile::table, Collectors.counting())))
                .allSatisfy((t, n) -> assertThat(n).isOne());

        // Physical and logical types as a warehouse sees them.
        MessageType toolSchema = schemaOf(files, "fact_tool_call");
        PrimitiveType eventId = toolSchema.getType("event_id").asPrimitiveType();
        // UUIDs are written as text: Spark cannot read Parquet's UUID type
        assertThat(eventId.getPrimitiveTypeName()).isEqualTo(PrimitiveTypeName.BINARY);
        assertThat(eventId.getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.stringType());
        for (String ts : List.of("occurred_at", "recorded_at")) {
            PrimitiveType t = toolSchema.getType(ts).asPrimitiveType();
            assertThat(t.getPrimitiveTypeName()).isEqualTo(PrimitiveTypeName.INT64);
            assertThat(t.getLogicalTypeAnnotation())
                    .as(ts)
                    .isEqualTo(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS));
        }
        assertThat(toolSchema.getType("attributes").asPrimitiveType().getLogicalTypeAnnotation())
                .isEqualTo(LogicalTypeAnnotation.jsonType());
        assertThat(toolSchema.getType("input_tokens").asPrimitiveType().getPrimitiveTypeName())
                .isEqualTo(PrimitiveTypeName.INT64);
        assertThat(toolSchema.getType("is_success").asPrimitiveType().getPrimitiveTypeName())
                .isEqualTo(PrimitiveTypeName.BOOLEAN);
        PrimitiveType cost =
                schemaOf(files, "fact_api_call").getType("reported_cost_usd").asPrimitiveType();
        assertThat(cost.getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.decimalType(6, 18));

        // Values.
        List<Map<String, Object>> toolRows = ParquetFiles.rows(files, "fact_tool_call");
        assertThat(toolRows).extracting(r -> r.get("event_id")).containsExactlyInAnyOrder(read, edit, bash);
        Map<Object, Object> toolNames = ParquetFiles.rows(files, "dim_tool").stream()
                .collect(Collectors.toMap(r -> r.get("tool_key"), r -> r.get("tool_name")));
        assertThat(toolRows)
                .extracting(r -> toolNames.get(r.get("tool_key")))
                .containsExactlyInAnyOrder("Read", "Edit", "Bash");
        Map<String, Object> editRow = byEventId(toolRows, edit);
        assertThat(editRow)
                .containsEntry("input_tokens", 10L)
                .containsEntry("output_tokens", 20L)
                .containsEntry("duration_ms", 42L)
                .containsEntry("is_success", true)
                .containsEntry("occurred_at", Instant.parse("2026-01-31T23:30:00Z"))
                .containsEntry("recorded_at", START.plusSeconds(1))
                .containsEntry("supersedes_event_id", null);
        assertThat(JSON.readTree((String) editRow.get("attributes")))
                .isEqualTo(JSON.readTree("{\"old_string\":\"a\",\"replace_all\":false}"));
        assertThat(byEventId(toolRows, bash))
                .containsEntry("is_success", false)
                .containsEntry("error_type", "exit_1")
                .containsEntry("input_tokens", null)
                .containsEntry("attributes", null);
        assertThat(ParquetFiles.rows(files, "dim_file"))
                .extracting(r -> r.get("file_path"))
                .containsExactly("src/A.java");

        List<Map<String, Object>> apiRows = ParquetFiles.rows(files, "fact_api_call");
        assertThat(byEventId(apiRows, paid))
                .containsEntry("reported_cost_usd", new BigDecimal("0.123456"))
                .containsEntry("input_tokens", 1000L)
                .containsEntry("output_tokens", 200L)
                .containsEntry("cache_read_tokens", 300L)
                .containsEntry("cache_write_5m_tokens", 40L)
                .containsEntry("cache_write_1h_tokens", 5L);
        assertThat(byEventId(apiRows, unpriced))
                .containsEntry("reported_cost_usd", null)
                .containsEntry("input_tokens", 7L);
        assertThat(ParquetFiles.rows(files, "fact_session_event"))
                .extracting(r -> r.get("event_id"))
                .containsExactly(start);
        assertThat(ParquetFiles.rows(files, "dim_model"))
                .extracting(r -> r.get("model_name"))
                .containsExactlyInAnyOrder("claude-opus-4", "claude-haiku-4");

        // The manifest.
        JsonNode manifest = JSON.readTree(out.resolve("_manifest.json").toFile());
        assertThat(summary.manifest()).isEqualTo(out.resolve("_manifest.json"));
        assertThat(manifest.path("format").asText()).isEqualTo("parquet");
        assertThat(manifest.path("incremental").asBoolean(true)).isFalse();
        assertThat(manifest.path("schema_versions").path("core").asInt()).isEqualTo(4);
        assertThat(manifest.path("store_id").asText()).isEqualTo(storeId(store)).matches("[0-9a-f-]{36}");
        assertThat(manifest.path("watermark").asText()).isEqualTo(lastRecorded.toString());
        assertThat(manifest.path("previous_watermark").isNull()).isTrue();
        assertThat(manifest.path("exported_at").asText()).isEqualTo(lastRecorded.toString());
        JsonNode tables = manifest.path("tables");
        for (String table : List.of(
                "fact_tool_call",
                "fact_api_call",
                "fact_session_event",
                "fact_error",
                "dim_tool",
                "dim_model",
                "dim_file",
                "dim_session",
                "dim_task")) {
            long expected = store.sql("SELECT count(*) AS n FROM " + table)
                    .rows()
                    .get(0)
                    .int64("n");
            assertThat(tables.path(table).path("rows").asLong(-1))
                    .as("manifest rows of %s", table)
                    .isEqualTo(expected);
            assertThat(tables.path(table).path("total_rows").asLong(-1))
                    .as("total rows of %s", table)
                    .isEqualTo(expected);
            assertThat(tables.path(table).path("kind").asText())
                    .isEqualTo(table.startsWith("fact_") ? "fact" : "dimension");
        }
        Map<String, String> apiColumns = new java.util.LinkedHashMap<>();
        tables.path("fact_api_call")
                .path("columns")
                .forEach(c ->
                        apiColumns.put(c.path("name").asText(), c.path("type").asText()));
        assertThat(apiColumns)
                .containsEntry("event_id", "VARCHAR")
                .containsEntry("occurred_at", "TIMESTAMP WITH TIME ZONE")
                .containsEntry("reported_cost_usd", "DECIMAL(18,6)")
                .containsEntry("attributes", "JSON")
                .containsEntry("occurred_day", "DATE");
        assertThat(tables.path("fact_api_call").path("partitioned_by").asText()).isEqualTo("occurred_day");
        assertThat(tables.path("dim_model").has("partitioned_by")).isFalse();
    }

    @Test
    void partitionDayIsTheUtcDayWhateverTheSessionTimeZone() {
        Path out = tmp.resolve("out");
        AgentStore store = files.get();
        store.onWriter(() -> {
            try (Statement st = store.writerConnection().createStatement()) {
                st.execute("SET TimeZone = 'Asia/Tokyo'");
            }
            return null;
        });
        store.core()
                .recordToolCall(ToolCall.builder()
                        .tool("Edit")
                        .occurredAt(Instant.parse("2026-01-31T23:30:00Z"))
                        .build());
        store.export().parquet(out).run();
        assertThat(out.resolve("fact_tool_call/occurred_day=2026-01-31")).isDirectory();
        assertThat(out.resolve("fact_tool_call/occurred_day=2026-02-01")).doesNotExist();
    }

    @Test
    void emptyStoreExportsEmptyTablesAndNoWatermark() throws IOException {
        Path out = tmp.resolve("out");
        AgentStore store = files.get();
        ExportSummary summary = store.export().parquet(out).incremental().run();
        assertThat(summary.factRows()).isZero();
        assertThat(summary.watermark()).isNull();
        assertThat(summary.previous()).isEmpty();
        JsonNode manifest = JSON.readTree(out.resolve("_manifest.json").toFile());
        assertThat(manifest.path("watermark").isNull()).isTrue();
        List<ParquetFile> files = ParquetFiles.readAll(out);
        // The only row of an empty store is its own machine in dim_source_host.
        assertThat(files)
                .isNotEmpty()
                .filteredOn(f -> !f.table().equals("dim_source_host"))
                .allSatisfy(f -> assertThat(f.footerRows()).isZero());
        assertThat(files)
                .filteredOn(f -> f.table().equals("dim_source_host"))
                .singleElement()
                .satisfies(f -> assertThat(f.rows())
                        .singleElement()
                        .satisfies(row -> assertThat(row).containsEntry("host_name", "local")));
        assertThat(files).noneMatch(f -> f.table().startsWith("fact_"));

        UUID id = store.core().recordToolCall(ToolCall.builder().tool("Edit").build());
        ExportSummary second = store.export().parquet(out).incremental().run();
        assertThat(second.rows()).containsEntry("fact_tool_call", 1L);
        assertThat(factEventIds(out)).containsExactly(id);
    }

    @Test
    void incrementalExportWritesEachFactExactlyOnce() throws IOException {
        Path out = tmp.resolve("out");
        AgentStore store = files.get();
        List<UUID> recorded = new ArrayList<>();
        recorded.addAll(recordMixed(store, 3, 2, new Random(1)));

        ExportSummary first = store.export().parquet(out).incremental().run();
        assertThat(first.factRows()).isEqualTo(5);
        assertThat(first.previous()).isEmpty();
        Instant firstWatermark = first.watermark();
        assertThat(firstWatermark).isNotNull();

        clock.advance(Duration.ofMinutes(5));
        recorded.addAll(recordMixed(store, 4, 1, new Random(2)));
        ExportSummary second = store.export().parquet(out).incremental().run();
        assertThat(second.factRows()).isEqualTo(5);
        assertThat(second.previous()).contains(firstWatermark);
        assertThat(second.watermark()).isAfter(firstWatermark);

        ExportSummary third = store.export().parquet(out).incremental().run();
        assertThat(third.factRows()).isZero();
        assertThat(third.watermark()).isEqualTo(second.watermark());
        assertThat(third.rows())
                .containsEntry(
                        "dim_tool",
                        store.sql("SELECT count(*) AS n FROM dim_tool")
                                .rows()
                                .get(0)
                                .int64("n"));

        assertThat(factEventIds(out)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(recorded);
        // Dimensions are rewritten whole by every run, not appended to.
        List<ParquetFile> dims = ParquetFiles.readAll(out, table -> table.startsWith("dim_"));
        for (String dim : List.of("dim_tool", "dim_model", "dim_session", "dim_file")) {
            assertThat(ParquetFiles.rows(dims, dim))
                    .as(dim)
                    .hasSize(store.sql("SELECT count(*) AS n FROM " + dim)
                            .rows()
                            .get(0)
                            .int64("n")
                            .intValue());
        }
        JsonNode manifest = JSON.readTree(out.resolve("_manifest.json").toFile());
        assertThat(manifest.path("incremental").asBoolean()).isTrue();
        assertThat(manifest.path("previous_watermark").asText())
                .isEqualTo(second.watermark().toString());
        long totalFacts = 0;
        for (JsonNode t : manifest.path("tables")) {
            if (t.path("kind").asText().equals("fact")) {
                totalFacts += t.path("total_rows").asLong();
            }
        }
        assertThat(totalFacts).isEqualTo(recorded.size());
        // The export log keeps one row per run.
        assertThat(store.sql("SELECT fact_rows FROM agent_store_export_log ORDER BY exported_at, fact_rows DESC")
                        .rows())
                .extracting(r -> r.int64("fact_rows"))
                .containsExactly(5L, 5L, 0L);
    }

    @Test
    void incrementalExportIsExactOverRandomRounds() {
        AtomicInteger example = new AtomicInteger();
        qt().withExamples(4)
                .withShrinkCycles(3)
                .forAll(
                        lists().of(integers().between(0, 40)).ofSizeBetween(1, 4),
                        integers().between(0, 1_000))
                .checkAssert((batches, seed) -> {
                    int n = example.incrementAndGet();
                    Path out = tmp.resolve("out-" + n);
                    Random random = new Random(seed);
                    List<UUID> recorded = new ArrayList<>();
                    long exported = 0;
                    try (AgentStore store = open("p" + n + ".duckdb")) {
                        for (int size : batches) {
                            int tools = random.nextInt(size + 1);
                            recorded.addAll(store.recordAll(mixed(tools, size - tools, random)));
                            clock.advance(Duration.ofSeconds(random.nextInt(3)));
                            exported += store.export()
                                    .parquet(out)
                                    .incremental()
                                    .run()
                                    .factRows();
                        }
                        assertThat(store.export()
                                        .parquet(out)
                                        .incremental()
                                        .run()
                                        .factRows())
                                .isZero();
                    }
                    assertThat(exported).isEqualTo(recorded.size());
                    assertThat(factEventIds(out)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(recorded);
                });
    }

    @Test
    void incrementalExportOfSomeTablesLosesNothingOfTheOthers() {
        Path out = tmp.resolve("out");
        AgentStore store = files.get();
        UUID tool1 = store.core().recordToolCall(ToolCall.builder().tool("Edit").build());
        UUID api1 = store.core()
                .recordApiCall(ApiCall.builder().model("m").tokens(1, 1).build());
        ExportSummary onlyTools = store.export()
                .parquet(out)
                .tables("fact_tool_call")
                .incremental()
                .run();
        assertThat(onlyTools.rows()).containsOnlyKeys("fact_tool_call").containsEntry("fact_tool_call", 1L);

        clock.advance(Duration.ofSeconds(1));
        UUID tool2 = store.core().recordToolCall(ToolCall.builder().tool("Read").build());
        UUID api2 = store.core()
                .recordApiCall(ApiCall.builder().model("m").tokens(2, 2).build());
        ExportSummary all = store.export().parquet(out).incremental().run();
        assertThat(all.rows()).containsEntry("fact_tool_call", 1L).containsEntry("fact_api_call", 2L);

        List<ParquetFile> files = ParquetFiles.readAll(out);
        assertThat(ParquetFiles.rows(files, "fact_tool_call"))
                .extracting(r -> r.get("event_id"))
                .containsExactlyInAnyOrder(tool1, tool2);
        assertThat(ParquetFiles.rows(files, "fact_api_call"))
                .extracting(r -> r.get("event_id"))
                .containsExactlyInAnyOrder(api1, api2);
    }

    @Test
    void fullExportOfSomeTablesThenIncrementalDoesNotDuplicate() {
        Path out = tmp.resolve("out");
        AgentStore store = files.get();
        UUID tool1 = store.core().recordToolCall(ToolCall.builder().tool("Edit").build());
        UUID api1 = store.core()
                .recordApiCall(ApiCall.builder().model("m").tokens(1, 1).build());
        store.export().parquet(out).run();
        clock.advance(Duration.ofSeconds(1));
        UUID tool2 = store.core().recordToolCall(ToolCall.builder().tool("Read").build());
        store.export().parquet(out).tables("fact_tool_call").run();
        clock.advance(Duration.ofSeconds(1));
        UUID api2 = store.core()
                .recordApiCall(ApiCall.builder().model("m").tokens(2, 2).build());
        store.export().parquet(out).incremental().run();

        assertThat(factEventIds(out)).doesNotHaveDuplicates().containsExactlyInAnyOrder(tool1, tool2, api1, api2);
    }

    @Test
    void failedIncrementalRunLeavesNoFilesThatTheNextRunWouldDuplicate() throws IOException {
        Path out = tmp.resolve("out");
        AgentStore store = files.get();
        List<UUID> recorded = new ArrayList<>(recordMixed(store, 2, 2, new Random(3)));
        store.export().parquet(out).incremental().run();
        clock.advance(Duration.ofSeconds(1));
        recorded.addAll(recordMixed(store, 2, 2, new Random(4)));
        // fact_api_call is exported before fact_tool_call; a file where the fact_tool_call folder belongs
        // makes the run fail after fact_api_call files were written.
        Path toolFolder = out.resolve("fact_tool_call");
        Path moved = tmp.resolve("moved-away");
        Files.move(toolFolder, moved);
        Files.writeString(toolFolder, "in the way");

        assertThatThrownBy(() -> store.export().parquet(out).incremental().run())
                .isInstanceOf(AgentStoreException.class);

        Files.delete(toolFolder);
        Files.move(moved, toolFolder);
        store.export().parquet(out).incremental().run();
        assertThat(factEventIds(out)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(recorded);
    }

    @Test
    void recordsArrivingDuringExportsAreExportedOnceByALaterRun() throws Exception {
        Path out = tmp.resolve("out");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            AgentStore store = files.get();
            Set<UUID> recorded = java.util.concurrent.ConcurrentHashMap.newKeySet();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger count = new AtomicInteger();
            Future<?> producer = pool.submit(() -> {
                for (int i = 0; !stop.get(); i++) {
                    recorded.add(store.core()
                            .recordToolCall(
                                    ToolCall.builder().tool("T" + (i % 7)).build()));
                    if (i % 3 == 0) {
                        recorded.add(store.core()
                                .recordApiCall(ApiCall.builder()
                                        .model("m")
                                        .tokens(i, 1)
                                        .build()));
                    }
                    count.incrementAndGet();
                }
                return null;
            });
            long exported = 0;
            int runs = 0;
            for (int round = 1; round <= 6; round++) {
                // Let the producer get ahead a little, then export while it keeps recording.
                int target = round * 10;
                while (count.get() < target && !producer.isDone()) {
                    Thread.onSpinWait();
                }
                exported += store.export().parquet(out).incremental().run().factRows();
                runs++;
            }
            stop.set(true);
            producer.get(60, TimeUnit.SECONDS);
            exported += store.export().parquet(out).incremental().run().factRows();

            assertThat(runs).isEqualTo(6);
            assertThat(count.get()).isGreaterThanOrEqualTo(60);
            assertThat(exported).isEqualTo(recorded.size());
            assertThat(factEventIds(out)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(recorded);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void csvAndJsonExportsAreReadableWithTheRightRowCounts() throws IOException {
        Path csv = tmp.resolve("csv");
        Path json = tmp.resolve("json");
        AgentStore store = files.get();
        List<UUID> recorded = recordMixed(store, 5, 3, new Random(5));
        store.core()
                .recordToolCall(ToolCall.builder()
                        .tool("Edit")
                        .attribute("note", "comma, \"quote\"\nnewline")
                        .build());
        ExportSummary c = store.export().csv(csv).run();
        ExportSummary j = store.export().json(json).run();
        assertThat(c.factRows()).isEqualTo(9);
        assertThat(j.factRows()).isEqualTo(9);
        assertThat(c.rows()).isEqualTo(j.rows());
        assertThat(JSON.readTree(csv.resolve("_manifest.json").toFile())
                        .path("format")
                        .asText())
                .isEqualTo("csv");
        assertThat(JSON.readTree(json.resolve("_manifest.json").toFile())
                        .path("format")
                        .asText())
                .isEqualTo("json");

        for (Map.Entry<String, Long> e : c.rows().entrySet()) {
            String table = e.getKey();
            boolean fact = table.startsWith("fact_");
            if (fact && e.getValue() == 0) {
                assertThat(csv.resolve(table)).doesNotExist();
                continue;
            }
            String csvGlob = csv.resolve(table) + (fact ? "/*/*.csv" : "/" + table + ".csv");
            String jsonGlob = json.resolve(table) + (fact ? "/*/*.json" : "/" + table + ".json");
            assertThat(store.sql("SELECT count(*) AS n FROM read_csv(?, header = true)", csvGlob)
                            .rows()
                            .get(0)
                            .int64("n"))
                    .as("CSV rows of %s", table)
                    .isEqualTo(e.getValue());
            assertThat(store.sql("SELECT count(*) AS n FROM read_json_auto(?)", jsonGlob)
                            .rows()
                            .get(0)
                            .int64("n"))
                    .as("JSON rows of %s", table)
                    .isEqualTo(e.getValue());
        }
        // Values survive: ids, and a JSON attribute with a comma, quotes and a line break.
        List<UUID> all = new ArrayList<>(recorded);
        all.add(store.sql("SELECT event_id FROM fact_tool_call WHERE attributes IS NOT NULL")
                .rows()
                .get(0)
                .uuid("event_id"));
        List<UUID> csvIds = new ArrayList<>();
        List<UUID> jsonIds = new ArrayList<>();
        for (String table : c.rows().keySet().stream()
                .filter(t -> t.startsWith("fact_") && c.rows().get(t) > 0)
                .toList()) {
            store.sql("SELECT event_id::VARCHAR AS id FROM read_csv(?, header = true)", csv.resolve(table) + "/*/*.csv")
                    .rows()
                    .forEach(r -> csvIds.add(UUID.fromString(r.string("id"))));
            store.sql("SELECT event_id::VARCHAR AS id FROM read_json_auto(?)", json.resolve(table) + "/*/*.json")
                    .rows()
                    .forEach(r -> jsonIds.add(UUID.fromString(r.string("id"))));
        }
        assertThat(csvIds).containsExactlyInAnyOrderElementsOf(all);
        assertThat(jsonIds).containsExactlyInAnyOrderElementsOf(all);
        String note = store.sql(
                        "SELECT attributes::VARCHAR AS a FROM read_csv(?, header = true, all_varchar = true)"
                                + " WHERE attributes IS NOT NULL",
                        csv.resolve("fact_tool_call") + "/*/*.csv")
                .rows()
                .get(0)
                .string("a");
        assertThat(JSON.readTree(note).path("note").asText()).isEqualTo("comma, \"quote\"\nnewline");

        // Every JSON line parses on its own (newline-delimited JSON).
        try (Stream<Path> walk = Files.walk(json)) {
            for (Path f : walk.filter(p -> p.toString().endsWith(".json") && !p.endsWith("_manifest.json"))
                    .toList()) {
                for (String line : Files.readAllLines(f)) {
                    assertThat(JSON.readTree(line).isObject())
                            .as("line of %s: %s", f, line)
                            .isTrue();
                }
            }
        }
    }

    @Test
    void unknownAndMaliciousTableNamesAreRejectedNamingTheTable() {
        AgentStore store = files.get();
        store.core().recordToolCall(ToolCall.builder().tool("Edit").build());
        for (String bad : List.of(
                "nope",
                "fact_tool_call\"; DROP TABLE fact_tool_call; --",
                "fact_tool_call'; DROP TABLE fact_tool_call; --",
                "../fact_tool_call",
                "FACT_TOOL_CALL",
                "agent_store_schema_history")) {
            assertThatThrownBy(() -> store.export()
                            .parquet(tmp.resolve("out"))
                            .tables("dim_tool", bad)
                            .run())
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(bad);
        }
        assertThat(store.sql("SELECT count(*) AS n FROM fact_tool_call")
                        .rows()
                        .get(0)
                        .int64("n"))
                .isEqualTo(1);
        assertThat(tmp.resolve("out").resolve("dim_tool")).doesNotExist();
        assertThatThrownBy(() -> store.export().tables((String) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.export().parquet(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("folder");
        assertThatThrownBy(() -> store.export().run())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("parquet(Path)");
    }

    @Test
    void exportFolderWithAQuoteInItsNameWorks() {
        Path out = tmp.resolve("it's; an \"export\"");
        AgentStore store = files.get();
        UUID id = store.core().recordToolCall(ToolCall.builder().tool("Edit").build());
        store.export().parquet(out).run();
        assertThat(factEventIds(out)).containsExactly(id);
        clock.advance(Duration.ofSeconds(1));
        UUID id2 = store.core().recordToolCall(ToolCall.builder().tool("Read").build());
        assertThat(store.export().parquet(out).incremental().run().factRows()).isEqualTo(1);
        assertThat(factEventIds(out)).containsExactlyInAnyOrder(id, id2);
        assertThat(store.sql("SELECT target FROM agent_store_export_log ORDER BY exported_at")
                        .rows())
                .extracting(r -> r.string("target"))
                .containsOnly(out.toAbsolutePath().toString());
        Path csv = tmp.resolve("o'csv");
        store.export().csv(csv).run();
        assertThat(store.sql(
                                "SELECT count(*) AS n FROM read_csv(?, header = true)",
                                csv.resolve("fact_tool_call") + "/*/*.csv")
                        .rows()
                        .get(0)
                        .int64("n"))
                .isEqualTo(2);
    }

    @Test
    void incrementalIntoAFolderHoldingAnotherFormatIsRefused() throws IOException {
        Path out = tmp.resolve("out");
        AgentStore store = files.get();
        store.core().recordToolCall(ToolCall.builder().tool("Edit").build());
        store.export().csv(out).run();
        String manifestBefore = Files.readString(out.resolve("_manifest.json"));
        clock.advance(Duration.ofSeconds(1));
        store.core().recordToolCall(ToolCall.builder().tool("Read").build());

        assertThatThrownBy(() -> store.export().parquet(out).incremental().run())
                .isInstanceOf(AgentStoreException.class)
                .hasMessageContaining("csv")
                .hasMessageContaining("parquet");

        assertThat(Files.readString(out.resolve("_manifest.json"))).isEqualTo(manifestBefore);
        assertThat(ParquetFiles.readAll(out)).isEmpty();
        // A full export replaces the folder's content; incremental runs in the new format then work.
        store.export().parquet(out).run();
        clock.advance(Duration.ofSeconds(1));
        store.core().recordToolCall(ToolCall.builder().tool("Write").build());
        assertThat(store.export().parquet(out).incremental().run().factRows()).isEqualTo(1);
        assertThat(factEventIds(out)).hasSize(3);
        try (Stream<Path> walk = Files.walk(out)) {
            assertThat(walk.filter(p -> p.toString().endsWith(".csv"))).isEmpty();
        }
    }

    @Test
    void incrementalExportIntoAnotherStoresFolderIsRefusedAndTheFolderIsLeftAsItWas() {
        Path out = tmp.resolve("shared-out");
        try (AgentStore a = open("a.duckdb");
                AgentStore b = open("b.duckdb")) {
            String idA = storeId(a);
            String idB = storeId(b);
            assertThat(idA).as("two stores, two ids").isNotEqualTo(idB);
            // B's facts are recorded before A's: taking A's watermark, B would silently skip them, overwrite
            // A's dimensions and leave its facts joined to A's dimension files (the mix seen before ids).
            List<UUID> ofB = recordMixed(b, 3, 2, new Random(11));
            clock.advance(Duration.ofSeconds(1));
            List<UUID> ofA = recordMixed(a, 3, 2, new Random(12));
            a.export().parquet(out).incremental().run();
            clock.advance(Duration.ofSeconds(1));

            assertThatThrownBy(() -> b.export().parquet(out).incremental().run())
                    .isInstanceOf(AgentStoreException.class)
                    .hasMessageContaining(out.toAbsolutePath().normalize().toString())
                    .hasMessageContaining("store " + idA)
                    .hasMessageContaining("store " + idB);

            assertThat(factEventIds(out)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ofA);
            assertThat(ParquetFiles.rows(ParquetFiles.readAll(out), "dim_tool"))
                    .extracting(r -> r.get("tool_name"))
                    .as("A's tool dimension, not B's")
                    .containsExactlyInAnyOrderElementsOf(a.sql("SELECT tool_name FROM dim_tool").rows().stream()
                            .map(r -> r.string("tool_name"))
                            .toList());
            assertThat(manifestOf(out).path("store_id").asText()).isEqualTo(idA);

            // The same store continues its own series, and B exports into a folder of its own.
            clock.advance(Duration.ofSeconds(1));
            List<UUID> moreOfA = recordMixed(a, 2, 2, new Random(13));
            assertThat(a.export().parquet(out).incremental().run().factRows()).isEqualTo(moreOfA.size());
            List<UUID> allOfA = new ArrayList<>(ofA);
            allOfA.addAll(moreOfA);
            assertThat(factEventIds(out)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(allOfA);
            Path outB = tmp.resolve("b-out");
            b.export().parquet(outB).incremental().run();
            assertThat(factEventIds(outB)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ofB);
            assertThat(manifestOf(outB).path("store_id").asText()).isEqualTo(idB);
        }
    }

    @Test
    void aStoreMadeBeforeStoreIdsGetsOneOnItsNextWritingOpenAndKeepsIt() {
        Path file = tmp.resolve("old.duckdb");
        try (AgentStore store = AgentStore.builder().path(file).clock(clock).build()) {
            // Take the file back to what a store made before core's V2 looked like.
            store.sql("DROP TABLE agent_store_identity").rows();
            store.sql("DELETE FROM agent_store_schema_history WHERE module_id = 'core' AND version = 2")
                    .rows();
        }
        String id;
        try (AgentStore store = AgentStore.builder().path(file).clock(clock).build()) {
            assertThat(store.sql("SELECT count(*) AS n FROM agent_store_identity")
                            .rows()
                            .get(0)
                            .int64("n"))
                    .isOne();
            id = storeId(store);
            assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        }
        try (AgentStore store = AgentStore.builder().path(file).clock(clock).build()) {
            assertThat(storeId(store)).as("the id never changes").isEqualTo(id);
        }
    }

    // ---------------------------------------------------------------------------------------------------

    /** Records {@code tools} tool calls and {@code others} API calls / file modifications, one call each. */
    private static List<UUID> recordMixed(AgentStore store, int tools, int others, Random random) {
        return mixed(tools, others, random).stream().map(store::record).toList();
    }

    /** {@code tools} tool calls and {@code others} API calls or file modifications, on random days. */
    private static List<FactRecord> mixed(int tools, int others, Random random) {
        List<FactRecord> records = new ArrayList<>();
        for (int i = 0; i < tools; i++) {
            records.add(ToolCall.builder()
                    .tool("Tool" + random.nextInt(4))
                    .sessionId("s" + random.nextInt(3))
                    .tokens((long) random.nextInt(500), (long) random.nextInt(500))
                    .occurredAt(START.minus(Duration.ofHours(random.nextInt(72))))
                    .build());
        }
        for (int i = 0; i < others; i++) {
            Instant at = START.minus(Duration.ofHours(random.nextInt(72)));
            if (random.nextBoolean()) {
                records.add(ApiCall.builder()
                        .model("model-" + random.nextInt(2))
                        .tokens(random.nextInt(1000), random.nextInt(1000))
                        .reportedCostUsd(BigDecimal.valueOf(random.nextInt(1_000_000), 6))
                        .occurredAt(at)
                        .build());
            } else {
                records.add(FileModification.builder()
                        .filePath("src/F" + random.nextInt(5))
                        .lines((long) random.nextInt(10), 0L)
                        .occurredAt(at)
                        .build());
            }
        }
        return records;
    }

    /** The event ids of every fact row in every Parquet file under {@code out}, duplicates kept. */
    private static List<UUID> factEventIds(Path out) {
        return ParquetFiles.readAll(out, table -> table.startsWith("fact_")).stream()
                .flatMap(f -> f.rows().stream())
                .map(r -> (UUID) r.get("event_id"))
                .toList();
    }

    private static String storeId(AgentStore store) {
        return store.sql("SELECT CAST(store_id AS VARCHAR) AS id FROM agent_store_identity")
                .rows()
                .get(0)
                .string("id");
    }

    private static JsonNode manifestOf(Path out) {
        try {
            return JSON.readTree(out.resolve("_manifest.json").toFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static MessageType schemaOf(List<ParquetFile> files, String table) {
        return files.stream()
                .filter(f -> f.table().equals(table))
                .findFirst()
                .orElseThrow()
                .schema();
    }

    private static Map<String, Object> byEventId(List<Map<String, Object>> rows, UUID id) {
        return rows.stream()
                .filter(r -> id.equals(r.get("event_id")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row with event_id " + id));
    }

    private static List<String> tableColumns(AgentStore store, String table) {
        return store
                .sql(
                        "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
                        table)
                .rows()
                .stream()
                .map(r -> r.string("column_name"))
                .toList();
    }
}
