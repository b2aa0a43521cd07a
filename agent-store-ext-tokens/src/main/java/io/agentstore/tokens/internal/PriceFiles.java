package io.agentstore.tokens.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentstore.spi.AgentStoreException;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Json;
import io.agentstore.tokens.ModelPrice;
import io.agentstore.tokens.TokenPrices;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads price files in LiteLLM's {@code model_prices_and_context_window.json} shape: an object keyed by model
 * name whose values hold per-token prices ({@code input_cost_per_token}, {@code output_cost_per_token},
 * {@code cache_creation_input_token_cost}, {@code cache_creation_input_token_cost_above_1hr},
 * {@code cache_read_input_token_cost}, the same keys with {@code _above_<N>k_tokens} for a higher tier),
 * {@code litellm_provider}, {@code max_input_tokens} and {@code max_output_tokens}. Two additions: an
 * {@code effective_from} per entry ({@code "2025-06-01"} or an ISO-8601 instant) and, for a model with several
 * versions, an array of such objects as its value. Keys starting with {@code _} and {@code sample_spec} are
 * documentation; every other unknown key is ignored.
 */
public final class PriceFiles {
    /** The classpath resource of the bundled prices. */
    public static final String BUNDLED_RESOURCE = "agent-store/tokens/prices.json";

    private static final Pattern TIER_KEY = Pattern.compile("(.+)_above_([0-9]+)k_tokens");
    private static final List<String> BASE_KEYS = List.of(
            "input_cost_per_token",
            "output_cost_per_token",
            "cache_creation_input_token_cost",
            "cache_creation_input_token_cost_above_1hr",
            "cache_read_input_token_cost");
    private static final List<String> OTHER_KEYS = List.of(
            "effective_from",
            "provider",
            "litellm_provider",
            "max_input_tokens",
            "max_output_tokens",
            "max_tokens",
            "mode",
            "source");
    private static volatile List<ModelPrice> bundled;

    private PriceFiles() {}

    /**
     * One entry of a price file, every field possibly missing (an override gives only what it changes).
     *
     * @param modelName           the key
     * @param provider            the provider (LiteLLM's names mapped: Vertex AI and Gemini are "google")
     * @param prices              base prices, components null where absent
     * @param tierThresholdTokens the higher tier's threshold, or null
     * @param tierPrices          the higher tier's prices, components null where absent
     * @param maxInputTokens      the context window, or null
     * @param maxOutputTokens     the output limit, or null
     * @param effectiveFrom       the effective date, or null
     */
    public record Entry(
            String modelName,
            String provider,
            TokenPrices prices,
            Long tierThresholdTokens,
            TokenPrices tierPrices,
            Long maxInputTokens,
            Long maxOutputTokens,
            Instant effectiveFrom) {}

    /** The entries of the price file at {@code file}. */
    public static List<Entry> read(Path file) {
        return read(file, new ArrayList<>());
    }

