package io.agentstore.strategy;

/**
 * What the record says about one strategy: its success rate with a 95% Wilson score interval, the attempts it
 * rests on, its recent success, its trend, and whether it is time to switch.
 *
 * @param strategy          the strategy
 * @param attempts          attempts counted
 * @param successes         successful attempts
 * @param successRate       successes / attempts
 * @param wilsonLow         lower bound of the 95% Wilson interval of the success rate
 * @param wilsonHigh        upper bound of the 95% Wilson interval
 * @param recentSuccessRate success rate of the last {@value StrategyFacade#RECENT} attempts
 * @param trend             {@code "improving"}, {@code "declining"} or {@code "steady"} (later half against earlier half of the attempts, a change above 0.1)
 * @param switchFlagged     the recent success fell below the long-run rate by more than 0.2, or below 0.5 (the reference's "when should I switch")
 * @param avgDurationMs     average duration, or null when no attempt has one
 * @param enoughData        at least {@value StrategyFacade#MIN_ATTEMPTS} attempts
 */
public record StrategyEvidence(
        String strategy,
        long attempts,
        long successes,
        double successRate,
        double wilsonLow,
        double wilsonHigh,
        double recentSuccessRate,
        String trend,
        boolean switchFlagged,
        Double avgDurationMs,
        boolean enoughData) {}
