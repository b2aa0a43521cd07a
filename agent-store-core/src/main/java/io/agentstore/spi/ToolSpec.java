package io.agentstore.spi;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A tool a schema module offers to agents (through the MCP server and the owner process): its name, what
 * it does, the JSON schema of its arguments, whether it only reads, and the code that answers it.
 *
 * @param name        snake_case, unique over all installed modules, for example {@code recall_previous_attempts}
 * @param description what the tool answers and when an agent should call it
 * @param inputSchema the JSON schema (draft 2020-12 object schema, as JSON text) of the arguments, with a
 *                    description for every property
 * @param readOnly    whether the tool only reads the store ({@code readOnlyHint} in MCP)
 * @param handler     the code that answers a call
 */
public record ToolSpec(String name, String description, String inputSchema, boolean readOnly, ToolHandler handler) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    /** Validates the parts. */
    public ToolSpec {
        Objects.requireNonNull(name, "name must not be null");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("tool name must be snake_case (a-z, 0-9, _), was '" + name + "'");
        }
        Objects.requireNonNull(description, "description of tool " + name + " must not be null");
        Objects.requireNonNull(inputSchema, "inputSchema of tool " + name + " must not be null");
        Objects.requireNonNull(handler, "handler of tool " + name + " must not be null");
    }

    /** A read-only tool. */
    public static ToolSpec reading(String name, String description, String inputSchema, ToolHandler handler) {
        return new ToolSpec(name, description, inputSchema, true, handler);
    }

    /** A tool that writes to the store. */
    public static ToolSpec writing(String name, String description, String inputSchema, ToolHandler handler) {
        return new ToolSpec(name, description, inputSchema, false, handler);
    }
}
