package io.agentstore.spi;

/**
 * A tool argument is missing or bad. The message names the argument and the value; the MCP server answers
 * it as a tool error, never as a protocol failure.
 */
public final class ToolArgumentException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String argument;

    /** A bad {@code argument}, explained by {@code message}. */
    public ToolArgumentException(String argument, String message) {
        super(message);
        this.argument = argument;
    }

    /** The name of the bad argument. */
    public String argument() {
        return argument;
    }
}
