package io.agentstore.quality;

import io.agentstore.spi.Checks;
import io.agentstore.spi.FactBuilder;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Json;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One test run ({@code fact_test_run}): one report file imported by {@code ingest tests}, or a run an agent
 * records. The counts satisfy {@code passed + failed + errors + skipped = totalTests}; {@code flaky} counts
 * the passed tests that passed only on a rerun.
 *
 * @param eventId           see {@link FactRecord#eventId()}; imported runs use a name-based id from the report's hash
 * @param occurredAt        when the run started (the report's timestamp)
 * @param supersedesEventId see {@link FactRecord#supersedesEventId()}
 * @param sessionId         the session that ran it, or null
 * @param artifact          what was tested, or null
 * @param framework         {@code "junit"}, {@code "surefire"}, {@code "failsafe"}, {@code "gradle"}, {@code "pytest"}, {@code "jest"}, {@code "vitest"}, {@code "manual"}, {@code "unknown"}
 * @param totalTests        tests in the run
 * @param passed            tests that passed
 * @param failed            tests that failed an assertion
 * @param errors            tests that ended in an unexpected error
 * @param skipped           tests skipped
 * @param flaky             passed tests that failed first and passed on a rerun
 * @param durationMs        how long it took, or null
 * @param exitCode          the exit code of the test command, or null
 * @param logPath           the log, or null
 * @param reportPath        the report file, or null
 * @param reportHash        SHA-256 of the report file, or null
 * @param repository        the top-level folder of the repository tested, or null
 * @param commitSha         the commit the tests ran on, or null
 * @param commitRule        how the commit was found: {@code "explicit"} or {@code "head_at_report_time"}; null without a commit
 * @param attributes        anything else, as JSON
 */
public record TestRun(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String sessionId,
        ArtifactRef artifact,
        String framework,
        long totalTests,
        long passed,
        long failed,
        long errors,
        long skipped,
        long flaky,
        Long durationMs,
        Long exitCode,
        String logPath,
        String reportPath,
        String reportHash,
        String repository,
        String commitSha,
        String commitRule,
        Map<String, Object> attributes)
        implements FactRecord {

    /**
     * The frameworks; {@code unknown} is a run seen only as a command (a package manager's test script) whose
     * output named no framework.
     */
    public static final Set<String> FRAMEWORKS =
            Set.of("junit", "surefire", "failsafe", "gradle", "pytest", "jest", "vitest", "manual", "unknown");
    /** How a run's commit was found. */
    public static final Set<String> COMMIT_RULES = Set.of("explicit", "head_at_report_time");

    /** Validates every field; a bad one throws {@link InvalidRecordException} naming it. */
    public TestRun {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Checks.optional("sessionId", sessionId);
        Checks.oneOf("framework", framework, FRAMEWORKS);
        Checks.nonNegative("totalTests", totalTests);
        Checks.nonNegative("passed", passed);
        Checks.nonNegative("failed", failed);
        Checks.nonNegative("errors", errors);
        Checks.nonNegative("skipped", skipped);
        Checks.nonNegative("flaky", flaky);
        if (passed + failed + errors + skipped != totalTests) {
            throw new InvalidRecordException(
                    "totalTests",
                    totalTests,
                    "must equal passed + failed + errors + skipped = " + (passed + failed + errors + skipped));
        }
        if (flaky > passed) {
            throw new InvalidRecordException("flaky", flaky, "must not exceed passed (" + passed + ")");
        }
        Checks.nonNegative("durationMs", durationMs);
        Checks.optional("logPath", logPath);
        Checks.optional("reportPath", reportPath);
        Checks.optional("reportHash", reportHash);
        Checks.optional("repository", repository);
        Checks.optional("commitSha", commitSha);
        if (commitSha == null && commitRule != null) {
            throw new InvalidRecordException("commitRule", commitRule, "must be null when there is no commitSha");
        }
        if (commitSha != null) {
            Checks.oneOf("commitRule", commitRule, COMMIT_RULES);
        }
        attributes = Json.normalizeObject("attributes", attributes);
    }

    /** Whether no test failed or errored. */
    public boolean green() {
        return failed == 0 && errors == 0;
    }

    /** A builder; the framework and the counts are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link TestRun}. */
    public static final class Builder extends FactBuilder<Builder> {
        private String sessionId;
        private ArtifactRef artifact;
        private String framework;
        private long passed;
        private long failed;
        private long errors;
        private long skipped;
        private long flaky;
        private Long durationMs;
        private Long exitCode;
        private String logPath;
        private String reportPath;
        private String reportHash;
        private String repository;
        private String commitSha;
        private String commitRule;

        private Builder() {}

        /** The session that ran it. */
        public Builder sessionId(String sessionId) {
            this.sessionId = sessionId;
            return this;
        }

        /** What was tested. */
        public Builder artifact(ArtifactRef artifact) {
            this.artifact = artifact;
            return this;
        }

        /** The framework (see {@link TestRun#FRAMEWORKS}). */
        public Builder framework(String framework) {
            this.framework = framework;
            return this;
        }

        /** The outcome counts; the total is their sum. */
        public Builder counts(long passed, long failed, long errors, long skipped) {
            this.passed = passed;
            this.failed = failed;
            this.errors = errors;
            this.skipped = skipped;
            return this;
        }

        /** Passed tests that passed only on a rerun. */
        public Builder flaky(long flaky) {
            this.flaky = flaky;
            return this;
        }

        /** Duration and exit code (either may be null). */
        public Builder outcome(Long durationMs, Long exitCode) {
            this.durationMs = durationMs;
            this.exitCode = exitCode;
            return this;
        }

        /** The log file. */
        public Builder logPath(String logPath) {
            this.logPath = logPath;
            return this;
        }

        /** The report file and its SHA-256. */
        public Builder report(String reportPath, String reportHash) {
            this.reportPath = reportPath;
            this.reportHash = reportHash;
            return this;
        }

        /** The repository and the commit the tests ran on, and the rule that found it. */
        public Builder commit(String repository, String commitSha, String commitRule) {
            this.repository = repository;
            this.commitSha = commitSha;
            this.commitRule = commitRule;
            return this;
        }

        /** The validated record. */
        public TestRun build() {
            return new TestRun(
                    eventId,
                    occurredAt,
                    supersedesEventId,
                    sessionId,
                    artifact,
                    framework,
                    passed + failed + errors + skipped,
                    passed,
                    failed,
                    errors,
                    skipped,
                    flaky,
                    durationMs,
                    exitCode,
                    logPath,
                    reportPath,
                    reportHash,
                    repository,
                    commitSha,
                    commitRule,
                    attributes);
        }
    }
}
