package io.agentstore.quality;

import java.time.Instant;
import java.util.Optional;

/**
 * A test that passed on its previous execution and failed (or errored) on this one ({@code v_test_regressions}).
 *
 * @param className          the test's class
 * @param testName           the test
 * @param brokeAt            when the red run started
 * @param status             {@code "failed"} or {@code "error"}
 * @param failureMessage     why, if known
 * @param commitSha          the commit of the red run, if known
 * @param lastGreenAt        when it last passed
 * @param lastGreenCommitSha the commit it last passed on, if known
 */
public record TestRegression(
        String className,
        String testName,
        Instant brokeAt,
        String status,
        Optional<String> failureMessage,
        Optional<String> commitSha,
        Instant lastGreenAt,
        Optional<String> lastGreenCommitSha) {}
