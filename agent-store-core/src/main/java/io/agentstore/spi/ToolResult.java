package io.agentstore.spi;

import java.util.Objects;

/**
 * The answer of a tool: a structured value (maps, lists, strings, numbers, booleans, as JSON would hold
 * them) and a readable text rendering of it for clients that show text.
 *
 * @param structured the structured content; a JSON object (a {@code Map}) at the top
 * @param text       the readable rendering
 */
public record ToolResult(Object structured, String text) {

    /** Validates the parts. */
    public ToolResult {
        Objects.requireNonNull(structured, "structured must not be null");
        Objects.requireNonNull(text, "text must not be null");
    }
}
