package io.agentstore.tokens;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Where a budget stands: what was used, what is left, how fast it is being used, and what will have been used
 * at the end of the period at that rate.
 *
 * @param scope            the scope checked
 * @param limit            the budget
 * @param used             tokens or USD used so far (for USD, the derived cost of priced calls)
 * @param remaining        {@code limit - used}; negative when over budget
 * @param periodStart      the start of the period, or null when the scope has none (a component, a session
 *                         without calls)
 * @param periodEnd        the end of the period, or null for open-ended scopes (session, component)
 * @param burnRatePerHour  use per hour: used divided by the hours elapsed in the period (at least one minute);
 *                         for a session its first to last call; for a component its use over the last 7 days
 * @param forecast         used plus the burn rate over the rest of the period; used when the period has ended or
 *                         has no end
 * @param unpricedEvents   calls counted in tokens but missing from a USD figure because their model has no price
 */
public record BudgetStatus(
        BudgetScope scope,
        BudgetLimit limit,
        BigDecimal used,
        BigDecimal remaining,
        Instant periodStart,
        Instant periodEnd,
        BigDecimal burnRatePerHour,
        BigDecimal forecast,
        long unpricedEvents) {

    /** Whether more than the limit was used. */
    public boolean isExceeded() {
        return used.compareTo(limit.amount()) > 0;
    }

    /** Whether the forecast is over the limit. */
    public boolean isForecastOverLimit() {
        return forecast.compareTo(limit.amount()) > 0;
    }

    /** The share of the limit used (1.0 = all of it); infinity for a zero limit with some use. */
    public double utilization() {
        if (limit.amount().signum() == 0) {
            return used.signum() == 0 ? 0.0 : Double.POSITIVE_INFINITY;
        }
        return used.doubleValue() / limit.amount().doubleValue();
    }
}
