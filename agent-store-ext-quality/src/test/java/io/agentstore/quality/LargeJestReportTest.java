package io.agentstore.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.quality.internal.JestJsonReader;
import io.agentstore.quality.internal.ParsedReport;
import io.agentstore.testing.ChildJvm;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Jest report three times larger than the heap of the JVM that reads it: the streaming reader keeps the test
 * cases, never the file. The report has {@value #FILES} test files of {@value #PER_FILE} tests each; test k of a
 * file fails when k % 10 == 9 (with an 8 KB failure message and an 8 KB {@code failureDetails}), is pending when
 * k % 10 == 8, else passes, after a retry when k % 20 == 0 (flaky). Per file: 4 failed, 4 skipped, 32 passed of
 * which 2 flaky (k = 0, 20). A {@code coverageMap} of 128 MiB follows the results. Read in a child JVM with
 * {@code -Xmx48m}: 20,000 cases, 16,000 passed, 2,000 failed, 2,000 skipped, 1,000 flaky.
 */
class LargeJestReportTest {
    static final int FILES = 500;
    static final int PER_FILE = 40;
    private static final long START = 1_700_000_000_000L;

    @TempDir
    Path dir;

    /** Reads the report named by its argument and prints what it found. */
    public static final class ReadMain {
        private ReadMain() {}

        /** Entry point of the child JVM. */
        public static void main(String[] args) {
            ParsedReport r = JestJsonReader.read(Path.of(args[0]), Function.identity());
            long passed =
                    r.cases().stream().filter(c -> c.status().equals("passed")).count();
            long failed =
                    r.cases().stream().filter(c -> c.status().equals("failed")).count();
            long skipped =
                    r.cases().stream().filter(c -> c.status().equals("skipped")).count();
            long flaky = r.cases().stream().filter(ParsedReport.Case::flaky).count();
            int longest = r.cases().stream()
                    .mapToInt(c ->
                            c.failureMessage() == null ? 0 : c.failureMessage().length())
                    .max()
                    .orElse(0);
            System.out.println("cases=" + r.cases().size() + " passed=" + passed + " failed=" + failed + " skipped="
                    + skipped + " flaky=" + flaky + " framework=" + r.framework() + " duration=" + r.durationMs()
                    + " longest_message=" + longest + " last="
                    + r.cases().get(r.cases().size() - 1).testName());
        }
    }

    private static void write(Path file) throws IOException {
        String big = "at frame (/repo/src/x.js:1:1)\n".repeat(8 * 1024 / 30);
        String chunk = "y".repeat(64 * 1024);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("{\"numTotalTests\":" + FILES * PER_FILE + ",\"startTime\":" + START + ",\"testResults\":[");
            for (int f = 0; f < FILES; f++) {
                w.write(f == 0 ? "" : ",");
                w.write("{\"assertionResults\":[");
                for (int k = 0; k < PER_FILE; k++) {
                    boolean failed = k % 10 == 9;
                    String status = failed ? "failed" : k % 10 == 8 ? "pending" : "passed";
                    w.write(k == 0 ? "" : ",");
                    w.write("{\"ancestorTitles\":[\"Suite " + f + "\"],");
                    if (failed) {
                        w.write("\"failureDetails\":[{\"matcherResult\":{\"message\":\"" + big.replace("\n", "\\n")
                                + "\",\"pass\":false}}],\"failureMessages\":[\"Error: boom " + f + "/" + k + "\\n"
                                + big.replace("\n", "\\n") + "\"],");
                    } else {
                        w.write("\"failureDetails\":[],\"failureMessages\":[],");
                    }
                    w.write("\"fullName\":\"Suite " + f + " test " + k + "\",\"status\":\"" + status
                            + "\",\"title\":\"test " + k + "\",\"duration\":" + k + ",\"invocations\":"
                            + (k % 20 == 0 ? 2 : 1) + "}");
                }
                w.write("],\"endTime\":" + (START + 1000L * (f + 1)) + ",\"message\":\"\",\"name\":\"/repo/src/t" + f
                        + ".test.js\",\"status\":\"failed\",\"startTime\":" + START + "}");
            }
            w.write("],\"coverageMap\":{");
            for (int i = 0; i < 128 * 16; i++) {
                w.write((i == 0 ? "" : ",") + "\"/repo/src/f" + i + ".js\":{\"source\":\"" + chunk + "\"}");
            }
            w.write("},\"success\":false}");
        }
    }

    @Test
    void aReportLargerThanTheHeapIsReadCaseByCase() throws Exception {
        Path report = dir.resolve("jest-large.json");
        write(report);
        assertThat(Files.size(report)).isGreaterThan(3L * 48 * 1024 * 1024);
        try (ChildJvm child = ChildJvm.start(dir, List.of("-Xmx48m"), ReadMain.class, report.toString())) {
            List<String> out = child.drain(Duration.ofMinutes(2));
            assertThat(child.waitFor(Duration.ofMinutes(1))).as(child.stderr()).isZero();
            assertThat(out)
                    .containsExactly("cases=20000 passed=16000 failed=2000 skipped=2000 flaky=1000 framework=jest"
                            + " duration=500000 longest_message=4003 last=Suite 499 test 39");
        }
    }
}
