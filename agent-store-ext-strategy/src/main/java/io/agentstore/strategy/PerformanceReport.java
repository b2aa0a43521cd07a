package io.agentstore.strategy;

import java.util.List;

/**
 * An agent's strategy performance over a period, with suggestions ({@link StrategyFacade#analyzePerformance}).
 *
 * @param agent          the agent
 * @param days           the period, in days back from the store clock
 * @param attempts       attempts in the period
 * @param successRate    their success rate (0 when none)
 * @param strategies     each strategy's evidence, best first
 * @param failureReasons the most common failure reasons, most frequent first, as "reason (n)"
 * @param suggestions    what to change, one sentence each
 */
public record PerformanceReport(
        String agent,
        int days,
        long attempts,
        double successRate,
        List<StrategyEvidence> strategies,
        List<String> failureReasons,
        List<String> suggestions) {

    /** Copies. */
    public PerformanceReport {
        strategies = List.copyOf(strategies);
        failureReasons = List.copyOf(failureReasons);
        suggestions = List.copyOf(suggestions);
    }
}
