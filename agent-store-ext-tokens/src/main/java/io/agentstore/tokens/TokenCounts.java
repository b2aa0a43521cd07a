package io.agentstore.tokens;

import io.agentstore.spi.Checks;

/**
 * Tokens by kind, as the providers bill them: uncached input, output, input read from the prompt cache, and
 * input written to the 5-minute and the 1-hour cache. All are {@code >= 0}.
 *
 * @param input        uncached input tokens
 * @param output       output tokens (thinking included)
 * @param cacheRead    input tokens read from the prompt cache
 * @param cacheWrite5m input tokens written to the 5-minute cache
 * @param cacheWrite1h input tokens written to the 1-hour cache
 */
public record TokenCounts(long input, long output, long cacheRead, long cacheWrite5m, long cacheWrite1h) {
    /** No tokens. */
    public static final TokenCounts ZERO = new TokenCounts(0, 0, 0, 0, 0);

    /** Validates: every count {@code >= 0}. */
    public TokenCounts {
        Checks.nonNegative("tokens.input", input);
        Checks.nonNegative("tokens.output", output);
        Checks.nonNegative("tokens.cacheRead", cacheRead);
        Checks.nonNegative("tokens.cacheWrite5m", cacheWrite5m);
        Checks.nonNegative("tokens.cacheWrite1h", cacheWrite1h);
    }

    /** Input and output, no cache. */
    public static TokenCounts of(long input, long output) {
        return new TokenCounts(input, output, 0, 0, 0);
    }

    /** All kinds. */
    public static TokenCounts of(long input, long output, long cacheRead, long cacheWrite5m, long cacheWrite1h) {
        return new TokenCounts(input, output, cacheRead, cacheWrite5m, cacheWrite1h);
    }

    /** Every input token: uncached, cache reads and cache writes (what a context window holds). */
    public long totalInput() {
        return input + cacheRead + cacheWrite5m + cacheWrite1h;
    }

    /** Every token. */
    public long total() {
        return totalInput() + output;
    }
}
