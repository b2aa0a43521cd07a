package io.agentstore.tokens;

import java.time.Duration;
import java.util.Objects;

/**
 * When {@link TokensFacade#suggestOptimizations(OptimizationThresholds)} suggests something.
 *
 * @param componentBudgetTokens       a component larger than this is over budget (default 4,000, the
 *                                    reference's budget for a skill)
 * @param minCacheHitRate             a cache hit rate below this is low (default 0.5)
 * @param minCallsForCacheAdvice      fewer API calls than this in the period give no cache advice (default 20)
 * @param simpleCommandMaxOutputTokens a command whose runs average at most this output, without a thinking
 *                                    budget, counts as simple (default 2,000)
 * @param lookback                    how far back usage is looked at (default 30 days)
 */
public record OptimizationThresholds(
        long componentBudgetTokens,
        double minCacheHitRate,
        long minCallsForCacheAdvice,
        long simpleCommandMaxOutputTokens,
        Duration lookback) {
    /** The defaults. */
    public static final OptimizationThresholds DEFAULTS =
            new OptimizationThresholds(4_000, 0.5, 20, 2_000, Duration.ofDays(30));

    /** Validates. */
    public OptimizationThresholds {
        if (componentBudgetTokens < 0) {
            throw new IllegalArgumentException("componentBudgetTokens must be >= 0, was " + componentBudgetTokens);
        }
        if (!(minCacheHitRate >= 0.0 && minCacheHitRate <= 1.0)) {
            throw new IllegalArgumentException("minCacheHitRate must be between 0 and 1, was " + minCacheHitRate);
        }
        if (minCallsForCacheAdvice < 0) {
            throw new IllegalArgumentException("minCallsForCacheAdvice must be >= 0, was " + minCallsForCacheAdvice);
        }
        if (simpleCommandMaxOutputTokens < 0) {
            throw new IllegalArgumentException(
                    "simpleCommandMaxOutputTokens must be >= 0, was " + simpleCommandMaxOutputTokens);
        }
        Objects.requireNonNull(lookback, "lookback must not be null");
        if (lookback.isNegative() || lookback.isZero()) {
            throw new IllegalArgumentException("lookback must be positive, was " + lookback);
        }
    }
}
