package io.agentstore.lifecycle;

import io.agentstore.spi.AgentStoreException;

/** A lifecycle operation (erase, retention, merge) was refused or could not complete; the message says why. */
public final class LifecycleException extends AgentStoreException {
    private static final long serialVersionUID = 1L;

    /** With a message naming what was wrong. */
    public LifecycleException(String message) {
        super(message);
    }

    /** With a message and the cause. */
    public LifecycleException(String message, Throwable cause) {
        super(message, cause);
    }
}
