package io.agentstore.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/**
 * The per-token prices of the workload's models, read from the tokens module's bundled price table (the same
 * file agent-store loads into {@code dim_model_price}), so that every contender prices the same tokens alike.
 * The workload keeps every call's input below the 200k-token tier, so only the base prices apply.
 */
final class Prices {
    /** {input, output, cache read, 5-minute cache write, 1-hour cache write} per token, by model index. */
    final BigDecimal[][] perToken;

    private Prices(BigDecimal[][] perToken) {
        this.perToken = perToken;
    }

    static Prices bundled() {
        ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        try (InputStream in = Prices.class.getClassLoader().getResourceAsStream("agent-store/tokens/prices.json")) {
            if (in == null) {
                throw new IllegalStateException("agent-store/tokens/prices.json is not on the class path");
            }
            JsonNode root = mapper.readTree(in);
            BigDecimal[][] p = new BigDecimal[Workload.MODELS.length][];
            for (int m = 0; m < p.length; m++) {
                JsonNode n = root.get(Workload.MODELS[m]);
                if (n == null) {
                    throw new IllegalStateException("the bundled price table has no " + Workload.MODELS[m]);
                }
                BigDecimal input = n.get("input_cost_per_token").decimalValue();
                BigDecimal read = n.has("cache_read_input_token_cost")
                        ? n.get("cache_read_input_token_cost").decimalValue()
                        : input;
                BigDecimal w5 = n.has("cache_creation_input_token_cost")
                        ? n.get("cache_creation_input_token_cost").decimalValue()
                        : input;
                BigDecimal w1 = n.has("cache_creation_input_token_cost_above_1hr")
                        ? n.get("cache_creation_input_token_cost_above_1hr").decimalValue()
                        : w5;
                p[m] = new BigDecimal[] {input, n.get("output_cost_per_token").decimalValue(), read, w5, w1};
            }
            return new Prices(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The exact cost of API call {@code e} of {@code w}. */
    BigDecimal cost(Workload w, int e) {
        BigDecimal[] p = perToken[w.what[e]];
        return p[0].multiply(BigDecimal.valueOf(w.v0[e]))
                .add(p[1].multiply(BigDecimal.valueOf(w.v1[e])))
                .add(p[2].multiply(BigDecimal.valueOf(w.v2[e])))
                .add(p[3].multiply(BigDecimal.valueOf(w.v3[e])))
                .add(p[4].multiply(BigDecimal.valueOf(w.v4[e])));
    }

    /** The same cost as a double, the way a JSONL scanner computes it. */
    double costDouble(Workload w, int e) {
        BigDecimal[] p = perToken[w.what[e]];
        return p[0].doubleValue() * w.v0[e]
                + p[1].doubleValue() * w.v1[e]
                + p[2].doubleValue() * w.v2[e]
                + p[3].doubleValue() * w.v3[e]
                + p[4].doubleValue() * w.v4[e];
    }
}
