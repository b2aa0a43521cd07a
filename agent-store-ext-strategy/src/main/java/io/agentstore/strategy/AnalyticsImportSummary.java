package io.agentstore.strategy;

import java.util.List;
import java.util.Map;

/**
 * What {@link StrategyFacade#importAnalyticsDb} did.
 *
 * @param file          the database read
 * @param imported      new facts per source table (a table imported before adds none)
 * @param badRows       rows that could not be used per source table: counted, recorded in {@code fact_ingest_error}, skipped
 * @param missingTables tables of the analytics schema the file does not have
 */
public record AnalyticsImportSummary(
        String file, Map<String, Long> imported, Map<String, Long> badRows, List<String> missingTables) {

    /** Copies. */
    public AnalyticsImportSummary {
        imported = Map.copyOf(imported);
        badRows = Map.copyOf(badRows);
        missingTables = List.copyOf(missingTables);
    }

    /** Facts recorded now, over all tables. */
    public long totalImported() {
        return imported.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Bad rows over all tables. */
    public long totalBadRows() {
        return badRows.values().stream().mapToLong(Long::longValue).sum();
    }
}
