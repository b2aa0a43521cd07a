package io.agentstore.tokens;

import java.nio.file.Path;
import java.util.List;

/**
 * What measuring a folder of components did.
 *
 * @param recorded  measurements recorded: files that are new or whose content changed
 * @param unchanged files whose content hash equals their latest measurement (nothing recorded)
 * @param skipped   files not measured: binary (a NUL byte in the first 8 KiB) or unreadable
 */
public record MeasurementReport(List<ComponentMeasurement> recorded, int unchanged, List<Path> skipped) {
    /** Copies the lists. */
    public MeasurementReport {
        recorded = List.copyOf(recorded);
        skipped = List.copyOf(skipped);
    }
}
