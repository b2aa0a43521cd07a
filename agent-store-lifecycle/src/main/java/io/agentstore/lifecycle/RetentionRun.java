package io.agentstore.lifecycle;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * What a retention run did to one table: the archive it wrote (read back: {@code archivedRows} rows) and the rows it
 * purged, which are exactly the archived ones.
 *
 * @param factTable    the fact table
 * @param cutoff       facts before this instant were due
 * @param archive      the Parquet file
 * @param archivedRows rows in the archive, read back
 * @param purgedRows   rows deleted from the table
 */
public record RetentionRun(String factTable, Instant cutoff, Path archive, long archivedRows, long purgedRows) {
    /** Checks the parts. */
    public RetentionRun {
        Objects.requireNonNull(factTable, "factTable must not be null");
        Objects.requireNonNull(cutoff, "cutoff must not be null");
        Objects.requireNonNull(archive, "archive must not be null");
    }
}
