package io.agentstore.memory;

import java.util.List;
import java.util.Map;

/**
 * What {@link MemoryFacade#importSqliteMemory(java.nio.file.Path)} did with a database of the original SQLite
 * memory system, per source table.
 *
 * @param file     the database read
 * @param read     rows read per table
 * @param imported facts newly recorded per table (a re-run records none: ids are name-based)
 * @param present  rows whose facts were already in the store, per table
 * @param skipped  rows not imported because their target module is not installed, per table (flags and todos
 *                 belong to the agents module); a re-run after it is installed imports them
 * @param refused  rows refused, each as {@code table#id: reason}
 * @param notes    rows imported with a repair, each as {@code table#id: what was done}
 */
public record SqliteImportReport(
        String file,
        Map<String, Long> read,
        Map<String, Long> imported,
        Map<String, Long> present,
        Map<String, Long> skipped,
        List<String> refused,
        List<String> notes) {

    /** Copies the parts. */
    public SqliteImportReport {
        read = Map.copyOf(read);
        imported = Map.copyOf(imported);
        present = Map.copyOf(present);
        skipped = Map.copyOf(skipped);
        refused = List.copyOf(refused);
        notes = List.copyOf(notes);
    }
}
