package io.agentstore.cdc;

import io.agentstore.spi.Checks;
import io.agentstore.spi.FactBuilder;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Json;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One check of a dependency: whether it answered, the version it reported and its latency. Stored in
 * {@code fact_dependency_check}.
 *
 * @param eventId           see {@link FactRecord#eventId()}
 * @param occurredAt        when it was checked
 * @param supersedesEventId see {@link FactRecord#supersedesEventId()}
 * @param dependencyName    the dependency (required)
 * @param dependencyType    its type, for example {@code api_endpoint}, or null
 * @param checkType         {@code api_call}, {@code schema_diff}, {@code config_parse}, {@code health_check}, ...
 * @param available         whether it answered
 * @param versionDetected   the version it reported, or null
 * @param responseTimeMs    its latency, or null
 * @param attributes        check-specific details, as JSON
 */
public record DependencyCheck(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String dependencyName,
        String dependencyType,
        String checkType,
        boolean available,
        String versionDetected,
        Long responseTimeMs,
        Map<String, Object> attributes)
        implements FactRecord {

    /** Validates every field; a bad one throws {@link InvalidRecordException} naming it. */
    public DependencyCheck {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Checks.required("dependencyName", dependencyName);
        Checks.optional("dependencyType", dependencyType);
        Checks.required("checkType", checkType);
        Checks.optional("versionDetected", versionDetected);
        Checks.nonNegative("responseTimeMs", responseTimeMs);
        attributes = Json.normalizeObject("attributes", attributes);
    }

    /** A builder; dependency and check type are required, available defaults to true. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link DependencyCheck}. */
    public static final class Builder extends FactBuilder<Builder> {
        private String dependencyName;
        private String dependencyType;
        private String checkType;
        private boolean available = true;
        private String versionDetected;
        private Long responseTimeMs;

        private Builder() {}

        /** The dependency and its type. */
        public Builder dependency(String dependencyName, String dependencyType) {
            this.dependencyName = dependencyName;
            this.dependencyType = dependencyType;
            return this;
        }

        /** The kind of check. */
        public Builder checkType(String checkType) {
            this.checkType = checkType;
            return this;
        }

        /** Whether it answered. */
        public Builder available(boolean available) {
            this.available = available;
            return this;
        }

        /** The version it reported. */
        public Builder versionDetected(String versionDetected) {
            this.versionDetected = versionDetected;
            return this;
        }

        /** Its latency. */
        public Builder responseTimeMs(Long responseTimeMs) {
            this.responseTimeMs = responseTimeMs;
            return this;
        }

        /** The validated record. */
        public DependencyCheck build() {
            return new DependencyCheck(
                    eventId,
                    occurredAt,
                    supersedesEventId,
                    dependencyName,
                    dependencyType,
                    checkType,
                    available,
                    versionDetected,
                    responseTimeMs,
                    attributes);
        }
    }
}
