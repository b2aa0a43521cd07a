package io.agentstore.lifecycle;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What an erase did: rows removed by table, what it rewrote beside the database, the skip-list hashes and audit
 * tombstones it added, and the file size before and after the rewrite. Holds no erased value.
 *
 * @param eraseId     the id of its row in {@code agent_store_erase_log}
 * @param kind        the kind of scope
 * @param sessions    sessions erased
 * @param rows        rows removed, by table
 * @param files       what was removed beside the database, by place (lines, Parquet rows, files)
 * @param skipHashes  keyed hashes added to the skip list
 * @param tombstones  audit tombstones added
 * @param bytesBefore the database file's size before
 * @param bytesAfter  its size after the rewrite
 */
public record EraseReport(
        UUID eraseId,
        EraseScope.Kind kind,
        long sessions,
        Map<String, Long> rows,
        Map<String, Long> files,
        long skipHashes,
        long tombstones,
        long bytesBefore,
        long bytesAfter) {

    /** Copies the maps. */
    public EraseReport {
        Objects.requireNonNull(eraseId, "eraseId must not be null");
        Objects.requireNonNull(kind, "kind must not be null");
        rows = Map.copyOf(rows);
        files = Map.copyOf(files);
    }

    /** Rows removed from every table together. */
    public long rowsErased() {
        return rows.values().stream().mapToLong(Long::longValue).sum();
    }

    /** One line for a terminal. */
    public String describe() {
        return String.format(
                java.util.Locale.ROOT,
                "erased %s scope: %d session(s), %d row(s) in %d table(s), beside the database %s; %d skip hash(es),"
                        + " %d audit tombstone(s); file %,d -> %,d bytes (rewritten); erase id %s",
                kind.label(),
                sessions,
                rowsErased(),
                rows.size(),
                files.isEmpty() ? "nothing" : new java.util.TreeMap<>(files).toString(),
                skipHashes,
                tombstones,
                bytesBefore,
                bytesAfter,
                eraseId);
    }
}
