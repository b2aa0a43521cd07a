package io.agentstore.quality;

/**
 * A test ranked by instability ({@code v_flaky_tests}).
 *
 * @param className  the test's class
 * @param testName   the test
 * @param flips      changes between green and red from one execution to the next
 * @param flakyRuns  executions that failed and passed on a rerun within one run
 * @param executions executions (skips left out)
 * @param failures   red executions
 */
public record FlakyTest(
        String className, String testName, long flips, long flakyRuns, long executions, long failures) {}
