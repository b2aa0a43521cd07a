package io.agentstore.claudecode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentstore.AgentStore;
import io.agentstore.spi.Json;
import io.agentstore.spi.Row;
import io.agentstore.testing.MutableClock;
import io.agentstore.testing.Soak;
import io.agentstore.testing.StoreExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transcript parser fed garbage between real lines: random bytes, truncated prefixes of real lines,
 * real lines with values of the wrong type, huge or negative numbers and broken UTF-8, JSON that is not an
 * object, JSON nested 2,000 to 100,000 levels deep. The import never fails: every line that is not JSON is
 * counted as an ingest error and recorded with its line number, the count equals what is recorded, the
 * valid lines after the garbage are imported, and importing again changes nothing.
 */
class TranscriptFuzzPropertyTest {
    private static final Instant END = Instant.parse("2026-01-01T00:00:00Z");
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @TempDir
    static Path dir;

    static List<String> realLines = new ArrayList<>();

    @RegisterExtension
    static final StoreExtension STORES =
            StoreExtension.inMemory().clock(new MutableClock(END.plus(Duration.ofDays(1))));

    static AgentStore store;
    static final AtomicLong linesTried = new AtomicLong();
    static final AtomicLong garbageLines = new AtomicLong();
    static final AtomicLong errorsRecorded = new AtomicLong();

    @BeforeAll
    static void setUp() throws IOException {
        Path history = dir.resolve("history");
        SyntheticHistory.of(99, 6, END, 3).writeTo(history);
        try (Stream<Path> files = Files.walk(history)) {
            for (Path f :
                    files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                realLines.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
            }
        }
        store = STORES.get();
    }

    @AfterAll
    static void tearDown() {
        System.out.printf(
                "TranscriptFuzzPropertyTest FIGURES: %d transcript lines tried, %d of them garbage, %d"
                        + " ingest errors counted and recorded, the import never failed%n",
                linesTried.get(), garbageLines.get(), errorsRecorded.get());
    }

    /** A line and whether it must be an ingest error (it is not a JSON object). */
    private record Line(byte[] bytes, boolean mustFail, String kind) {}

    @Test
    void garbageIsCountedAndRecordedAndTheImportGoesOn() {
        qt().withExamples(Soak.pick(40, 400))
                .withShrinkCycles(0)
                .forAll(longs().all())
                .checkAssert(seed -> {
                    Random random = new Random(seed);
                    String session = "fuzz-" + Long.toHexString(seed) + "-" + random.nextInt(1_000_000);
                    Path projects = dir.resolve("p-" + session);
                    List<Line> lines = new ArrayList<>();
                    for (int i = random.nextInt(60); i >= 0; i--) {
                        lines.add(line(random));
                    }
                    String msg = "msg_" + session;
                    long tokens = 1 + random.nextInt(1_000_000);
                    lines.add(new Line(
                            ("{\"type\":\"user\",\"uuid\":\"u-" + session + "\",\"sessionId\":\"" + session
                                            + "\",\"timestamp\":\"2025-12-30T10:00:00Z\",\"message\":{\"role\":\"user\",\"content\":\"after the garbage\"}}")
                                    .getBytes(StandardCharsets.UTF_8),
                            false,
                            "sentinel"));
                    lines.add(new Line(
                            ("{\"type\":\"assistant\",\"uuid\":\"a-" + session + "\",\"sessionId\":\"" + session
                                            + "\",\"timestamp\":\"2025-12-30T10:00:01Z\",\"requestId\":\"req_" + session
                                            + "\",\"message\":{\"id\":\""
                                            + msg
                                            + "\",\"model\":\"claude-sonnet-4-5\",\"role\":\"assistant\",\"content\":[],\"usage\":{\"input_tokens\":"
                                            + tokens + ",\"output_tokens\":7}}}")
                                    .getBytes(StandardCharsets.UTF_8),
                            false,
                            "sentinel"));
                    Path file = write(projects.resolve("-fuzz").resolve(session + ".jsonl"), lines);

                    ImportSummary s = ClaudeCodeImporter.builder(store)
                            .projectsDir(projects)
                            .idleAfter(Duration.ZERO)
                            .build()
                            .run();
                    linesTried.addAndGet(lines.size());

                    assertThat(s.linesRead()).as("every line was read").isEqualTo(lines.size());
                    Set<Long> recorded = new TreeSet<>();
                    List<Row> errors = store.sql(
                                    "SELECT line_number, reason FROM fact_ingest_error WHERE file_path = ?"
                                            + " ORDER BY line_number",
                                    file.toAbsolutePath().toString())
                            .rows();
                    StringBuilder kinds = new StringBuilder();
                    for (int i = 0; i < lines.size(); i++) {
                        kinds.append(i + 1)
                                .append(':')
                                .append(lines.get(i).kind())
                                .append(' ');
                    }
                    for (Row r : errors) {
                        recorded.add(r.int64("line_number"));
                    }
                    // a line may hold two errors: its API call and its tool use, both refused when complete
                    assertThat((long) errors.size())
                            .as("errors counted = errors recorded; seed %d, lines %s, recorded %s", seed, kinds, errors)
                            .isEqualTo(s.errors());
                    for (int i = 0; i < lines.size(); i++) {
                        if (lines.get(i).mustFail()) {
                            garbageLines.incrementAndGet();
                            assertThat(recorded)
                                    .as(
                                            "line %d (%s) is an ingest error",
                                            i + 1, lines.get(i).kind())
                                    .contains(i + 1L);
                        }
                    }
                    errorsRecorded.addAndGet(errors.size());
                    Row sentinel = store.sql(
                                    "SELECT input_tokens, output_tokens FROM v_api_calls WHERE request_id = ?",
                                    "req_" + session)
                            .single()
                            .orElseThrow(() -> new AssertionError(
                                    "the valid call after the garbage" + " was not imported; seed " + seed));
                    assertThat(sentinel.int64("input_tokens")).isEqualTo(tokens);

                    ImportSummary again = ClaudeCodeImporter.builder(store)
                            .projectsDir(projects)
                            .idleAfter(Duration.ZERO)
                            .build()
                            .run();
                    assertThat(again.recordsWritten())
                            .as("importing again changes nothing")
                            .isZero();
                });
    }

