package io.agentstore.rag;

import java.time.Duration;

/**
 * What an indexing run did.
 *
 * @param filesSeen         files found (after {@code .gitignore})
 * @param unchanged         files left alone: same size and modification time, or the same content hash
 * @param created           new documents indexed
 * @param modified          changed documents re-indexed
 * @param deleted           documents gone since the last run
 * @param skippedBinary     binary files skipped
 * @param skippedLarge      files over the size limit skipped
 * @param chunksWritten     chunk facts written
 * @param postingsWritten   inverted-index postings written (only for chunk texts not indexed before)
 * @param embeddingsWritten embeddings written (only for chunk texts not embedded before)
 * @param bytesRead         bytes read from changed files
 * @param elapsed           the run's duration
 */
public record IndexReport(
        long filesSeen,
        long unchanged,
        long created,
        long modified,
        long deleted,
        long skippedBinary,
        long skippedLarge,
        long chunksWritten,
        long postingsWritten,
        long embeddingsWritten,
        long bytesRead,
        Duration elapsed) {

    /** Whether the run wrote no fact at all. */
    public boolean wroteNothing() {
        return created + modified + deleted + chunksWritten + postingsWritten + embeddingsWritten == 0;
    }

    /** One line for a terminal. */
    public String summary() {
        return String.format(
                "%d files: %d unchanged, %d created, %d modified, %d deleted, %d binary and %d large skipped; "
                        + "%d chunks, %d postings, %d embeddings written; %.1f MB read in %.1f s",
                filesSeen,
                unchanged,
                created,
                modified,
                deleted,
                skippedBinary,
                skippedLarge,
                chunksWritten,
                postingsWritten,
                embeddingsWritten,
                bytesRead / 1e6,
                elapsed.toMillis() / 1000.0);
    }
}
