package io.agentstore.quality.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentstore.quality.internal.ParsedReport.BadReportException;
import io.agentstore.quality.internal.ParsedReport.Case;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads the JSON report of {@code jest --json} and of Vitest's {@code --reporter=json} (the same shape):
 * {@code testResults[]} per test file with {@code assertionResults[]} per test. A result with a {@code meta}
 * object is Vitest's. A test that passed after jest-circus retries ({@code invocations} above 1) is flaky. A
 * test file that failed to run (no assertion results, status failed) becomes one test in error.
 */
public final class JestJsonReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JestJsonReader() {}

    /**
     * Reads {@code file}; {@code relativize} turns a test file's path into the class name of its tests.
     *
     * @throws BadReportException when it is not JSON or not a Jest/Vitest report
     */
    public static ParsedReport read(Path file, Function<String, String> relativize) {
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            throw new BadReportException(
                    "not valid JSON: " + e.getOriginalMessage(),
                    l == null ? 0 : Math.max(0, l.getLineNr()),
                    l == null ? 0 : Math.max(0, l.getCharOffset()),
                    e);
        } catch (IOException e) {
            throw new BadReportException("cannot read the file: " + e.getMessage(), 0, 0, e);
        }
        if (root == null || !root.isObject() || !root.path("testResults").isArray()) {
            throw new BadReportException("not a Jest or Vitest JSON report: no testResults array", 1, 0, null);
        }
        boolean vitest = false;
        List<Case> cases = new ArrayList<>();
        for (JsonNode suite : root.path("testResults")) {
            String path = suite.path("name").asText(suite.path("testFilePath").asText(""));
            String cls = path.isBlank() ? file.getFileName().toString() : relativize.apply(path);
            JsonNode assertions = suite.path("assertionResults");
            if (!assertions.isArray() || assertions.isEmpty()) {
                if ("failed".equals(suite.path("status").asText())
                        || !suite.path("message").asText("").isBlank()) {
                    cases.add(new Case(
                            cls,
                            cls,
                            "(test file failed to run)",
                            "error",
                            null,
                            "suite",
                            JUnitXmlReader.cut(suite.path("message").asText(null)),
                            false,
                            0));
                }
                continue;
            }
            for (JsonNode a : assertions) {
                vitest |= a.has("meta");
                String title = a.path("fullName").asText("");
                if (title.isBlank()) {
                    title = a.path("title").asText("(unnamed)");
                }
                String status = switch (a.path("status").asText("")) {
                    case "passed" -> "passed";
                    case "failed" -> "failed";
                    default -> "skipped"; // pending, skipped, todo, disabled
                };
                long invocations = a.path("invocations").asLong(1);
                long reruns = Math.max(0, invocations - 1);
                Long ms = a.path("duration").isNumber()
                        ? Math.max(0, Math.round(a.path("duration").asDouble()))
                        : null;
                String message = null;
                JsonNode failures = a.path("failureMessages");
                if (failures.isArray() && !failures.isEmpty()) {
                    message = failures.get(0).asText();
                }
                boolean flaky = status.equals("passed") && reruns > 0;
                cases.add(new Case(
                        cls,
                        cls,
                        title,
                        status,
                        ms,
                        null,
                        status.equals("failed") || flaky ? JUnitXmlReader.cut(message) : null,
                        flaky,
                        reruns));
            }
        }
        Instant started = root.path("startTime").isNumber()
                ? Instant.ofEpochMilli(root.path("startTime").asLong())
                : null;
        Long duration = null;
        long end = 0;
        for (JsonNode suite : root.path("testResults")) {
            end = Math.max(end, suite.path("endTime").asLong(0));
        }
        if (started != null && end >= started.toEpochMilli()) {
            duration = end - started.toEpochMilli();
        }
        return new ParsedReport(vitest ? "vitest" : "jest", started, false, duration, cases);
    }
}
