package io.agentstore.spi;

/** The code that answers one {@link ToolSpec}. */
@FunctionalInterface
public interface ToolHandler {

    /**
     * Answers a call.
     *
     * @param arguments the caller's arguments, checked on access
     * @param context   the store the call runs against
     * @return the answer: structured content and a readable rendering
     * @throws ToolArgumentException when an argument is missing or bad (the message names it)
     */
    ToolResult call(ToolArguments arguments, StoreContext context);
}
