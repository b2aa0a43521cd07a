package io.agentstore.tokens.internal;

import io.agentstore.tokens.ModelPrice;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which price versions to record, given the versions already in {@code dim_model_price}: the same
 * rules the writer's type 2 key resolution applies, so that exactly the versions that change something are
 * recorded and loading the same prices twice records nothing.
 * <ul>
 *   <li>a model without versions: added;</li>
 *   <li>the same prices as the current version, or as the version in effect at the date: unchanged;</li>
 *   <li>a date before the current version's start: skipped (history is not rewritten);</li>
 *   <li>otherwise: added, closing the current version at its date.</li>
 * </ul>
 */
public final class PricePlan {
    /** A stored version: its hash and validity. */
    public record Version(String hash, Instant validFrom, Instant validTo) {}

    private final Map<String, List<Version>> versions = new HashMap<>();
    private final List<ModelPrice> added = new ArrayList<>();
    private final List<ModelPrice> skipped = new ArrayList<>();
    private int unchanged;

    /** A plan over the stored versions, by model name. */
    public PricePlan(Map<String, List<Version>> stored) {
        stored.forEach((model, list) -> versions.put(model, new ArrayList<>(list)));
    }

    /** Considers one candidate (candidates of one model in order of their dates). */
    public void consider(ModelPrice candidate) {
        Instant at = candidate.effectiveFrom();
        String hash = candidate.priceHash();
        List<Version> list = versions.computeIfAbsent(candidate.modelName(), k -> new ArrayList<>());
        Version current = list.stream()
                .filter(v -> v.validTo() == null)
                .max(Comparator.comparing(Version::validFrom))
                .orElse(null);
        if (current == null) {
            list.add(new Version(hash, at, null));
            added.add(candidate);
            return;
        }
        if (current.hash().equals(hash)) {
            unchanged++;
            return;
        }
        for (Version v : list) {
            if (v.hash().equals(hash)
                    && !v.validFrom().isAfter(at)
                    && (v.validTo() == null || v.validTo().isAfter(at))) {
                unchanged++;
                return;
            }
        }
        if (at.isBefore(current.validFrom())) {
            skipped.add(candidate);
            return;
        }
        Instant from = at.equals(current.validFrom()) ? at.plus(1, ChronoUnit.MICROS) : at;
        list.remove(current);
        list.add(new Version(current.hash(), current.validFrom(), from));
        list.add(new Version(hash, from, null));
        added.add(candidate);
    }

    /** The versions to record, in order. */
    public List<ModelPrice> added() {
        return List.copyOf(added);
    }

    /** The versions dated before their model's current version. */
    public List<ModelPrice> skipped() {
        return List.copyOf(skipped);
    }

    /** How many candidates were already in effect. */
    public int unchanged() {
        return unchanged;
    }
}
