package io.agentstore.mcp;

import io.agentstore.spi.ToolSpec;
import java.util.Objects;

/**
 * What a client needs to know of a tool to offer it: the parts of a {@link ToolSpec} without its handler.
 *
 * @param name        the tool name
 * @param description what it answers
 * @param inputSchema the JSON schema of its arguments, as JSON text
 * @param readOnly    whether it only reads
 */
public record ToolInfo(String name, String description, String inputSchema, boolean readOnly) {

    /** Validates the parts. */
    public ToolInfo {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(description, "description must not be null");
        Objects.requireNonNull(inputSchema, "inputSchema must not be null");
    }

    /** The descriptor of a module tool. */
    public static ToolInfo of(ToolSpec spec) {
        return new ToolInfo(spec.name(), spec.description(), spec.inputSchema(), spec.readOnly());
    }
}
