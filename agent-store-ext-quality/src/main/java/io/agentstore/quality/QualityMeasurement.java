package io.agentstore.quality;

import io.agentstore.spi.Checks;
import io.agentstore.spi.FactBuilder;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One measurement of an artifact by a quality metric ({@code fact_quality_measurement}): a score, whether
 * it passed, error and warning counts and the details.
 *
 * @param eventId           see {@link FactRecord#eventId()}
 * @param occurredAt        when it was measured
 * @param supersedesEventId see {@link FactRecord#supersedesEventId()}
 * @param sessionId         the session that measured it, or null
 * @param artifact          what was measured, or null
 * @param metric            the metric
 * @param measuredBy        the tool or person: {@code "skills-ref"}, {@code "pytest"}, {@code "ruff"}, {@code "user"}, ...
 * @param score             the score, or null
 * @param passed            whether it passed
 * @param errorCount        errors found, or null
 * @param warningCount      warnings found, or null
 * @param details           the full error and warning messages, as JSON (empty when none)
 * @param attributes        anything else, as JSON
 */
public record QualityMeasurement(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String sessionId,
        ArtifactRef artifact,
        QualityMetric metric,
        String measuredBy,
        Double score,
        boolean passed,
        Long errorCount,
        Long warningCount,
        Map<String, Object> details,
        Map<String, Object> attributes)
        implements FactRecord {

    /** Validates every field; a bad one throws {@link InvalidRecordException} naming it. */
    public QualityMeasurement {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Checks.optional("sessionId", sessionId);
        if (metric == null) {
            throw new InvalidRecordException("metric", null, "is required");
        }
        Checks.required("measuredBy", measuredBy);
        if (score != null && (score.isNaN() || score.isInfinite())) {
            throw new InvalidRecordException("score", score, "must be a finite number");
        }
        Checks.nonNegative("errorCount", errorCount);
        Checks.nonNegative("warningCount", warningCount);
        details = Json.normalizeObject("details", details);
        attributes = Json.normalizeObject("attributes", attributes);
    }

    /** A builder; the metric and {@code measuredBy} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link QualityMeasurement}. */
    public static final class Builder extends FactBuilder<Builder> {
        private String sessionId;
        private ArtifactRef artifact;
        private QualityMetric metric;
        private String measuredBy;
        private Double score;
        private Boolean passed;
        private Long errorCount;
        private Long warningCount;
        private final Map<String, Object> details = new LinkedHashMap<>();

        private Builder() {}

        /** The session that measured it. */
        public Builder sessionId(String sessionId) {
            this.sessionId = sessionId;
            return this;
        }

        /** What was measured. */
        public Builder artifact(ArtifactRef artifact) {
            this.artifact = artifact;
            return this;
        }

        /** The metric. */
        public Builder metric(QualityMetric metric) {
            this.metric = metric;
            return this;
        }

        /** The tool or person that measured it. */
        public Builder measuredBy(String measuredBy) {
            this.measuredBy = measuredBy;
            return this;
        }

        /** The score; when {@link #passed(boolean)} is not called, it passes when the metric's threshold is met. */
        public Builder score(double score) {
            this.score = score;
            return this;
        }

        /** Whether it passed (overrides the threshold rule). */
        public Builder passed(boolean passed) {
            this.passed = passed;
            return this;
        }

        /** Errors and warnings found. */
        public Builder counts(Long errors, Long warnings) {
            this.errorCount = errors;
            this.warningCount = warnings;
            return this;
        }

        /** Adds one detail (a message list, a location, ...). */
        public Builder detail(String key, Object value) {
            this.details.put(Objects.requireNonNull(key, "detail key must not be null"), value);
            return this;
        }

        /**
         * The validated record.
         *
         * @throws InvalidRecordException when neither {@code passed} nor a score with a metric threshold says
         *                                whether it passed
         */
        public QualityMeasurement build() {
            boolean p;
            if (passed != null) {
                p = passed;
            } else if (score != null && metric != null && metric.passThreshold() != null) {
                p = score >= metric.passThreshold();
            } else {
                throw new InvalidRecordException(
                        "passed", null, "is required unless a score and a metric with a pass threshold decide it");
            }
            return new QualityMeasurement(
                    eventId,
                    occurredAt,
                    supersedesEventId,
                    sessionId,
                    artifact,
                    metric,
                    measuredBy,
                    score,
                    p,
                    errorCount,
                    warningCount,
                    details,
                    attributes);
        }
    }
}
