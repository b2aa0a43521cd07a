package io.agentstore.spi;

/**
 * The root of every exception agent-store throws. It is unchecked: callers handle the few subtypes that
 * carry a decision ({@code StoreLockedException}, {@link InvalidRecordException}) and let the rest travel.
 */
public class AgentStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An error with a message that says what went wrong and, where it can, what to do. */
    public AgentStoreException(String message) {
        super(message);
    }

    /** An error caused by {@code cause}. */
    public AgentStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
