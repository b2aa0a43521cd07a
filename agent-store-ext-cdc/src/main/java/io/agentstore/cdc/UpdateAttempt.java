package io.agentstore.cdc;

import io.agentstore.spi.Checks;
import io.agentstore.spi.FactBuilder;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Json;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One attempt of the skill-maintainer to update a skill after a change. Stored in {@code fact_update_attempt}.
 *
 * @param eventId           see {@link FactRecord#eventId()}
 * @param occurredAt        when it was attempted
 * @param supersedesEventId see {@link FactRecord#supersedesEventId()}
 * @param skillName         the skill (required)
 * @param skillPath         the skill's file, or null
 * @param mode              one of {@link #MODES}
 * @param status            one of {@link #STATUSES}
 * @param changesApplied    the number of changes applied, at least 0
 * @param backupPath        where the previous version was saved, or null
 * @param attributes        anything else, as JSON
 */
public record UpdateAttempt(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String skillName,
        String skillPath,
        String mode,
        String status,
        long changesApplied,
        String backupPath,
        Map<String, Object> attributes)
        implements FactRecord {

    /** The modes. */
    public static final Set<String> MODES = Set.of("auto", "assisted", "manual");

    /** The statuses. */
    public static final Set<String> STATUSES = Set.of("applied", "failed", "skipped", "rolled_back");

    /** Validates every field; a bad one throws {@link InvalidRecordException} naming it. */
    public UpdateAttempt {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Checks.required("skillName", skillName);
        Checks.optional("skillPath", skillPath);
        Checks.oneOf("mode", mode, MODES);
        Checks.oneOf("status", status, STATUSES);
        Checks.nonNegative("changesApplied", changesApplied);
        Checks.optional("backupPath", backupPath);
        attributes = Json.normalizeObject("attributes", attributes);
    }

    /** A builder; skill, mode and status are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link UpdateAttempt}. */
    public static final class Builder extends FactBuilder<Builder> {
        private String skillName;
        private String skillPath;
        private String mode;
        private String status;
        private long changesApplied;
        private String backupPath;

        private Builder() {}

        /** The skill and its file. */
        public Builder skill(String skillName, String skillPath) {
            this.skillName = skillName;
            this.skillPath = skillPath;
            return this;
        }

        /** The mode and the outcome. */
        public Builder outcome(String mode, String status, long changesApplied) {
            this.mode = mode;
            this.status = status;
            this.changesApplied = changesApplied;
            return this;
        }

        /** Where the previous version was saved. */
        public Builder backupPath(String backupPath) {
            this.backupPath = backupPath;
            return this;
        }

        /** The validated record. */
        public UpdateAttempt build() {
            return new UpdateAttempt(
                    eventId,
                    occurredAt,
                    supersedesEventId,
                    skillName,
                    skillPath,
                    mode,
                    status,
                    changesApplied,
                    backupPath,
                    attributes);
        }
    }
}
