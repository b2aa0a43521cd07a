package io.agentstore.cdc;

import io.agentstore.spi.Checks;
import io.agentstore.spi.FactBuilder;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One validation of a skill (a component of type {@code skill}) by the skill-maintainer. Stored in
 * {@code fact_skill_validation}.
 *
 * @param eventId           see {@link FactRecord#eventId()}
 * @param occurredAt        when it was validated
 * @param supersedesEventId see {@link FactRecord#supersedesEventId()}
 * @param skillName         the skill (required)
 * @param skillPath         the skill's file, or null
 * @param valid             whether it passed
 * @param errorCount        the number of errors, at least 0
 * @param warnings          the warnings
 * @param attributes        anything else, as JSON
 */
public record Validation(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String skillName,
        String skillPath,
        boolean valid,
        long errorCount,
        List<String> warnings,
        Map<String, Object> attributes)
        implements FactRecord {

    /** Validates every field; a bad one throws {@link InvalidRecordException} naming it. */
    public Validation {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Checks.required("skillName", skillName);
        Checks.optional("skillPath", skillPath);
        Checks.nonNegative("errorCount", errorCount);
        warnings = Checks.texts("warnings", warnings == null ? List.of() : warnings);
        attributes = Json.normalizeObject("attributes", attributes);
    }

    /** A builder; the skill is required, valid defaults to true. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Validation}. */
    public static final class Builder extends FactBuilder<Builder> {
        private String skillName;
        private String skillPath;
        private boolean valid = true;
        private long errorCount;
        private List<String> warnings = List.of();

        private Builder() {}

        /** The skill and its file. */
        public Builder skill(String skillName, String skillPath) {
            this.skillName = skillName;
            this.skillPath = skillPath;
            return this;
        }

        /** Marks it invalid with this many errors. */
        public Builder invalid(long errorCount) {
            this.valid = false;
            this.errorCount = errorCount;
            return this;
        }

        /** The warnings. */
        public Builder warnings(List<String> warnings) {
            this.warnings = warnings;
            return this;
        }

        /** The validated record. */
        public Validation build() {
            return new Validation(
                    eventId,
                    occurredAt,
                    supersedesEventId,
                    skillName,
                    skillPath,
                    valid,
                    errorCount,
                    warnings,
                    attributes);
        }
    }
}
