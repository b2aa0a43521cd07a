package io.agentstore.tokens;

import io.agentstore.spi.Checks;

/**
 * A component that takes up context: a skill, a tool definition, a reference file, a system prompt, an agent
 * or command definition. Its name is the natural key of {@code dim_component}; a new file path opens a new
 * version of it (type 2).
 *
 * @param name     the component's name, for example {@code "skills/pdf/SKILL.md"} or {@code "Bash"}
 * @param type     {@code "skill"}, {@code "tool"}, {@code "reference_file"}, {@code "system_prompt"},
 *                 {@code "agent"}, {@code "command"}, {@code "doc"}, ... or null
 * @param filePath where it lives, or null
 */
public record ComponentRef(String name, String type, String filePath) {

    /** Validates: a name is required. */
    public ComponentRef {
        Checks.required("component.name", name);
        Checks.optional("component.type", type);
        Checks.optional("component.filePath", filePath);
    }

    /** A component known by name only. */
    public static ComponentRef of(String name) {
        return new ComponentRef(name, null, null);
    }

    /** A component with a type. */
    public static ComponentRef of(String name, String type) {
        return new ComponentRef(name, type, null);
    }
}