    /**
     * The entries of the price file at {@code file}; a key this reader does not use is added to
     * {@code warnings}, naming the file, the model and the key (LiteLLM's {@code supports_*}, {@code mode},
     * {@code max_tokens} and {@code source} are known and silent).
     */
    public static List<Entry> read(Path file, List<String> warnings) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString(), warnings);
        } catch (IOException e) {
            throw new AgentStoreException("cannot read the price file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The entries of a price file; {@code origin} names it in error messages. */
    public static List<Entry> parse(InputStream in, String origin) {
        return parse(in, origin, new ArrayList<>());
    }

    private static List<Entry> parse(InputStream in, String origin, List<String> warnings) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new AgentStoreException("the price file " + origin + " is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new AgentStoreException(
                    "the price file " + origin + " must hold a JSON object keyed by model name (LiteLLM's shape)");
        }
        List<Entry> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String model = field.getKey();
            if (model.startsWith("_") || model.equals("sample_spec")) {
                continue;
            }
            JsonNode value = field.getValue();
            if (value.isObject()) {
                unknownKeys(model, value, origin, warnings);
                entries.add(entry(model, value, origin));
            } else if (value.isArray()) {
                for (JsonNode version : value) {
                    if (!version.isObject()) {
                        throw new AgentStoreException(where(origin, model) + "each version must be a JSON object");
                    }
                    unknownKeys(model, version, origin, warnings);
                    entries.add(entry(model, version, origin));
                }
            } else {
                throw new AgentStoreException(where(origin, model) + "must be a JSON object or an array of objects");
            }
        }
        return entries;
    }

    private static void unknownKeys(String model, JsonNode node, String origin, List<String> warnings) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            Matcher m = TIER_KEY.matcher(key);
            boolean known = BASE_KEYS.contains(key)
                    || m.matches() && BASE_KEYS.contains(m.group(1))
                    || OTHER_KEYS.contains(key)
                    || key.startsWith("supports_")
                    || key.startsWith("_");
            if (!known) {
                warnings.add(where(origin, model) + "unknown key '" + key + "' is ignored (known keys: "
                        + String.join(", ", BASE_KEYS) + ", their _above_<N>k_tokens forms, "
                        + String.join(", ", OTHER_KEYS) + ")");
            }
        }
    }

    private static String where(String origin, String model) {
        return "price file " + origin + ", model '" + model + "': ";
    }

    private static Entry entry(String model, JsonNode node, String origin) {
        try {
            BigDecimal[] base = new BigDecimal[BASE_KEYS.size()];
            BigDecimal[] tier = new BigDecimal[BASE_KEYS.size()];
            Long threshold = null;
            for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                int i = BASE_KEYS.indexOf(f.getKey());
                if (i >= 0) {
                    base[i] = number(f.getKey(), f.getValue());
                    continue;
                }
                Matcher m = TIER_KEY.matcher(f.getKey());
                if (m.matches() && BASE_KEYS.contains(m.group(1))) {
                    long t = Long.parseLong(m.group(2)) * 1000;
                    if (threshold != null && threshold != t) {
                        throw new AgentStoreException(where(origin, model) + "has tiers above " + threshold + " and "
                                + t + " tokens; only one higher tier is supported");
                    }
                    threshold = t;
                    tier[BASE_KEYS.indexOf(m.group(1))] = number(f.getKey(), f.getValue());
                }
            }
            TokenPrices tierPrices = new TokenPrices(tier[0], tier[1], tier[2], tier[3], tier[4]);
            return new Entry(
                    model,
                    provider(node),
                    new TokenPrices(base[0], base[1], base[2], base[3], base[4]),
                    tierPrices.isEmpty() ? null : threshold,
                    tierPrices,
                    integer(node, "max_input_tokens"),
                    integer(node, "max_output_tokens"),
                    instant(node.get("effective_from")));
        } catch (InvalidRecordException | IllegalArgumentException | DateTimeParseException | ArithmeticException e) {
            throw new AgentStoreException(where(origin, model) + e.getMessage(), e);
        }
    }

    private static BigDecimal number(String key, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isTextual()) {
            try {
                return new BigDecimal(value.asText().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be a number, was " + value);
            }
        }
        throw new IllegalArgumentException(key + " must be a number, was " + value);
    }

    private static Long integer(JsonNode node, String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.canConvertToExactIntegral() || !v.canConvertToLong()) {
            throw new IllegalArgumentException(key + " must be a whole number, was " + v);
        }
        return v.longValue();
    }

    /** A provider name: LiteLLM's {@code litellm_provider} mapped, or our own {@code provider}. */
    private static String provider(JsonNode node) {
        JsonNode own = node.get("provider");
        if (own != null && own.isTextual() && !own.asText().isBlank()) {
            return own.asText();
        }
        JsonNode p = node.get("litellm_provider");
        if (p == null || !p.isTextual() || p.asText().isBlank()) {
            return null;
        }
        return switch (p.asText()) {
            case "vertex_ai-language-models", "vertex_ai", "gemini" -> "google";
            case "text-completion-openai" -> "openai";
            default -> p.asText();
        };
    }

    /** {@code "2025-06-01"} (start of that UTC day) or an ISO-8601 instant with offset; null when absent. */
    static Instant instant(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("effective_from must be a date or an instant, was " + value);
        }
        String text = value.asText().trim();
        if (text.length() == 10) {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        return OffsetDateTime.parse(text).toInstant();
    }

    /** The bundled prices (parsed once): every entry has its effective date. */
    public static List<ModelPrice> bundled() {
        List<ModelPrice> b = bundled;
        if (b == null) {
            ClassLoader loader = PriceFiles.class.getClassLoader();
            try (InputStream in = loader.getResourceAsStream(BUNDLED_RESOURCE)) {
                if (in == null) {
                    throw new AgentStoreException("the bundled price table " + BUNDLED_RESOURCE
                            + " is not on the classpath (is agent-store-ext-tokens packaged whole?)");
                }
                List<ModelPrice> list = new ArrayList<>();
                for (Entry e : parse(in, BUNDLED_RESOURCE)) {
                    Instant from = e.effectiveFrom() == null ? Instant.EPOCH : e.effectiveFrom();
                    list.add(toPrice(e, from, "bundled", null, bundledEventId(toPrice(e, from, "bundled", null))));
                }
                b = List.copyOf(list);
                bundled = b;
            } catch (IOException e) {
                throw new AgentStoreException("cannot read " + BUNDLED_RESOURCE + ": " + e.getMessage(), e);
            }
        }
        return b;
    }

    /**
     * The event id of a bundled price version: a name-based UUID of the model, its effective date and its price
     * hash, so that every store records the same bundled version under the same id (a merge of two stores then
     * holds it once).
     */
    static UUID bundledEventId(ModelPrice p) {
        return UUID.nameUUIDFromBytes(
                ("agent-store bundled price|" + p.modelName() + "|" + p.effectiveFrom() + "|" + p.priceHash())
                        .getBytes(StandardCharsets.UTF_8));
    }

    /** A complete price version from an entry. */
    public static ModelPrice toPrice(Entry e, Instant effectiveFrom, String source, String sourceFile) {
        return toPrice(e, effectiveFrom, source, sourceFile, null);
    }

    private static ModelPrice toPrice(Entry e, Instant effectiveFrom, String source, String sourceFile, UUID eventId) {
        return new ModelPrice(
                eventId,
                effectiveFrom,
                null,
                e.modelName(),
                e.provider(),
                e.prices(),
                e.tierThresholdTokens(),
                e.tierPrices(),
                e.maxInputTokens(),
                e.maxOutputTokens(),
                source,
                sourceFile,
                Map.of());
    }

    /**
     * An override entry completed with the bundled version of the same model: what the entry leaves out keeps
     * the bundled value.
     */
    public static Entry merge(Entry override, ModelPrice base) {
        if (base == null) {
            return override;
        }
        boolean ownTier = override.tierThresholdTokens() != null;
        return new Entry(
                override.modelName(),
                override.provider() != null ? override.provider() : base.provider(),
                override.prices().orElse(base.prices()),
                ownTier ? override.tierThresholdTokens() : base.tierThresholdTokens(),
                ownTier ? override.tierPrices() : base.tierPrices(),
                override.maxInputTokens() != null ? override.maxInputTokens() : base.maxInputTokens(),
                override.maxOutputTokens() != null ? override.maxOutputTokens() : base.maxOutputTokens(),
                override.effectiveFrom());
    }
}
