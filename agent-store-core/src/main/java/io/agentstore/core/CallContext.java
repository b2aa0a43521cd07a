package io.agentstore.core;

import io.agentstore.spi.Checks;
import java.util.Optional;

/**
 * The session, agent and task that recorded model calls and tool executions belong to, for instrumentation that
 * records on the caller's behalf (agent-store-anthropic's {@code InstrumentedAnthropic}, agent-store-langchain4j's
 * {@code AgentStoreListener}). Give one to the instrumented client or listener for every call, or {@linkplain #enter
 * enter} one on the current thread for code that cannot pass it (a sub-agent, a task): the thread's context wins
 * over the one given while its {@link Scope} is open. One context serves every instrumentation, so code that uses
 * both enters it once.
 *
 * @param sessionId the session, or null
 * @param agent     the agent, or null
 * @param task      the task, or null
 */
public record CallContext(String sessionId, AgentRef agent, TaskRef task) {

    /** No session, agent or task. */
    public static final CallContext NONE = new CallContext(null, null, null);

    private static final ThreadLocal<CallContext> CURRENT = new ThreadLocal<>();

    /** Validates the session id; a blank one throws {@link io.agentstore.spi.InvalidRecordException}. */
    public CallContext {
        Checks.optional("sessionId", sessionId);
    }

    /** A context of this session only. */
    public static CallContext session(String sessionId) {
        return new CallContext(Checks.required("sessionId", sessionId), null, null);
    }

    /** This context with another session. */
    public CallContext withSession(String sessionId) {
        return new CallContext(sessionId, agent, task);
    }

    /** This context with another agent. */
    public CallContext withAgent(AgentRef agent) {
        return new CallContext(sessionId, agent, task);
    }

    /** This context with another agent, by name. */
    public CallContext withAgent(String agentName) {
        return new CallContext(sessionId, AgentRef.of(agentName), task);
    }

    /** This context with another task. */
    public CallContext withTask(TaskRef task) {
        return new CallContext(sessionId, agent, task);
    }

    /** The context entered on the current thread, if one is open. */
    public static Optional<CallContext> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /**
     * Makes {@code context} the current thread's until the returned scope is closed (then the one before it is
     * current again): use it in try-with-resources.
     */
    public static Scope enter(CallContext context) {
        if (context == null) {
            throw new IllegalArgumentException("context must not be null (use CallContext.NONE for none)");
        }
        CallContext previous = CURRENT.get();
        CURRENT.set(context);
        return new Scope(previous);
    }

    /** The thread's context if one is open, else {@code fallback}. */
    public static CallContext currentOr(CallContext fallback) {
        CallContext c = CURRENT.get();
        return c == null ? fallback : c;
    }

    /** An entered context; {@link #close()} restores the one before it. */
    public static final class Scope implements AutoCloseable {
        private final CallContext previous;
        private boolean closed;

        private Scope(CallContext previous) {
            this.previous = previous;
        }

        /** Restores the context that was current before {@link #enter}; closing twice does nothing. */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }
}
