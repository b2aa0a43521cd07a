package io.agentstore.tokens;

import java.math.BigDecimal;

/**
 * A suggestion to spend fewer tokens or dollars.
 *
 * @param kind               what kind of saving
 * @param subject            what it is about: a component, a command, or {@code "prompt cache"}
 * @param detail             a sentence saying what was found and what to do
 * @param metric             the figure behind it (tokens over budget, hit rate, average output tokens)
 * @param estimatedSavingUsd the estimated saving over the period looked at, or null when not estimated
 */
public record Optimization(Kind kind, String subject, String detail, double metric, BigDecimal estimatedSavingUsd) {

    /** Kinds of suggestion. */
    public enum Kind {
        /** A component whose current size is over the per-component token budget: trim or split it. */
        OVER_BUDGET_COMPONENT,
        /** Little of the input is read from the prompt cache: stabilise prompt prefixes, use cache breakpoints. */
        LOW_CACHE_HIT_RATE,
        /** A simple command (no thinking, small output) runs on an expensive model: route it to a cheaper one. */
        EXPENSIVE_MODEL_ON_SIMPLE_COMMAND
    }
}
