package io.agentstore.core;

import io.agentstore.spi.Checks;

/**
 * The agent a fact belongs to: its name (the natural key), its kind and the hash of its system prompt. A
 * new prompt hash opens a new version of the agent (type 2), so facts can be compared across prompts.
 *
 * @param name             the agent name, for example {@code "main"} or {@code "code-reviewer"}
 * @param type             {@code "main"}, {@code "subagent"}, {@code "team_member"}, ... or null
 * @param systemPromptHash a hash of the system prompt, or null
 */
public record AgentRef(String name, String type, String systemPromptHash) {

    /** Validates: a name is required. */
    public AgentRef {
        Checks.required("agent.name", name);
        Checks.optional("agent.type", type);
        Checks.optional("agent.systemPromptHash", systemPromptHash);
    }

    /** An agent known only by name. */
    public static AgentRef of(String name) {
        return new AgentRef(name, null, null);
    }

    /** An agent with a kind. */
    public static AgentRef of(String name, String type) {
        return new AgentRef(name, type, null);
    }
}
