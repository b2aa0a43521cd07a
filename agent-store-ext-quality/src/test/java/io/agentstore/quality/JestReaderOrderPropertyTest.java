package io.agentstore.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.agentstore.quality.internal.JestJsonReader;
import io.agentstore.quality.internal.ParsedReport;
import io.agentstore.spi.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming Jest reader does not depend on the order of a report's fields (a test file's {@code name} may come
 * after its assertions) nor on fields it does not read: a random report, written once in Jest's order and once
 * shuffled with nested noise fields, reads the same, and its counts are the generator's.
 */
class JestReaderOrderPropertyTest {
    private static final List<String> STATUSES = List.of("passed", "failed", "pending", "todo", "skipped");

    @TempDir
    Path dir;

    private record Generated(
            Map<String, Object> report, int files, long passed, long failed, long skipped, long flaky) {}

    private static Generated generate(Random r) {
        long passed = 0;
        long failed = 0;
        long skipped = 0;
        long flaky = 0;
        List<Object> files = new ArrayList<>();
        int fileCount = 1 + r.nextInt(4);
        for (int f = 0; f < fileCount; f++) {
            List<Object> assertions = new ArrayList<>();
            int n = 1 + r.nextInt(6);
            for (int k = 0; k < n; k++) {
                String status = STATUSES.get(r.nextInt(STATUSES.size()));
                int invocations = 1 + r.nextInt(3);
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("ancestorTitles", List.of("S" + f));
                a.put("failureMessages", status.equals("failed") ? List.of("Error: " + f + "/" + k) : List.of());
                a.put("fullName", "S" + f + " t" + k);
                a.put("status", status);
                a.put("title", "t" + k);
                a.put("duration", k);
                a.put("invocations", invocations);
                assertions.add(a);
                switch (status) {
                    case "passed" -> {
                        passed++;
                        flaky += invocations > 1 ? 1 : 0;
                    }
                    case "failed" -> failed++;
                    default -> skipped++;
                }
            }
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("assertionResults", assertions);
            file.put("endTime", 1_000L + f);
            file.put("message", "");
            file.put("name", "/repo/t" + f + ".test.js");
            file.put("startTime", 1_000L);
            file.put("status", "passed");
            files.add(file);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("numTotalTests", passed + failed + skipped);
        report.put("startTime", 1_000L);
        report.put("success", failed == 0);
        report.put("testResults", files);
        return new Generated(report, fileCount, passed, failed, skipped, flaky);
    }

    /** The same value with every object's fields shuffled and a noise field (nested) added to each object. */
    @SuppressWarnings("unchecked")
    private static Object shuffled(Object value, Random r) {
        if (value instanceof Map<?, ?> m) {
            List<Map.Entry<String, Object>> entries = new ArrayList<>(((Map<String, Object>) m).entrySet());
            Collections.shuffle(entries, r);
            Map<String, Object> out = new LinkedHashMap<>();
            int noiseAt = r.nextInt(entries.size() + 1);
            for (int i = 0; i <= entries.size(); i++) {
                if (i == noiseAt) {
                    out.put("zz_noise", Map.of("name", "not this", "status", List.of("failed", Map.of("x", 1))));
                }
                if (i < entries.size()) {
                    out.put(entries.get(i).getKey(), shuffled(entries.get(i).getValue(), r));
                }
            }
            return out;
        }
        if (value instanceof List<?> l) {
            return l.stream().map(v -> shuffled(v, r)).toList();
        }
        return value;
    }

    private ParsedReport read(Object report, String name) {
        try {
            Path file = dir.resolve(name);
            Files.writeString(file, Json.MAPPER.writeValueAsString(report));
            return JestJsonReader.read(file, Function.identity());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void fieldOrderAndUnknownFieldsChangeNothing() {
        qt().withExamples(60).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            Generated g = generate(r);
            ParsedReport plain = read(g.report(), "plain.json");
            ParsedReport mixed = read(shuffled(g.report(), r), "mixed.json");
            assertThat(mixed).isEqualTo(plain);
            assertThat(plain.cases().stream().filter(c -> c.status().equals("passed")))
                    .hasSize((int) g.passed());
            assertThat(plain.cases().stream().filter(c -> c.status().equals("failed")))
                    .hasSize((int) g.failed());
            assertThat(plain.cases().stream().filter(c -> c.status().equals("skipped")))
                    .hasSize((int) g.skipped());
            assertThat(plain.cases().stream().filter(ParsedReport.Case::flaky)).hasSize((int) g.flaky());
            assertThat(plain.cases()).allSatisfy(c -> assertThat(c.className()).startsWith("/repo/t"));
            // the last test file ends files - 1 ms after the report's start
            assertThat(plain.durationMs()).isEqualTo(g.files() - 1L);
        });
    }
}
