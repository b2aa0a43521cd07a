package io.agentstore.tokens;

import io.agentstore.spi.InvalidRecordException;
import java.math.BigDecimal;

/**
 * Prices in USD per token for each kind of token. In a base price {@code input} and {@code output} are
 * required; the others may be null, and are then billed as the views say: a cache read or a 5-minute cache
 * write as input, a 1-hour cache write as a 5-minute one. In a higher-tier price every component may be
 * null, meaning "the base price".
 *
 * @param input        uncached input
 * @param output       output
 * @param cacheWrite5m a write to the 5-minute cache (LiteLLM's {@code cache_creation_input_token_cost})
 * @param cacheWrite1h a write to the 1-hour cache ({@code cache_creation_input_token_cost_above_1hr})
 * @param cacheRead    a cache read ({@code cache_read_input_token_cost})
 */
public record TokenPrices(
        BigDecimal input, BigDecimal output, BigDecimal cacheWrite5m, BigDecimal cacheWrite1h, BigDecimal cacheRead) {
    /** The scale of {@code DECIMAL(20,12)}, the type of prices per token. */
    public static final int SCALE = 12;

    /** Prices with nothing set (a tier that has none). */
    public static final TokenPrices NONE = new TokenPrices(null, null, null, null, null);

    /** Validates each price: {@code >= 0}, at most 12 decimals and below 10^8; scales are normalised to 12. */
    public TokenPrices {
        input = price("input", input);
        output = price("output", output);
        cacheWrite5m = price("cacheWrite5m", cacheWrite5m);
        cacheWrite1h = price("cacheWrite1h", cacheWrite1h);
        cacheRead = price("cacheRead", cacheRead);
    }

    /** Input and output prices only. */
    public static TokenPrices of(BigDecimal input, BigDecimal output) {
        return new TokenPrices(input, output, null, null, null);
    }

    /** Prices from dollars per million tokens, the way price lists show them, for example {@code "3", "15"}. */
    public static TokenPrices perMillion(
            String input, String output, String cacheWrite5m, String cacheWrite1h, String cacheRead) {
        return new TokenPrices(
                million(input), million(output), million(cacheWrite5m), million(cacheWrite1h), million(cacheRead));
    }

    /** Whether no component is set. */
    public boolean isEmpty() {
        return input == null && output == null && cacheWrite5m == null && cacheWrite1h == null && cacheRead == null;
    }

    /** These prices with the components this one leaves null taken from {@code fallback}. */
    public TokenPrices orElse(TokenPrices fallback) {
        return new TokenPrices(
                input != null ? input : fallback.input,
                output != null ? output : fallback.output,
                cacheWrite5m != null ? cacheWrite5m : fallback.cacheWrite5m,
                cacheWrite1h != null ? cacheWrite1h : fallback.cacheWrite1h,
                cacheRead != null ? cacheRead : fallback.cacheRead);
    }

    private static BigDecimal million(String perMillion) {
        return perMillion == null ? null : new BigDecimal(perMillion).movePointLeft(6);
    }

    private static BigDecimal price(String field, BigDecimal value) {
        if (value == null) {
            return null;
        }
        if (value.signum() < 0) {
            throw new InvalidRecordException("prices." + field, value, "must be >= 0");
        }
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() > SCALE) {
            throw new InvalidRecordException(
                    "prices." + field,
                    value,
                    "must have at most " + SCALE + " decimal places (a price per token, DECIMAL(20,12))");
        }
        if (stripped.precision() - stripped.scale() > 8) {
            throw new InvalidRecordException("prices." + field, value, "must be below 10^8 USD per token");
        }
        return value.setScale(SCALE);
    }
}
