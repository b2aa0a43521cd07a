package io.agentstore.claudecode;

import java.time.Duration;
import java.util.Map;

/**
 * What an import did.
 *
 * @param filesSeen      transcript files found
 * @param filesRead      files with new lines that were read
 * @param filesUnchanged files skipped because nothing was added since the last import
 * @param filesReread    files read again from the start because they shrank or were rewritten
 * @param linesRead      complete lines read
 * @param bytesRead      bytes read
 * @param recordsWritten facts recorded (facts already in the store are not counted)
 * @param errors         lines that could not be used (see {@code v_ingest_errors})
 * @param partialLines   files that ended in an incomplete line, left for the next import
 * @param counts         what the lines contained, by kind (line types, API calls, tool calls, prompts...)
 * @param elapsed        how long it took
 */
public record ImportSummary(
        long filesSeen,
        long filesRead,
        long filesUnchanged,
        long filesReread,
        long linesRead,
        long bytesRead,
        long recordsWritten,
        long errors,
        long partialLines,
        Map<String, Long> counts,
        Duration elapsed) {

    /** Copies the map. */
    public ImportSummary {
        counts = Map.copyOf(counts);
    }

    /** A count by kind, 0 when absent. */
    public long count(String kind) {
        return counts.getOrDefault(kind, 0L);
    }

    /** One line for a terminal. */
    @Override
    public String toString() {
        double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        return String.format(
                java.util.Locale.ROOT,
                "%d files (%d read, %d unchanged, %d re-read), %d lines, %.1f MB, %d records written, %d API calls,"
                        + " %d tool calls, %d bad lines, in %.1f s (%.0f lines/s)",
                filesSeen,
                filesRead,
                filesUnchanged,
                filesReread,
                linesRead,
                bytesRead / 1e6,
                recordsWritten,
                count("api_calls"),
                count("tool_calls"),
                errors,
                seconds,
                linesRead / seconds);
    }
}
