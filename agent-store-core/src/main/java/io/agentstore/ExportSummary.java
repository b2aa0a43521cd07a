package io.agentstore;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What an export run wrote.
 *
 * @param target            the target folder
 * @param format            {@code "parquet"}, {@code "csv"} or {@code "json"}
 * @param incremental       whether only facts recorded since the previous export were written
 * @param previousWatermark the watermark of the previous export to this folder, for an incremental run
 * @param watermark         the latest {@code recorded_at} covered by this export, null when no fact exists
 * @param rows              rows written per table (facts: this run's new rows; dimensions: all rows)
 * @param manifest          the {@code _manifest.json} written
 */
public record ExportSummary(Path target, String format, boolean incremental, Instant previousWatermark,
                            Instant watermark, Map<String, Long> rows, Path manifest) {

    /** Copies the map. */
    public ExportSummary {
        rows = Map.copyOf(rows);
    }

    /** The watermark of the previous export, when there was one. */
    public Optional<Instant> previous() {
        return Optional.ofNullable(previousWatermark);
    }

    /** Fact rows written by this run. */
    public long factRows() {
        return rows.entrySet().stream().filter(e -> e.getKey().startsWith("fact_")).mapToLong(Map.Entry::getValue).sum();
    }
}
