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
 * A component linked to (or unlinked from) a dependency it consumes, provides or depends on; the latest link
 * of a pair wins. Stored in the bridge {@code component_dependency_map}.
 *
 * @param eventId           see {@link FactRecord#eventId()}
 * @param occurredAt        when it was linked
 * @param supersedesEventId see {@link FactRecord#supersedesEventId()}
 * @param componentName     the component (required)
 * @param componentType     its type ({@code skill}, {@code agent}, {@code service}, ...), or null
 * @param dependencyName    the dependency (required)
 * @param relationshipType  one of {@link #RELATIONSHIPS}
 * @param active            false removes the link
 * @param attributes        anything else, as JSON
 */
public record ComponentDependency(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String componentName,
        String componentType,
        String dependencyName,
        String relationshipType,
        boolean active,
        Map<String, Object> attributes)
        implements FactRecord {

    /** The relationships. */
    public static final Set<String> RELATIONSHIPS = Set.of("consumes", "provides", "depends_on");

    /** Validates every field; a bad one throws {@link InvalidRecordException} naming it. */
    public ComponentDependency {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Checks.required("componentName", componentName);
        Checks.optional("componentType", componentType);
        Checks.required("dependencyName", dependencyName);
        Checks.oneOf("relationshipType", relationshipType, RELATIONSHIPS);
        attributes = Json.normalizeObject("attributes", attributes);
    }

    /** An active link of {@code component} (of {@code type}) to {@code dependency}. */
    public static ComponentDependency of(String component, String type, String relationship, String dependency) {
        return new ComponentDependency(null, null, null, component, type, dependency, relationship, true, Map.of());
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ComponentDependency}. */
    public static final class Builder extends FactBuilder<Builder> {
        private String componentName;
        private String componentType;
        private String dependencyName;
        private String relationshipType = "consumes";
        private boolean active = true;

        private Builder() {}

        /** The component and its type. */
        public Builder component(String componentName, String componentType) {
            this.componentName = componentName;
            this.componentType = componentType;
            return this;
        }

        /** The relationship and the dependency. */
        public Builder link(String relationshipType, String dependencyName) {
            this.relationshipType = relationshipType;
            this.dependencyName = dependencyName;
            return this;
        }

        /** Removes the link. */
        public Builder removed() {
            this.active = false;
            return this;
        }

        /** The validated record. */
        public ComponentDependency build() {
            return new ComponentDependency(
                    eventId,
                    occurredAt,
                    supersedesEventId,
                    componentName,
                    componentType,
                    dependencyName,
                    relationshipType,
                    active,
                    attributes);
        }
    }
}
