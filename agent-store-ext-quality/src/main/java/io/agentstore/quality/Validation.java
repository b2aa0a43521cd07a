package io.agentstore.quality;

import io.agentstore.spi.Checks;
import io.agentstore.spi.FactBuilder;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One validation of a component or artifact by a validator ({@code fact_validation}), with its errors and
 * warnings.
 *
 * @param eventId           see {@link FactRecord#eventId()}
 * @param occurredAt        when it was validated
 * @param supersedesEventId see {@link FactRecord#supersedesEventId()}
 * @param sessionId         the session, or null
 * @param componentName     the core component validated ({@code dim_component}), or null
 * @param componentType     its type, or null
 * @param artifact          the artifact validated, or null (one of component and artifact is required)
 * @param validatorName     the validator
 * @param validatorVersion  its version, or null
 * @param valid             whether the component passed
 * @param errors            the error messages
 * @param warnings          the warning messages
 * @param errorCount        errors found (at least {@code errors.size()})
 * @param warningCount      warnings found (at least {@code warnings.size()})
 * @param triggerType       {@code "manual"}, {@code "post_update"}, {@code "pre_commit"}, {@code "ci"}, {@code "hook"}, or null
 * @param attributes        anything else, as JSON
 */
public record Validation(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String sessionId,
        String componentName,
        String componentType,
        ArtifactRef artifact,
        String validatorName,
        String validatorVersion,
        boolean valid,
        List<String> errors,
        List<String> warnings,
        long errorCount,
        long warningCount,
        String triggerType,
        Map<String, Object> attributes)
        implements FactRecord {

    /** The triggers. */
    public static final Set<String> TRIGGERS = Set.of("manual", "post_update", "pre_commit", "ci", "hook");

    /** Validates every field; a bad one throws {@link InvalidRecordException} naming it. */
    public Validation {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Checks.optional("sessionId", sessionId);
        Checks.optional("componentName", componentName);
        Checks.optional("componentType", componentType);
        if (componentName == null && artifact == null) {
            throw new InvalidRecordException("componentName", null, "is required when there is no artifact");
        }
        Checks.required("validatorName", validatorName);
        Checks.optional("validatorVersion", validatorVersion);
        errors = Checks.texts("errors", errors);
        warnings = Checks.texts("warnings", warnings);
        if (errorCount < errors.size()) {
            throw new InvalidRecordException(
                    "errorCount", errorCount, "must be at least the " + errors.size() + " errors listed");
        }
        if (warningCount < warnings.size()) {
            throw new InvalidRecordException(
                    "warningCount", warningCount, "must be at least the " + warnings.size() + " warnings listed");
        }
        if (triggerType != null) {
            Checks.oneOf("triggerType", triggerType, TRIGGERS);
        }
        attributes = Json.normalizeObject("attributes", attributes);
    }

    /** A builder; the validator and a component or artifact are required; valid defaults to "no errors". */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Validation}. */
    public static final class Builder extends FactBuilder<Builder> {
        private String sessionId;
        private String componentName;
        private String componentType;
        private ArtifactRef artifact;
        private String validatorName;
        private String validatorVersion;
        private Boolean valid;
        private final List<String> errors = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();
        private Long errorCount;
        private Long warningCount;
        private String triggerType;

        private Builder() {}

        /** The session. */
        public Builder sessionId(String sessionId) {
            this.sessionId = sessionId;
            return this;
        }

        /** The component validated. */
        public Builder component(String name, String type) {
            this.componentName = name;
            this.componentType = type;
            return this;
        }

        /** The artifact validated. */
        public Builder artifact(ArtifactRef artifact) {
            this.artifact = artifact;
            return this;
        }

        /** The validator and its version (or null). */
        public Builder validator(String name, String version) {
            this.validatorName = name;
            this.validatorVersion = version;
            return this;
        }

        /** Whether it passed; default: no errors. */
        public Builder valid(boolean valid) {
            this.valid = valid;
            return this;
        }

        /** Adds error messages. */
        public Builder errors(String... messages) {
            errors.addAll(List.of(messages));
            return this;
        }

        /** Adds warning messages. */
        public Builder warnings(String... messages) {
            warnings.addAll(List.of(messages));
            return this;
        }

        /** Counts larger than the messages listed (a validator that reports only the first few). */
        public Builder counts(long errorCount, long warningCount) {
            this.errorCount = errorCount;
            this.warningCount = warningCount;
            return this;
        }

        /** What triggered it. */
        public Builder trigger(String triggerType) {
            this.triggerType = triggerType;
            return this;
        }

        /** The validated record. */
        public Validation build() {
            long e = errorCount != null ? errorCount : errors.size();
            long w = warningCount != null ? warningCount : warnings.size();
            return new Validation(
                    eventId,
                    occurredAt,
                    supersedesEventId,
                    sessionId,
                    componentName,
                    componentType,
                    artifact,
                    validatorName,
                    validatorVersion,
                    valid != null ? valid : e == 0,
                    errors,
                    warnings,
                    e,
                    w,
                    triggerType,
                    attributes);
        }
    }
}
