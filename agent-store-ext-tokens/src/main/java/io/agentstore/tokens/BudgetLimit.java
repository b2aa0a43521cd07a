package io.agentstore.tokens;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A budget: an amount of tokens (all kinds counted) or of US dollars (derived cost).
 *
 * @param unit   what is counted
 * @param amount how much, {@code >= 0}
 */
public record BudgetLimit(Unit unit, BigDecimal amount) {

    /** What a budget counts. */
    public enum Unit {
        /** Tokens of every kind: input, output, cache reads and writes. */
        TOKENS,
        /** US dollars, derived from tokens and prices. */
        USD
    }

    /** Validates. */
    public BudgetLimit {
        Objects.requireNonNull(unit, "unit must not be null");
        Objects.requireNonNull(amount, "amount must not be null");
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("amount must be >= 0, was " + amount);
        }
    }

    /** A budget in tokens. */
    public static BudgetLimit tokens(long tokens) {
        return new BudgetLimit(Unit.TOKENS, BigDecimal.valueOf(tokens));
    }

    /** A budget in US dollars, for example {@code usd("25.00")}. */
    public static BudgetLimit usd(String dollars) {
        return new BudgetLimit(Unit.USD, new BigDecimal(Objects.requireNonNull(dollars, "dollars must not be null")));
    }

    /** A budget in US dollars. */
    public static BudgetLimit usd(BigDecimal dollars) {
        return new BudgetLimit(Unit.USD, dollars);
    }
}