    @Test
    void jsonNestedAHundredThousandLevelsDeepIsAnIngestErrorNotAStackOverflow() {
        Path projects = dir.resolve("deep");
        List<Line> lines = new ArrayList<>();
        for (int depth : new int[] {1_001, 10_000, 100_000}) {
            lines.add(
                    new Line(("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.UTF_8), true, "array"));
            lines.add(new Line(
                    ("{\"a\":".repeat(depth) + "1" + "}".repeat(depth)).getBytes(StandardCharsets.UTF_8),
                    true,
                    "object"));
            // a real line whose content is nested that deep
            String real = realLines.stream()
                    .filter(l -> l.contains("\"type\":\"assistant\""))
                    .findFirst()
                    .orElseThrow();
            lines.add(new Line(
                    real.replaceFirst("\"content\":\\[", "\"content\":[" + "[".repeat(depth) + "]".repeat(depth) + ",")
                            .getBytes(StandardCharsets.UTF_8),
                    true,
                    "content"));
        }
        lines.add(new Line(realLines.get(1).getBytes(StandardCharsets.UTF_8), false, "real"));
        Path file = write(projects.resolve("-deep").resolve("deep.jsonl"), lines);
        ImportSummary s = ClaudeCodeImporter.builder(store)
                .projectsDir(projects)
                .idleAfter(Duration.ZERO)
                .build()
                .run();
        assertThat(s.linesRead()).isEqualTo(lines.size());
        assertThat(s.errors()).isEqualTo(9);
        assertThat(store.sql(
                                "SELECT reason FROM v_ingest_errors WHERE file_path = ? ORDER BY line_number",
                                file.toAbsolutePath().toString())
                        .rows())
                .hasSize(9)
                .allSatisfy(r -> assertThat(r.string("reason"))
                        .startsWith("malformed JSON")
                        .contains("nesting depth"));
    }

    private static Path write(Path file, List<Line> lines) {
        try {
            Files.createDirectories(file.getParent());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (Line l : lines) {
                out.write(l.bytes());
                out.write('\n');
            }
            Files.write(file, out.toByteArray());
            Files.setLastModifiedTime(file, FileTime.from(END));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Line line(Random random) {
        String real = realLines.get(random.nextInt(realLines.size()));
        switch (random.nextInt(9)) {
            case 0, 1:
                return new Line(real.getBytes(StandardCharsets.UTF_8), false, "real");
            case 2: {
                byte[] b = new byte[1 + random.nextInt(300)];
                random.nextBytes(b);
                byte[] starts = {'#', ')', '}', ']', 'x', (byte) 0xFF, (byte) 0xC3, 0x01, '\''};
                b[0] = starts[random.nextInt(starts.length)];
                for (int i = 0; i < b.length; i++) {
                    if (b[i] == '\n') {
                        b[i] = ' ';
                    }
                }
                if (b[b.length - 1] == '\r') {
                    b[b.length - 1] = 'r';
                }
                return new Line(b, true, "random bytes");
            }
            case 3: {
                byte[] whole = real.getBytes(StandardCharsets.UTF_8);
                int cut = 1 + random.nextInt(whole.length - 1);
                byte[] b = java.util.Arrays.copyOf(whole, cut);
                return new Line(b, !new String(b, StandardCharsets.UTF_8).isBlank(), "truncated");
            }
            case 4: {
                String[] values = {
                    "123", "\"a string\"", "null", "true", "[]", "[{\"type\":\"assistant\"}]", "-0", "1e400"
                };
                return new Line(
                        values[random.nextInt(values.length)].getBytes(StandardCharsets.UTF_8), true, "not an object");
            }
            case 5: {
                int depth = 2_000 + random.nextInt(98_000);
                String open = random.nextBoolean() ? "[" : "{\"k\":";
                String close = open.equals("[") ? "]" : "}";
                String deep = open.repeat(depth) + "0" + close.repeat(random.nextInt(depth));
                return new Line(deep.getBytes(StandardCharsets.UTF_8), true, "nested " + depth);
            }
            case 6: {
                // a real line with a bad UTF-8 sequence inside a string value
                byte[] whole = real.getBytes(StandardCharsets.UTF_8);
                int quote = real.indexOf("\":\"") + 3;
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(whole, 0, quote);
                out.write(new byte[] {(byte) 0xC3, 0x28, (byte) 0xED, (byte) 0xA0, (byte) 0x80}, 0, 5);
                out.write(whole, quote, whole.length - quote);
                return new Line(out.toByteArray(), quote > 3, "bad UTF-8");
            }
            default:
                return new Line(mutate(real, random).getBytes(StandardCharsets.UTF_8), false, "mutated");
        }
    }

    /** A real line with some values replaced by values of other types, extreme numbers and odd text. */
    private static String mutate(String real, Random random) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(real);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<ObjectNode> objects = new ArrayList<>();
        collect(root, objects);
        for (int n = 1 + random.nextInt(4); n > 0 && !objects.isEmpty(); n--) {
            ObjectNode o = objects.get(random.nextInt(objects.size()));
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            if (names.isEmpty()) {
                continue;
            }
            String name = names.get(random.nextInt(names.size()));
            o.set(name, oddValue(random));
        }
        return root.toString();
    }

    private static void collect(JsonNode node, List<ObjectNode> into) {
        if (node instanceof ObjectNode o) {
            into.add(o);
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            collect(it.next(), into);
        }
    }

    private static JsonNode oddValue(Random random) {
        return switch (random.nextInt(16)) {
            case 0 -> F.nullNode();
            case 1 -> F.numberNode(-1);
            case 2 -> F.numberNode(Long.MAX_VALUE);
            case 3 -> F.numberNode(new java.math.BigInteger("123456789012345678901234567890"));
            case 4 -> F.numberNode(new java.math.BigDecimal("1e400"));
            case 5 -> F.numberNode(1.5);
            case 6 -> F.textNode("");
            case 7 -> F.textNode("not-a-timestamp");
            case 8 -> F.textNode("-999999999-01-01T00:00:00Z");
            case 9 -> F.textNode("+999999999-12-31T23:59:59Z");
            case 10 -> F.textNode("\u0000\uD800 nul and a lone surrogate");
            case 11 -> F.booleanNode(random.nextBoolean());
            case 12 -> F.arrayNode().add(1).add("x").add(F.objectNode());
            case 13 -> F.objectNode().put("unexpected", true);
            case 14 -> F.textNode("x".repeat(100_000));
            default -> {
                ArrayNode a = F.arrayNode();
                a.addObject().put("type", "tool_use").put("id", "t").set("input", F.nullNode());
                a.addObject().put("type", "tool_result").put("tool_use_id", "t").put("is_error", "maybe");
                yield a;
            }
        };
    }
}
