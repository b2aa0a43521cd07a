package io.agentstore.quality.internal;

import io.agentstore.quality.internal.ParsedReport.BadReportException;
import io.agentstore.quality.internal.ParsedReport.Case;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a JUnit XML report (Maven Surefire and Failsafe, Gradle, pytest {@code --junitxml}, jest-junit, ...)
 * with StAX, one element at a time. Surefire's {@code <flakyFailure>}/{@code <flakyError>} mark a test that
 * passed on a rerun (flaky); {@code <rerunFailure>}/{@code <rerunError>} count the reruns of one that kept
 * failing. DTDs and external entities are refused.
 */
public final class JUnitXmlReader {
    /** Failure messages are cut here: the first lines say what broke, the rest is a stack trace. */
    static final int MAX_MESSAGE = 4000;

    private static final XMLInputFactory FACTORY = factory();

    private JUnitXmlReader() {}

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    /**
     * Reads {@code file}.
     *
     * @throws BadReportException when it is not well-formed XML or not a JUnit report
     */
    public static ParsedReport read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader x = FACTORY.createXMLStreamReader(in);
            try {
                return read(x, file);
            } finally {
                x.close();
            }
        } catch (XMLStreamException e) {
            Location l = e.getLocation();
            throw new BadReportException(
                    "not well-formed XML: " + e.getMessage(),
                    l == null ? 0 : Math.max(0, l.getLineNumber()),
                    l == null ? 0 : Math.max(0, l.getCharacterOffset()),
                    e);
        } catch (IOException e) {
            throw new BadReportException("cannot read the file: " + e.getMessage(), 0, 0, e);
        }
    }

    private static ParsedReport read(XMLStreamReader x, Path file) throws XMLStreamException {
        Deque<String> suites = new ArrayDeque<>();
        List<Case> cases = new ArrayList<>();
        String framework = file.toString().contains("failsafe-reports") ? "failsafe" : "junit";
        Instant startedAt = null;
        boolean zoneAssumed = false;
        BigDecimal rootTime = null;
        BigDecimal topSuitesTime = BigDecimal.ZERO;
        boolean anyTopSuiteTime = false;
        boolean root = true;
        // the test case being read
        String cls = null;
        String name = null;
        Long caseMs = null;
        String status = null;
        String failureType = null;
        String failureMessage = null;
        int flakes = 0;
        int reruns = 0;
        StringBuilder text = null;
        while (x.hasNext()) {
            int event = x.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                String el = x.getLocalName();
                if (root) {
                    root = false;
                    if (!el.equals("testsuite") && !el.equals("testsuites")) {
                        throw new BadReportException(
                                "not a JUnit XML report: the root element is <" + el
                                        + ">, not <testsuites> or <testsuite>",
                                x.getLocation().getLineNumber(),
                                0,
                                null);
                    }
                    if (el.equals("testsuites")) {
                        rootTime = decimal(x.getAttributeValue(null, "time"));
                    }
                }
                switch (el) {
                    case "testsuite" -> {
                        if (suites.isEmpty()) {
                            BigDecimal t = decimal(x.getAttributeValue(null, "time"));
                            if (t != null) {
                                topSuitesTime = topSuitesTime.add(t);
                                anyTopSuiteTime = true;
                            }
                        }
                        String schema = x.getAttributeValue(
                                "http://www.w3.org/2001/XMLSchema-instance", "noNamespaceSchemaLocation");
                        if (schema != null && schema.contains("surefire") && !framework.equals("failsafe")) {
                            framework = schema.contains("failsafe") ? "failsafe" : "surefire";
                        }
                        String suiteName = x.getAttributeValue(null, "name");
                        if ("pytest".equals(suiteName)) {
                            framework = "pytest";
                        }
                        String hostname = x.getAttributeValue(null, "hostname");
                        if (hostname != null
                                && framework.equals("junit")
                                && file.toString().contains("test-results")) {
                            framework = "gradle";
                        }
                        String ts = x.getAttributeValue(null, "timestamp");
                        if (startedAt == null && ts != null) {
                            try {
                                startedAt = OffsetDateTime.parse(ts).toInstant();
                            } catch (DateTimeParseException e) {
                                try {
                                    startedAt = LocalDateTime.parse(ts).toInstant(ZoneOffset.UTC);
                                    zoneAssumed = true;
                                } catch (DateTimeParseException ignored) {
                                    // an unreadable timestamp: the file's time is used instead
                                }
                            }
                        }
                        suites.push(suiteName == null || suiteName.isBlank() ? "" : suiteName);
                    }
                    case "testcase" -> {
                        name = x.getAttributeValue(null, "name");
                        cls = x.getAttributeValue(null, "classname");
                        BigDecimal t = decimal(x.getAttributeValue(null, "time"));
                        caseMs = t == null
                                ? null
                                : t.movePointRight(3)
                                        .setScale(0, java.math.RoundingMode.HALF_UP)
                                        .longValue();
                        status = "passed";
                        failureType = null;
                        failureMessage = null;
                        flakes = 0;
                        reruns = 0;
                    }
                    case "failure", "error" -> {
                        if (name != null) {
                            // an <error> outranks a <failure> (pytest writes both for a failing test whose teardown
                            // errs)
                            if (!"error".equals(status)) {
                                status = el.equals("failure") ? "failed" : "error";
                                failureType = x.getAttributeValue(null, "type");
                                failureMessage = x.getAttributeValue(null, "message");
                                text = failureMessage == null ? new StringBuilder() : null;
                            }
                        }
                    }
                    case "skipped" -> {
                        if (name != null && "passed".equals(status)) {
                            status = "skipped";
                            failureMessage = x.getAttributeValue(null, "message");
                        }
                    }
                    case "flakyFailure", "flakyError" -> {
                        flakes++;
                        reruns++;
                        if (failureMessage == null) {
                            failureType = x.getAttributeValue(null, "type");
                            failureMessage = x.getAttributeValue(null, "message");
                        }
                    }
                    case "rerunFailure", "rerunError" -> reruns++;
                    default -> {
                        // properties, system-out, system-err and unknown elements are not needed
                    }
                }
            } else if (event == XMLStreamConstants.CHARACTERS && text != null) {
                if (text.length() < MAX_MESSAGE) {
                    text.append(x.getText());
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                String el = x.getLocalName();
                switch (el) {
                    case "failure", "error" -> {
                        if (text != null) {
                            String t = text.toString().strip();
                            failureMessage = t.isEmpty() ? null : t;
                            text = null;
                        }
                    }
                    case "testcase" -> {
                        if (name != null) {
                            String suite = suites.isEmpty() || suites.peek().isEmpty() ? null : suites.peek();
                            String testName = name.isBlank() ? "(unnamed)" : name;
                            String className = cls != null && !cls.isBlank()
                                    ? cls
                                    : suite != null ? suite : file.getFileName().toString();
                            boolean flaky = "passed".equals(status) && flakes > 0;
                            cases.add(new Case(
                                    suite,
                                    className,
                                    testName,
                                    status,
                                    caseMs,
                                    failureType,
                                    cut(failureMessage),
                                    flaky,
                                    reruns));
                        }
                        name = null;
                    }
                    case "testsuite" -> suites.pop();
                    default -> {
                        // nothing to close
                    }
                }
            }
        }
        if (root) {
            throw new BadReportException("empty file: no XML element", 0, 0, null);
        }
        Long durationMs = rootTime != null ? ms(rootTime) : anyTopSuiteTime ? ms(topSuitesTime) : null;
        return new ParsedReport(framework, startedAt, zoneAssumed, durationMs, cases);
    }

    private static Long ms(BigDecimal seconds) {
        return seconds.movePointRight(3)
                .setScale(0, java.math.RoundingMode.HALF_UP)
                .longValue();
    }

    private static BigDecimal decimal(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            BigDecimal d = new BigDecimal(s.strip().replace(",", ""));
            return d.signum() < 0 ? null : d;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String cut(String message) {
        if (message == null) {
            return null;
        }
        String m = message.replace("\u0000", "");
        return m.length() <= MAX_MESSAGE ? m : m.substring(0, MAX_MESSAGE) + "...";
    }
}
