package io.agentstore.quality;

import io.agentstore.spi.Checks;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Json;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One test case of a run ({@code fact_test_case}): which test, how it ended, how long it took and why it
 * failed. A test that failed and then passed on a rerun is {@code passed} and {@code flaky}.
 *
 * @param eventId           see {@link FactRecord#eventId()}
 * @param occurredAt        when its run started
 * @param supersedesEventId see {@link FactRecord#supersedesEventId()}
 * @param testRunId         the event id of its {@link TestRun}
 * @param className         the JUnit class name, pytest module and class, or the Jest/Vitest file
 * @param testName          the test's name
 * @param suiteName         the suite it ran in, or null
 * @param status            {@code "passed"}, {@code "failed"}, {@code "error"} or {@code "skipped"}
 * @param durationMs        how long it took, or null
 * @param failureType       the exception or failure type, or null
 * @param failureMessage    the failure message, or null
 * @param flaky             failed, then passed on a rerun
 * @param rerunCount        reruns recorded for it
 * @param attributes        anything else, as JSON
 */
public record TestCaseResult(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        UUID testRunId,
        String className,
        String testName,
        String suiteName,
        String status,
        Long durationMs,
        String failureType,
        String failureMessage,
        boolean flaky,
        long rerunCount,
        Map<String, Object> attributes)
        implements FactRecord {

    /** The outcomes. */
    public static final Set<String> STATUSES = Set.of("passed", "failed", "error", "skipped");

    /** Validates every field; a bad one throws {@link InvalidRecordException} naming it. */
    public TestCaseResult {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        if (testRunId == null) {
            throw new InvalidRecordException("testRunId", null, "is required");
        }
        Checks.required("className", className);
        Checks.required("testName", testName);
        Checks.optional("suiteName", suiteName);
        Checks.oneOf("status", status, STATUSES);
        Checks.nonNegative("durationMs", durationMs);
        Checks.text("failureType", failureType);
        Checks.text("failureMessage", failureMessage);
        Checks.nonNegative("rerunCount", rerunCount);
        if (flaky && !status.equals("passed")) {
            throw new InvalidRecordException("flaky", flaky, "applies only to a passed test, not to one " + status);
        }
        attributes = Json.normalizeObject("attributes", attributes);
    }

    /** A test case of {@code run} with no failure details. */
    public static TestCaseResult of(TestRun run, UUID runId, String className, String testName, String status) {
        return new TestCaseResult(
                null,
                run.occurredAt(),
                null,
                runId,
                className,
                testName,
                null,
                status,
                null,
                null,
                null,
                false,
                0,
                Map.of());
    }
}
