package io.agentstore.tokens;

import java.math.BigDecimal;

/**
 * One line of a cost report.
 *
 * @param key              the value broken down by (a day, a model, ...), or {@code "(none)"} for calls without one
 * @param calls            API calls
 * @param inputTokens      uncached input tokens
 * @param outputTokens     output tokens
 * @param cacheReadTokens  cache reads
 * @param cacheWriteTokens cache writes (5-minute and 1-hour)
 * @param totalTokens      all tokens
 * @param costUsd          the derived cost of the priced calls (12 decimals)
 * @param reportedCostUsd  the provider-reported cost where known, or null
 * @param unpricedCalls    calls whose model has no price (not in {@code costUsd})
 */
public record CostLine(
        String key,
        long calls,
        long inputTokens,
        long outputTokens,
        long cacheReadTokens,
        long cacheWriteTokens,
        long totalTokens,
        BigDecimal costUsd,
        BigDecimal reportedCostUsd,
        long unpricedCalls) {}
