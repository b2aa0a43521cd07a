package io.agentstore.quality;

import io.agentstore.spi.Checks;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Json;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A file a commit changed ({@code commit_file_map}, the bridge between commits and {@code dim_file}).
 * {@code filePath} is absolute (the repository folder and the path git reports), as file modifications
 * store paths, so that commits join the sessions that edited the same files.
 *
 * @param eventId           see {@link FactRecord#eventId()}
 * @param occurredAt        the commit's time
 * @param supersedesEventId see {@link FactRecord#supersedesEventId()}
 * @param commitSha         the commit
 * @param filePath          the absolute path
 * @param relativePath      the path within the repository
 * @param linesAdded        lines added, or null for a binary file
 * @param linesDeleted      lines deleted, or null for a binary file
 * @param attributes        anything else, as JSON
 */
public record CommitFile(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String commitSha,
        String filePath,
        String relativePath,
        Long linesAdded,
        Long linesDeleted,
        Map<String, Object> attributes)
        implements FactRecord {

    /** Validates every field; a bad one throws {@link InvalidRecordException} naming it. */
    public CommitFile {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Commit.sha(commitSha, "commitSha");
        Checks.required("filePath", filePath);
        Checks.required("relativePath", relativePath);
        Checks.nonNegative("linesAdded", linesAdded);
        Checks.nonNegative("linesDeleted", linesDeleted);
        attributes = Json.normalizeObject("attributes", attributes);
    }
}
