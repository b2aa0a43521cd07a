package io.agentstore.tokens;

/**
 * A context window and how full it is.
 *
 * @param model      the model, or null when unknown
 * @param maxTokens  how many input tokens the window holds, {@code >= 1}
 * @param usedTokens how many it holds now, {@code >= 0}
 */
public record ContextWindow(String model, long maxTokens, long usedTokens) {

    /** Validates. */
    public ContextWindow {
        if (model != null && model.isBlank()) {
            throw new IllegalArgumentException("model must not be blank (use null for unknown)");
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be >= 1, was " + maxTokens);
        }
        if (usedTokens < 0) {
            throw new IllegalArgumentException("usedTokens must be >= 0, was " + usedTokens);
        }
    }

    /** A window of a known model. */
    public static ContextWindow of(String model, long maxTokens, long usedTokens) {
        return new ContextWindow(model, maxTokens, usedTokens);
    }

    /** A window of an unnamed model. */
    public static ContextWindow of(long maxTokens, long usedTokens) {
        return new ContextWindow(null, maxTokens, usedTokens);
    }

    /** The share of the window in use. */
    public double utilization() {
        return (double) usedTokens / maxTokens;
    }
}
