package io.agentstore.agents;

import io.agentstore.core.AgentRef;
import io.agentstore.spi.Checks;
import io.agentstore.spi.FactBuilder;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A flag ({@code fact_flag}): an agent's notice to other modules that a change affects them, with every column
 * of the reference FLAGS table. Its id is its event id; its status per affected module is in
 * {@link FlagStatus} facts ({@code v_flags} shows the overall status).
 *
 * @param eventId           the flag's id; see {@link FactRecord#eventId()}
 * @param occurredAt        when it was created
 * @param supersedesEventId see {@link FactRecord#supersedesEventId()}
 * @param sessionId         the session it was created in, or null
 * @param sourceAgent       the agent that created it, or null
 * @param flagType          one of {@link #TYPES}
 * @param sourceModule      the module that changed, or null
 * @param affectedModules   the modules affected (at least one)
 * @param changeDescription what changed; required
 * @param actionRequired    what the affected modules must do, or null
 * @param impactLevel       one of {@link #IMPACT_LEVELS}
 * @param relatedFiles      files involved
 * @param codeLocation      {@code file:line}, or null
 * @param exampleUsage      how to use the change, or null
 * @param context           more structured data
 * @param notes             resolution notes, or null
 * @param attributes        anything else
 */
public record Flag(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String sessionId,
        AgentRef sourceAgent,
        String flagType,
        String sourceModule,
        List<String> affectedModules,
        String changeDescription,
        String actionRequired,
        String impactLevel,
        List<String> relatedFiles,
        String codeLocation,
        String exampleUsage,
        Map<String, Object> context,
        String notes,
        Map<String, Object> attributes)
        implements FactRecord {
    /** Flag types of the reference (and {@code enhancement}, {@code maintenance} of its health checks). */
    public static final Set<String> TYPES =
            Set.of("change", "new_feature", "refactor", "deprecation", "breaking_change", "enhancement", "maintenance");
    /** Impact levels, lowest first. */
    public static final List<String> IMPACT_LEVELS = List.of("low", "medium", "high", "critical");
    /** A flag's statuses, in order of progress. */
    public static final List<String> STATUSES =
            List.of("pending", "acknowledged", "in_progress", "completed", "skipped");

    /** Validates every field. */
    public Flag {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Checks.optional("sessionId", sessionId);
        Checks.oneOf("flagType", flagType, TYPES);
        Checks.optional("sourceModule", sourceModule);
        affectedModules = Checks.texts("affectedModules", affectedModules == null ? List.of() : affectedModules);
        if (affectedModules.isEmpty()) {
            throw new InvalidRecordException("affectedModules", affectedModules, "must name at least one module");
        }
        Checks.required("changeDescription", changeDescription);
        Checks.text("actionRequired", actionRequired);
        Checks.oneOf("impactLevel", impactLevel, Set.copyOf(IMPACT_LEVELS));
        relatedFiles = Checks.texts("relatedFiles", relatedFiles == null ? List.of() : relatedFiles);
        Checks.optional("codeLocation", codeLocation);
        Checks.text("exampleUsage", exampleUsage);
        context = Json.normalizeObject("context", context);
        Checks.text("notes", notes);
        attributes = Json.normalizeObject("attributes", attributes);
    }

    /** A builder; type, affected modules, change description and impact level are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Flag}. */
    public static final class Builder extends FactBuilder<Builder> {
        private String sessionId;
        private AgentRef sourceAgent;
        private String flagType;
        private String sourceModule;
        private final List<String> affected = new ArrayList<>();
        private String changeDescription;
        private String actionRequired;
        private String impactLevel;
        private final List<String> relatedFiles = new ArrayList<>();
        private String codeLocation;
        private String exampleUsage;
        private final Map<String, Object> context = new LinkedHashMap<>();
        private String notes;

        private Builder() {}

        /** The session it is created in. */
        public Builder sessionId(String sessionId) {
            this.sessionId = sessionId;
            return this;
        }

        /** The module that changed and the agent that says so. */
        public Builder source(String module, String agentName) {
            this.sourceModule = module;
            this.sourceAgent = agentName == null ? null : AgentRef.of(agentName);
            return this;
        }

        /** The type, one of {@link Flag#TYPES}. */
        public Builder type(String flagType) {
            this.flagType = flagType;
            return this;
        }

        /** Modules affected (appended). */
        public Builder affects(String... modules) {
            this.affected.addAll(Arrays.asList(modules));
            return this;
        }

        /** What changed and what the affected modules must do. */
        public Builder change(String description, String actionRequired) {
            this.changeDescription = description;
            this.actionRequired = actionRequired;
            return this;
        }

        /** The impact, one of {@link Flag#IMPACT_LEVELS}. */
        public Builder impact(String impactLevel) {
            this.impactLevel = impactLevel;
            return this;
        }

        /** Files involved (appended). */
        public Builder relatedFiles(String... paths) {
            this.relatedFiles.addAll(Arrays.asList(paths));
            return this;
        }

        /** Where, as {@code file:line}. */
        public Builder codeLocation(String codeLocation) {
            this.codeLocation = codeLocation;
            return this;
        }

        /** How to use the change. */
        public Builder exampleUsage(String exampleUsage) {
            this.exampleUsage = exampleUsage;
            return this;
        }

        /** One entry of structured context. */
        public Builder context(String key, Object value) {
            this.context.put(key, value);
            return this;
        }

        /** Notes. */
        public Builder notes(String notes) {
            this.notes = notes;
            return this;
        }

        /** The flag; throws {@link InvalidRecordException} naming a missing or bad field. */
        public Flag build() {
            return new Flag(
                    eventId,
                    occurredAt,
                    supersedesEventId,
                    sessionId,
                    sourceAgent,
                    flagType,
                    sourceModule,
                    affected,
                    changeDescription,
                    actionRequired,
                    impactLevel,
                    relatedFiles,
                    codeLocation,
                    exampleUsage,
                    context,
                    notes,
                    attributes);
        }
    }
}
