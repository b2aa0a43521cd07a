package io.agentstore.tokens;

import java.math.BigDecimal;
import java.util.List;

/**
 * Cost over a period, broken down one way, most expensive line first.
 *
 * @param period        the period
 * @param breakdown     what the lines are
 * @param lines         one line per value of the breakdown
 * @param totalCostUsd  the derived cost of all priced calls (0 when none)
 * @param totalTokens   all tokens
 * @param unpricedCalls calls whose model has no price
 */
public record CostReport(
        CostPeriod period,
        CostBreakdown breakdown,
        List<CostLine> lines,
        BigDecimal totalCostUsd,
        long totalTokens,
        long unpricedCalls) {
    /** Copies the lines. */
    public CostReport {
        lines = List.copyOf(lines);
    }
}
