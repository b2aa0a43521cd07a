package io.agentstore.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Recognises DuckDB's storage failures in an exception chain (a damaged file, a full disk or file size
 * limit, a database that DuckDB stopped using after a fatal error) and says what the user can do about
 * them, so that the message of the exception the caller sees ends in advice rather than only the driver's
 * words.
 */
public final class StorageErrors {
    private static final String[] DAMAGED = {
        "corrupt database file",
        "data corruption error",
        "could not read enough bytes",
        "is not a valid duckdb database file"
    };
    private static final String[] FULL = {"no space left on device", "file too large", "disk quota exceeded"};
    private static final String[] FATAL = {"database has been invalidated", "fatal error"};
    /** DuckDB's words when a commit reached the write-ahead log but the checkpoint after it failed. */
    private static final String DURABLE_COMMIT = "commit succeeded and is durable";

    private StorageErrors() {}

    /** Whether DuckDB stopped using the database: every later statement fails until it is opened again. */
    public static boolean isFatal(Throwable error) {
        return matches(error, FATAL);
    }

    /** Whether the file is damaged (a checksum mismatch, a file cut short, not a DuckDB file at all). */
    public static boolean isDamaged(Throwable error) {
        return matches(error, DAMAGED);
    }

    /** Whether the disk, a quota or the process's file size limit is full. */
    public static boolean isFull(Throwable error) {
        return matches(error, FULL);
    }

    /**
     * Whether {@code error} came from a {@code COMMIT} that DuckDB made durable in its write-ahead log before
     * its automatic checkpoint failed: the transaction's data is safe, though the database must be reopened.
     */
    public static boolean isDurableCommit(Throwable error) {
        return matches(error, new String[] {DURABLE_COMMIT});
    }

    /**
     * A sentence (with a leading space) that says what to do about {@code error} with the database
     * {@code file} (null for an in-memory one), or an empty string when it is not a storage failure.
     */
    public static String advice(Throwable error, Path file) {
        String name = file == null ? "the database" : file.toString();
        if (isDamaged(error)) {
            return " " + name + " is damaged. Move it away and restore it from a backup, or build a new store"
                    + " (agent-store ingest again, or the Parquet export loaded by hand); agent-store does not repair"
                    + " database files.";
        }
        if (isFull(error)) {
            return " The disk holding " + name + " is full (or a file size limit, ulimit -f, was reached). Free"
                    + " space; what was committed before is kept."
                    + (isFatal(error)
                            ? " DuckDB stopped using the database after this error: close this store"
                                    + " and open it again once there is space."
                            : " Recording works again once there is space.");
        }
        if (isFatal(error)) {
            return " DuckDB stopped using " + name + " after a fatal error: close this store and open it again"
                    + " (what was committed is kept).";
        }
        return "";
    }

    private static boolean matches(Throwable error, String[] fragments) {
        int depth = 0;
        for (Throwable t = error; t != null && depth < 20; t = t.getCause(), depth++) {
            // only the driver's and the file system's own words: a record's text in some other message must
            // not make a failure look like a storage failure
            String message = t instanceof SQLException || t instanceof IOException ? t.getMessage() : null;
            if (message == null) {
                continue;
            }
            String lower = message.toLowerCase(Locale.ROOT);
            for (String f : fragments) {
                if (lower.contains(f)) {
                    return true;
                }
            }
        }
        return false;
    }
}
