package io.agentstore.core;

import io.agentstore.spi.FactBuilder;

/**
 * The setters shared by builders of facts that happen in a session, by an agent, for a task.
 *
 * @param <B> the concrete builder
 */
public abstract class AgentFactBuilder<B extends AgentFactBuilder<B>> extends FactBuilder<B> {
    /** The session id, or null. */
    protected String sessionId;
    /** The agent, or null. */
    protected AgentRef agent;
    /** The task, or null. */
    protected TaskRef task;

    /** For subclasses. */
    protected AgentFactBuilder() {}

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** The session id. */
    public B sessionId(String sessionId) {
        this.sessionId = sessionId;
        return self();
    }

    /** The agent. */
    public B agent(AgentRef agent) {
        this.agent = agent;
        return self();
    }

    /** The agent, by name. */
    public B agent(String agentName) {
        this.agent = AgentRef.of(agentName);
        return self();
    }

    /** The task. */
    public B task(TaskRef task) {
        this.task = task;
        return self();
    }
}
