package io.agentstore.quality;

import io.agentstore.spi.Checks;

/**
 * Something whose quality is tracked ({@code dim_artifact}): a skill, generated code, a document, a test
 * suite, identified by its path, optionally belonging to a core component.
 *
 * @param path          the artifact's path (its natural key)
 * @param type          {@code "skill"}, {@code "generated_code"}, {@code "documentation"}, {@code "test_suite"}, ..., or null
 * @param componentName the core component it belongs to ({@code dim_component}), or null
 */
public record ArtifactRef(String path, String type, String componentName) {

    /** Validates every field. */
    public ArtifactRef {
        Checks.required("artifact.path", path);
        Checks.optional("artifact.type", type);
        Checks.optional("artifact.componentName", componentName);
    }

    /** An artifact known only by its path. */
    public static ArtifactRef of(String path) {
        return new ArtifactRef(path, null, null);
    }
}
