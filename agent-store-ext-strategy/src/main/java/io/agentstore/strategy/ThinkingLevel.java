package io.agentstore.strategy;

/**
 * The thinking budgets of the analytics system's model router: NONE 0, LOW 10,000, MEDIUM 20,000, HIGH 32,000
 * and ULTRA 64,000 tokens.
 */
public enum ThinkingLevel {
    /** No extended thinking. */
    NONE(0),
    /** About 30 s of thinking: simple reasoning. */
    LOW(10_000),
    /** About a minute: standard complexity. */
    MEDIUM(20_000),
    /** About two minutes: complex reasoning, error fixing. */
    HIGH(32_000),
    /** About four minutes: critical decisions, architecture. */
    ULTRA(64_000);

    private final long budgetTokens;

    ThinkingLevel(long budgetTokens) {
        this.budgetTokens = budgetTokens;
    }

    /** The thinking budget in tokens. */
    public long budgetTokens() {
        return budgetTokens;
    }
}
