package io.agentstore.core;

import io.agentstore.spi.Checks;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.Json;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One run of an importer over one file: the byte range it read, the hash of the last line it read and
 * what came of it. The latest run of a file is its watermark (view {@code v_ingest_watermarks}).
 *
 * @param eventId           see {@link FactRecord#eventId()}
 * @param occurredAt        when the run read the file
 * @param supersedesEventId see {@link FactRecord#supersedesEventId()}
 * @param source            the importer, for example {@code "claude-code-transcript"}
 * @param filePath          the file
 * @param fileSize          its size when read
 * @param startOffset       the byte offset the run started at
 * @param endOffset         the byte offset after the last complete line read
 * @param lastLineHash      a hash of the last line read, to notice a rewritten file; null when none
 * @param linesRead         complete lines read
 * @param records           facts recorded from them
 * @param errorCount        lines that could not be used
 * @param reread            whether the file was read again from the start (it shrank or changed)
 * @param attributes        anything else, as JSON
 */
public record IngestRun(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String source,
        String filePath,
        long fileSize,
        long startOffset,
        long endOffset,
        String lastLineHash,
        long linesRead,
        long records,
        long errorCount,
        boolean reread,
        Map<String, Object> attributes)
        implements FactRecord {

    /** Validates every field. */
    public IngestRun {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Checks.required("source", source);
        Checks.required("filePath", filePath);
        Checks.nonNegative("fileSize", fileSize);
        Checks.nonNegative("startOffset", startOffset);
        Checks.nonNegative("endOffset", endOffset);
        if (endOffset < startOffset) {
            throw new io.agentstore.spi.InvalidRecordException(
                    "endOffset", endOffset, "must be >= startOffset " + startOffset);
        }
        Checks.optional("lastLineHash", lastLineHash);
        Checks.nonNegative("linesRead", linesRead);
        Checks.nonNegative("records", records);
        Checks.nonNegative("errorCount", errorCount);
        attributes = Json.normalizeObject("attributes", attributes);
    }
}
