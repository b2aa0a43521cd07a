package io.agentstore.quality;

import java.time.Instant;
import java.util.Optional;

/**
 * A test green before a session's commit and red on it ({@code v_agent_regressions}).
 *
 * @param sessionId      the session behind the commit
 * @param commitSha      the commit
 * @param className      the test's class
 * @param testName       the test
 * @param status         {@code "failed"} or {@code "error"}
 * @param failureMessage why, if known
 * @param greenCommitSha the commit it last passed on, if known
 * @param redAt          when the red run started
 */
public record AgentRegression(
        String sessionId,
        String commitSha,
        String className,
        String testName,
        String status,
        Optional<String> failureMessage,
        Optional<String> greenCommitSha,
        Instant redAt) {}
