package io.agentstore.cdc.check;

import java.util.List;
import java.util.Optional;

/**
 * What one check of a source found.
 *
 * @param available    whether the source answered
 * @param changed      whether it changed since the {@link Baseline}
 * @param httpStatus   the HTTP status, or null
 * @param etag         the validator to send next time, or null
 * @param lastModified the other validator, or null
 * @param contentHash  the sha-256 of the content, or null (not fetched: a 304, or unavailable)
 * @param version      the git commit, or null
 * @param durationMs   how long it took
 * @param error        why it is unavailable, or null
 * @param content      the content as text when it was fetched and changed, or null
 * @param pages        the pages that appeared, changed or disappeared (folders), in path order
 * @param files        the files a git commit move touched, in git's order
 */
public record CheckResult(
        boolean available,
        boolean changed,
        Long httpStatus,
        String etag,
        String lastModified,
        String contentHash,
        String version,
        long durationMs,
        String error,
        String content,
        List<PageResult> pages,
        List<FileChange> files) {

    /** Copies the lists. */
    public CheckResult {
        pages = pages == null ? List.of() : List.copyOf(pages);
        files = files == null ? List.of() : List.copyOf(files);
    }

    /** An unavailable source. */
    public static CheckResult unavailable(Long httpStatus, long durationMs, String error) {
        return new CheckResult(false, false, httpStatus, null, null, null, null, durationMs, error, null, null, null);
    }

    /** The fetched content, when there is one. */
    public Optional<String> text() {
        return Optional.ofNullable(content);
    }

    /**
     * One page of a folder that appeared, changed or disappeared.
     *
     * @param path    the path relative to the folder, with {@code /}
     * @param hash    the new hash, or null when the page disappeared
     * @param content the new content as text (null when gone or not text)
     */
    public record PageResult(String path, String hash, String content) {}

    /**
     * A file a git commit move touched.
     *
     * @param status {@code A}dded, {@code D}eleted or {@code M}odified (renames are a deletion and an addition)
     * @param path   the path in the repository
     */
    public record FileChange(String status, String path) {}
}
