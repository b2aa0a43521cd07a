package io.agentstore.cdc.check;

import java.util.Map;
import java.util.Optional;

/**
 * What the previous check of a source left behind: the validators to send, the hash and version to compare
 * with, and the hash of each page (a file of a folder).
 *
 * @param etag         the previous {@code ETag}, or null
 * @param lastModified the previous {@code Last-Modified}, or null
 * @param contentHash  the previous content hash, or null
 * @param version      the previous git commit, or null
 * @param pageHashes   the previous hash of each page; a null value marks a page known to be gone
 */
public record Baseline(
        String etag, String lastModified, String contentHash, String version, Map<String, String> pageHashes) {

    /** The baseline of a source never checked. */
    public static final Baseline NONE = new Baseline(null, null, null, null, Map.of());

    /** Copies the page hashes. */
    public Baseline {
        pageHashes = pageHashes == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.HashMap<>(pageHashes));
    }

    /** The previous content hash, if there was one. */
    public Optional<String> hash() {
        return Optional.ofNullable(contentHash);
    }
}
