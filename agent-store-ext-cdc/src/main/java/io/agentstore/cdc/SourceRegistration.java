package io.agentstore.cdc;

import io.agentstore.spi.Checks;
import io.agentstore.spi.FactBuilder;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Json;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A watched source registered, re-registered (new location or schedule) or retired; the latest registration of
 * a source wins ({@code v_sources}). Stored in {@code fact_source_registration}.
 *
 * @param eventId           see {@link FactRecord#eventId()}
 * @param occurredAt        when it was registered
 * @param supersedesEventId see {@link FactRecord#supersedesEventId()}
 * @param sourceName        the source's unique name (required)
 * @param sourceType        one of {@link SourceType#NAMES}
 * @param location          an {@code http(s)} URL without user info, or a local path (required)
 * @param scheduleMinutes   how long after a check the next is due, at least 1
 * @param dependencyName    the dependency the source describes (changes affect its consumers), or null
 * @param active            false retires the source
 * @param attributes        anything else, as JSON
 */
public record SourceRegistration(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String sourceName,
        String sourceType,
        String location,
        long scheduleMinutes,
        String dependencyName,
        boolean active,
        Map<String, Object> attributes)
        implements FactRecord {

    /** Validates every field; a bad one throws {@link InvalidRecordException} naming it. */
    public SourceRegistration {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Checks.required("sourceName", sourceName);
        Checks.oneOf("sourceType", sourceType, SourceType.NAMES);
        Checks.required("location", location);
        if (location.regionMatches(true, 0, "http", 0, 4) && location.contains("://")) {
            String userInfo;
            try {
                userInfo = URI.create(location).getRawUserInfo();
            } catch (IllegalArgumentException e) {
                throw new InvalidRecordException("location", location, "is not a valid URL: " + e.getMessage());
            }
            if (userInfo != null) {
                throw new InvalidRecordException(
                        "location", location, "must not carry credentials (user info); the store never holds them");
            }
        }
        if (scheduleMinutes < 1) {
            throw new InvalidRecordException("scheduleMinutes", scheduleMinutes, "must be at least 1");
        }
        Checks.optional("dependencyName", dependencyName);
        attributes = Json.normalizeObject("attributes", attributes);
    }

    /** A builder; name, type and location are required, the schedule defaults to 60 minutes, active to true. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link SourceRegistration}. */
    public static final class Builder extends FactBuilder<Builder> {
        private String sourceName;
        private String sourceType;
        private String location;
        private long scheduleMinutes = 60;
        private String dependencyName;
        private boolean active = true;

        private Builder() {}

        /** The source's name. */
        public Builder sourceName(String sourceName) {
            this.sourceName = sourceName;
            return this;
        }

        /** The source's type. */
        public Builder sourceType(SourceType sourceType) {
            this.sourceType = sourceType == null ? null : sourceType.id();
            return this;
        }

        /** The URL or path. */
        public Builder location(String location) {
            this.location = location;
            return this;
        }

        /** Minutes between checks. */
        public Builder scheduleMinutes(long scheduleMinutes) {
            this.scheduleMinutes = scheduleMinutes;
            return this;
        }

        /** The dependency the source describes. */
        public Builder dependencyName(String dependencyName) {
            this.dependencyName = dependencyName;
            return this;
        }

        /** Retires the source. */
        public Builder retired() {
            this.active = false;
            return this;
        }

        /** The validated record. */
        public SourceRegistration build() {
            return new SourceRegistration(
                    eventId,
                    occurredAt,
                    supersedesEventId,
                    sourceName,
                    sourceType,
                    location,
                    scheduleMinutes,
                    dependencyName,
                    active,
                    attributes);
        }
    }
}
