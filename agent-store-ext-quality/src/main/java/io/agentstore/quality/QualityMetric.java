package io.agentstore.quality;

import io.agentstore.spi.Checks;
import io.agentstore.spi.InvalidRecordException;

/**
 * A quality metric ({@code dim_quality_metric}): what is measured and the score from which a measurement
 * passes.
 *
 * @param name          the metric's name (its natural key), for example {@code "ruff-errors"}
 * @param type          {@code "validation"}, {@code "test"}, {@code "lint"}, {@code "coverage"}, {@code "user_feedback"}, ..., or null
 * @param passThreshold a score at or above it passes, or null when each measurement says whether it passed
 */
public record QualityMetric(String name, String type, Double passThreshold) {

    /** Validates every field. */
    public QualityMetric {
        Checks.required("metric.name", name);
        Checks.optional("metric.type", type);
        if (passThreshold != null && (passThreshold.isNaN() || passThreshold.isInfinite())) {
            throw new InvalidRecordException("metric.passThreshold", passThreshold, "must be a finite number");
        }
    }

    /** A metric with a name only. */
    public static QualityMetric of(String name) {
        return new QualityMetric(name, null, null);
    }
}
