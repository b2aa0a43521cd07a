package io.agentstore.tokens;

/**
 * Whether adding planned tokens to a context will overflow it. The effective limit is the window size, or
 * lower when past overflows of the same window (and model) happened earlier: then it is the 10th percentile
 * of the context size at which they happened, since clients compact before the window is full.
 *
 * @param window               the window and its current use
 * @param plannedTokens        the tokens about to be added
 * @param projectedTokens      current use plus planned tokens
 * @param effectiveLimitTokens the limit the projection is compared with
 * @param headroomTokens       {@code effectiveLimitTokens - projectedTokens}; negative when it will not fit
 * @param projectedUtilization projected tokens over the window size
 * @param willOverflow         whether the projection exceeds the effective limit
 * @param overflowsObserved    how many past overflows of this window the limit is based on
 */
public record OverflowPrediction(
        ContextWindow window,
        long plannedTokens,
        long projectedTokens,
        long effectiveLimitTokens,
        long headroomTokens,
        double projectedUtilization,
        boolean willOverflow,
        long overflowsObserved) {}
