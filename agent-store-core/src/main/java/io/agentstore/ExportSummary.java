package io.agentstore;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an export run wrote.
 *
 * @param target            the target folder
 * @param format            {@code "parquet"}, {@code "csv"} or {@code "json"}
 * @param incremental       whether only facts recorded since the previous export were written
 * @param previousWatermark the watermark of the previous export to this folder, for an incremental run
 * @param watermark         the latest {@code recorded_at} covered by this export, null when no fact exists
 * @param rows              rows written per table, in the order they were exported (facts: this run's new rows; dimensions:
 *                          all rows)
 * @param manifest          the {@code _manifest.json} written
 */
public record ExportSummary(
        Path target,
        String format,
        boolean incremental,
        Instant previousWatermark,
        Instant watermark,
        Map<String, Long> rows,
        Path manifest) {

    /** Checks the arguments and copies the map, keeping its order. */
    public ExportSummary {
        Objects.requireNonNull(target, "target must not be null");
        Objects.requireNonNull(format, "format must not be null");
        Objects.requireNonNull(rows, "rows must not be null");
        Objects.requireNonNull(manifest, "manifest must not be null");
        if (watermark == null && previousWatermark != null) {
            throw new IllegalArgumentException(
                    "watermark must not be null when previousWatermark is " + previousWatermark);
        }
        if (watermark != null && previousWatermark != null && watermark.isBefore(previousWatermark)) {
            throw new IllegalArgumentException(
                    "watermark " + watermark + " must not be before previousWatermark " + previousWatermark);
        }
        Map<String, Long> copy = new LinkedHashMap<>();
        rows.forEach((table, count) -> {
            Objects.requireNonNull(table, "rows must not contain a null table name");
            if (count == null || count < 0) {
                throw new IllegalArgumentException("rows of '" + table + "' must be >= 0, was " + count);
            }
            copy.put(table, count);
        });
        rows = Collections.unmodifiableMap(copy);
    }

    /** The watermark of the previous export, when there was one. */
    public Optional<Instant> previous() {
        return Optional.ofNullable(previousWatermark);
    }

    /** Fact rows written by this run. */
    public long factRows() {
        return rows.entrySet().stream()
                .filter(e -> e.getKey().startsWith("fact_"))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }
}
