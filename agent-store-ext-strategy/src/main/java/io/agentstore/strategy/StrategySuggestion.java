package io.agentstore.strategy;

import java.util.List;
import java.util.Optional;

/**
 * The answer of {@link StrategyFacade#suggestStrategy}: the best strategy for a task type with its evidence, or
 * none when no strategy has enough attempts.
 *
 * @param taskType   the task type asked about
 * @param best       the strategy with the highest lower Wilson bound among those with enough data
 * @param candidates every strategy tried on the task type, best first
 * @param advice     a sentence saying what to do and why
 */
public record StrategySuggestion(
        String taskType, Optional<StrategyEvidence> best, List<StrategyEvidence> candidates, String advice) {

    /** Copies. */
    public StrategySuggestion {
        candidates = List.copyOf(candidates);
    }
}
