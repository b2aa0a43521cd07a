package io.agentstore.bench.jmh;

import io.agentstore.claudecode.SyntheticHistory;
import io.agentstore.claudecode.TranscriptFacts;
import io.agentstore.spi.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Transcript line parsing: the lines of one generated Claude Code session (the project's own generator) read
 * with Jackson's tree parser and mapped by the importer's mapping ({@link TranscriptFacts}) into facts, as
 * {@code ClaudeCodeImporter} does per line. Reported per line; {@link #parseOnly} isolates the JSON parse.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TranscriptParseBenchmark {
    private List<byte[]> lines;
    private long bytes;

    /** Writes one session and keeps its main transcript's lines. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path dir = Files.createTempDirectory("transcript-bench");
        try {
            SyntheticHistory.of(7, 1, Instant.parse("2026-11-01T00:00:00Z"), 1).writeTo(dir);
            Path largest;
            try (Stream<Path> files = Files.walk(dir)) {
                largest = files.filter(p -> p.toString().endsWith(".jsonl"))
                        .max(Comparator.comparingLong(p -> p.toFile().length()))
                        .orElseThrow();
            }
            lines = new ArrayList<>();
            for (String line : Files.readAllLines(largest, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    byte[] b = line.getBytes(StandardCharsets.UTF_8);
                    lines.add(b);
                    bytes += b.length;
                }
            }
            System.out.printf("%n%d lines, %d bytes, %d bytes per line%n", lines.size(), bytes, bytes / lines.size());
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Parse and map every line of the session; the time is divided by the number of lines afterwards. */
    @Benchmark
    public int parseAndMapSession() throws Exception {
        TranscriptFacts mapper = TranscriptFacts.mainTranscript("p/s.jsonl", "p", "s");
        int facts = 0;
        for (byte[] line : lines) {
            facts += mapper.line(line).size();
        }
        return facts + mapper.finish().size() - (int) mapper.badLines();
    }

    /** Only Jackson's tree parse of every line of the session. */
    @Benchmark
    public int parseOnly() throws Exception {
        int n = 0;
        for (byte[] line : lines) {
            n += Json.MAPPER.readTree(line, 0, line.length).size();
        }
        return n;
    }
}
