package io.agentstore.quality.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.agentstore.quality.internal.ParsedReport.BadReportException;
import io.agentstore.quality.internal.ParsedReport.Case;
import java.io.IOException;
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
 *
 * <p>The file is read with Jackson's streaming {@link JsonParser}, one token at a time, never as a whole tree:
 * what the store does not keep ({@code coverageMap}, {@code failureDetails}, snapshots, console output) is
 * skipped without being built, and failure messages are cut as they are read. Memory is the kept test cases, not
 * the file: a report larger than the heap is read.
 */
public final class JestJsonReader {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JestJsonReader() {}

    /** One assertion of a test file whose name may come after its assertions. */
    private record Assertion(
            String title, String status, Long durationMs, String message, boolean flaky, long reruns) {}

    /** What the report's top level gave. */
    private static final class Report {
        boolean sawTestResults;
        boolean vitest;
        Long startTime;
        long endTime;
        final List<Case> cases = new ArrayList<>();
    }

    /**
     * Reads {@code file}; {@code relativize} turns a test file's path into the class name of its tests.
     *
     * @throws BadReportException when it is not JSON or not a Jest/Vitest report
     */
    public static ParsedReport read(Path file, Function<String, String> relativize) {
        Report r = new Report();
        try (JsonParser p = FACTORY.createParser(file.toFile())) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new BadReportException("not a Jest or Vitest JSON report: no testResults array", 1, 0, null);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("testResults") && value == JsonToken.START_ARRAY) {
                    r.sawTestResults = true;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        if (p.currentToken() == JsonToken.START_OBJECT) {
                            testFile(p, r, file, relativize);
                        } else {
                            p.skipChildren();
                        }
                    }
                } else if (field.equals("startTime") && value.isNumeric()) {
                    r.startTime = p.getLongValue();
                } else {
                    p.skipChildren();
                }
            }
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
        if (!r.sawTestResults) {
            throw new BadReportException("not a Jest or Vitest JSON report: no testResults array", 1, 0, null);
        }
        Instant started = r.startTime == null ? null : Instant.ofEpochMilli(r.startTime);
        Long duration = started != null && r.endTime >= r.startTime ? r.endTime - r.startTime : null;
        return new ParsedReport(r.vitest ? "vitest" : "jest", started, false, duration, r.cases);
    }

    /** One element of {@code testResults}, from its START_OBJECT to its END_OBJECT. */
    private static void testFile(JsonParser p, Report r, Path file, Function<String, String> relativize)
            throws IOException {
        String name = null;
        String testFilePath = null;
        String status = null;
        String message = null;
        List<Assertion> assertions = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "name" -> name = scalar(p, value);
                case "testFilePath" -> testFilePath = scalar(p, value);
                case "status" -> status = scalar(p, value);
                case "message" -> message = JUnitXmlReader.cut(scalar(p, value));
                case "endTime" -> {
                    if (value.isNumeric()) {
                        r.endTime = Math.max(r.endTime, p.getLongValue());
                    }
                }
                case "assertionResults" -> {
                    if (value == JsonToken.START_ARRAY) {
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            if (p.currentToken() == JsonToken.START_OBJECT) {
                                assertions.add(assertion(p, r));
                            } else {
                                p.skipChildren();
                            }
                        }
                    }
                }
                default -> p.skipChildren();
            }
        }
        String path = name != null ? name : testFilePath != null ? testFilePath : "";
        String cls = path.isBlank() ? file.getFileName().toString() : relativize.apply(path);
        if (assertions.isEmpty()) {
            if ("failed".equals(status) || (message != null && !message.isBlank())) {
                r.cases.add(new Case(cls, cls, "(test file failed to run)", "error", null, "suite", message, false, 0));
            }
            return;
        }
        for (Assertion a : assertions) {
            r.cases.add(new Case(
                    cls, cls, a.title(), a.status(), a.durationMs(), null, a.message(), a.flaky(), a.reruns()));
        }
    }

    /** One element of {@code assertionResults}, from its START_OBJECT to its END_OBJECT. */
    private static Assertion assertion(JsonParser p, Report r) throws IOException {
        String fullName = null;
        String title = null;
        String status = "";
        long invocations = 1;
        Long ms = null;
        String message = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "fullName" -> fullName = scalar(p, value);
                case "title" -> title = scalar(p, value);
                case "status" -> status = scalar(p, value) == null ? "" : p.getText();
                case "invocations" -> invocations = value.isNumeric() ? p.getLongValue() : 1;
                case "duration" -> ms = value.isNumeric() ? Math.max(0, Math.round(p.getDoubleValue())) : null;
                case "failureMessages" -> {
                    if (value == JsonToken.START_ARRAY) {
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            if (message == null && p.currentToken().isScalarValue()) {
                                message = JUnitXmlReader.cut(p.getText());
                            } else {
                                p.skipChildren();
                            }
                        }
                    }
                }
                case "meta" -> {
                    r.vitest = true;
                    p.skipChildren();
                }
                default -> p.skipChildren();
            }
        }
        String t = fullName != null && !fullName.isBlank() ? fullName : title != null ? title : "(unnamed)";
        String s = switch (status) {
            case "passed" -> "passed";
            case "failed" -> "failed";
            default -> "skipped"; // pending, skipped, todo, disabled
        };
        long reruns = Math.max(0, invocations - 1);
        boolean flaky = s.equals("passed") && reruns > 0;
        return new Assertion(t, s, ms, s.equals("failed") || flaky ? message : null, flaky, reruns);
    }

    /** A scalar value as text (what {@code JsonNode.asText} gave), or null for null and structures (skipped). */
    private static String scalar(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value.isStructStart()) {
            p.skipChildren();
            return null;
        }
        return p.getText();
    }
}
