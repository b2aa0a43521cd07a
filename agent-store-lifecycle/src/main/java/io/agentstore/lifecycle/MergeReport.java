package io.agentstore.lifecycle;

import java.util.Map;
import java.util.Objects;

/**
 * What a merge brought in.
 *
 * @param sourceStoreId the id of the merged store
 * @param hostName      the name its facts are grouped under ({@code dim_source_host})
 * @param factsAdded    facts added, by table (facts already present, by event id, are not)
 * @param dimsAdded     dimension rows added, by table (rows whose natural key was present are mapped, not added)
 */
public record MergeReport(
        String sourceStoreId, String hostName, Map<String, Long> factsAdded, Map<String, Long> dimsAdded) {
    /** Copies the maps. */
    public MergeReport {
        Objects.requireNonNull(sourceStoreId, "sourceStoreId must not be null");
        Objects.requireNonNull(hostName, "hostName must not be null");
        factsAdded = Map.copyOf(factsAdded);
        dimsAdded = Map.copyOf(dimsAdded);
    }

    /** Facts added in every table together. */
    public long factsAddedTotal() {
        return factsAdded.values().stream().mapToLong(Long::longValue).sum();
    }

    /** One line for a terminal. */
    public String describe() {
        return "merged store " + sourceStoreId + " as host '" + hostName + "': " + factsAddedTotal() + " fact(s) added "
                + new java.util.TreeMap<>(factsAdded) + ", dimension rows added " + new java.util.TreeMap<>(dimsAdded);
    }
}
