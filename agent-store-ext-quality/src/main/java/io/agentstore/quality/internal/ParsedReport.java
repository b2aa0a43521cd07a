package io.agentstore.quality.internal;

import java.time.Instant;
import java.util.List;

/**
 * A test report as read from its file, before it becomes facts.
 *
 * @param framework   the framework the report comes from
 * @param startedAt   the report's own timestamp, or null when it has none
 * @param zoneAssumed whether the timestamp had no offset and was read as UTC
 * @param durationMs  the run's duration, or null
 * @param cases       the test cases, in file order
 */
public record ParsedReport(
        String framework, Instant startedAt, boolean zoneAssumed, Long durationMs, List<Case> cases) {

    /** Copies. */
    public ParsedReport {
        cases = List.copyOf(cases);
    }

    /**
     * One test case.
     *
     * @param suiteName      the innermost suite, or null
     * @param className      the class (never blank)
     * @param testName       the test (never blank)
     * @param status         passed, failed, error or skipped
     * @param durationMs     the duration, or null
     * @param failureType    the failure's type, or null
     * @param failureMessage the failure's message, or null
     * @param flaky          failed then passed on a rerun
     * @param reruns         reruns recorded
     */
    public record Case(
            String suiteName,
            String className,
            String testName,
            String status,
            Long durationMs,
            String failureType,
            String failureMessage,
            boolean flaky,
            long reruns) {}

    /** A report that could not be read: the reason and where. */
    public static final class BadReportException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final long line;
        private final long offset;

        /** A bad report at a 1-based line (0 when unknown) and offset. */
        public BadReportException(String reason, long line, long offset, Throwable cause) {
            super(reason, cause);
            this.line = line;
            this.offset = offset;
        }

        /** The 1-based line, or 0. */
        public long line() {
            return line;
        }

        /** The character offset, or 0. */
        public long offset() {
            return offset;
        }
    }
}
